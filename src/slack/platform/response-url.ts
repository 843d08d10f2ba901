import { SlackPermanentError } from './send-errors.ts';

/** Slack keeps a response_url open for 30 minutes; an answer that takes longer than this is not coming. */
const timeoutMillis = 10_000;

/**
 * Answers a slash command after its ack, through the command's response_url (Slack allows five uses in 30
 * minutes). A refused URL (expired, used up) is permanent; a network failure or 5xx throws, to be retried.
 */
export async function postToResponseUrl(url: string, message: Record<string, unknown>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(timeoutMillis),
  });
  await response.body?.cancel();
  if (response.status >= 500) throw new Error(`response_url answered ${response.status}`);
  if (!response.ok) throw new SlackPermanentError('response_url', `http_${response.status}`);
}
