import { AuthorizationError, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import type { Logger } from '../observability/logger.ts';
import { redactSecrets } from '../observability/redact.ts';

export const tryAgainText =
  "Sorry, Nudge couldn't do that just now because one of its services is briefly unavailable. Nothing was changed — please try again in a minute.";

/**
 * Never a 5xx to Slack: an unknown or uninstalled workspace gets 401; any other failure before the ack gets
 * a 200 that, for a slash command, tells the person to try again (a 5xx would only make Slack retry).
 */
export function processEventErrorHandler(logger: Logger) {
  return async ({ error, response, request }: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    if (response.headersSent) {
      logger.error({ err: redactSecrets(String(error)) }, 'listener failed after acknowledging');
      return false;
    }
    if (error instanceof AuthorizationError || (error as { code?: string }).code === 'slack_bolt_authorization_error') {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'this workspace has no active Nudge installation' }));
      return true;
    }
    logger.error({ err: redactSecrets(String(error)), url: request.url }, 'listener failed before acknowledging');
    const isCommand = (request as { rawBody?: Buffer }).rawBody?.toString().includes('command=%2F') === true;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(isCommand ? JSON.stringify({ response_type: 'ephemeral', text: tryAgainText }) : '');
    return true;
  };
}
