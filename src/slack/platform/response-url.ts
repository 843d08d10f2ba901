import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { activeTracer } from '../../observability/tracing.ts';
import { SlackPermanentError } from './send-errors.ts';

/** Slack keeps a response_url open for 30 minutes; an answer that takes longer than this is not coming. */
const timeoutMillis = 10_000;

/**
 * Answers a slash command after its ack, through the command's response_url (Slack allows five uses in 30
 * minutes). A refused URL (expired, used up) is permanent; a network failure or 5xx throws, to be retried.
 */
export async function postToResponseUrl(url: string, message: Record<string, unknown>): Promise<void> {
  const tracer = activeTracer();
  if (!tracer) {
    await post(url, message);
    return;
  }
  // The URL itself is a credential for 30 minutes: the span names the kind of call, not where it went.
  await tracer.startActiveSpan('slack response_url', { kind: SpanKind.CLIENT }, async (span) => {
    try {
      span.setAttribute('http.response.status_code', await post(url, message));
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

async function post(url: string, message: Record<string, unknown>): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(timeoutMillis),
  });
  await response.body?.cancel();
  if (response.status >= 500) throw new Error(`response_url answered ${response.status}`);
  if (!response.ok) throw new SlackPermanentError('response_url', `http_${response.status}`);
  return response.status;
}
