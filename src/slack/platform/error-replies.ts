import type { ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import type { Logger } from '../../observability/logger.ts';
import { plainText, type SlackMessage, textMessage } from './block-kit.ts';
import { listenerLabel } from './middleware/listener-label.ts';
import { isWorkspaceNotServed } from './workspace-not-served.ts';
/**
 * How Nudge says no, in kudos, pairing and celebrations alike: what is wrong, then what to do about it, and no
 * icon. Only the person who asked sees it; a warning sign would make a slip look like an alarm.
 */
export function problemReply(problem: string, hint?: string): SlackMessage {
  return textMessage(problem, hint);
}

export const tryAgainText =
  "Sorry, Nudge couldn't do that just now because one of its services is briefly unavailable. Nothing was changed — please try again in a minute.";

/**
 * Never a 5xx to Slack: an unknown or uninstalled workspace gets 401; any other failure before the ack gets
 * a 200 that, for a slash command, tells the person to try again (a 5xx would only make Slack retry). A failed
 * authorization is a 401 only when the workspace is really not served: Postgres being away while an install
 * is looked up is a temporary fault, not a reason to tell Slack the app is not installed.
 */
export function processEventErrorHandler(logger: Logger) {
  return async ({ error, response, request }: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    const body = parsedBody(
      (request as { rawBody?: Buffer }).rawBody?.toString() ?? '',
      request.headers['content-type'],
    );
    const listener = body ? listenerLabel(body) : 'unknown';
    if (response.headersSent) {
      logger.error({ err: error, listener }, 'listener failed after acknowledging');
      return false;
    }
    if (isWorkspaceNotServed(error)) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'this workspace has no active Nudge installation' }));
      return true;
    }
    logger.error({ err: error, listener }, 'listener failed before acknowledging');
    response.writeHead(200, { 'content-type': 'application/json' });
    const answer = tryAgainAck(body);
    response.end(answer ? JSON.stringify(answer) : '');
    return true;
  };
}

/** The request body as Bolt parsed it (a form's `payload` is JSON), or undefined when it is not an object. */
function parsedBody(raw: string, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    const form = contentType === 'application/x-www-form-urlencoded' ? new URLSearchParams(raw) : undefined;
    const value: unknown = form
      ? form.has('payload')
        ? JSON.parse(form.get('payload') ?? '')
        : Object.fromEntries(form)
      : JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The ack body that tells the person to try again, by what they did: an ephemeral message for a slash command;
 * for a modal submission, a small view pushed on top, so closing it returns to the form with what they typed
 * (an empty ack would close the form as if it had been saved); nothing for anything else. The same over HTTP and
 * Socket Mode (socket-mode-acks.ts).
 */
export function tryAgainAck(body: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (typeof body?.command === 'string') return { response_type: 'ephemeral', text: tryAgainText };
  if (body?.type !== 'view_submission') return undefined;
  return {
    response_action: 'push',
    view: {
      type: 'modal',
      title: plainText('Please try again'),
      close: plainText('Back'),
      blocks: [{ type: 'section', text: plainText(tryAgainText) }],
    },
  };
}
