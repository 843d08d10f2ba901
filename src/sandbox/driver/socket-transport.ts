import type { SocketModeServer } from '../socket-mode/socket-mode-server.ts';
import type { DriverResponse } from '../types.ts';

/**
 * What Slack sends over Socket Mode for a body it would otherwise POST: a command's form fields become a
 * `slash_commands` payload, an interaction's `payload` field an `interactive` one, an Events API body an
 * `events_api` one, with Slack's retry headers as `retry_attempt` / `retry_reason`. Signatures play no part:
 * the connection itself was opened with the app-level token.
 */
export async function deliverOverSocket(
  socketMode: SocketModeServer,
  input: { body: string; contentType: string; headers?: Record<string, string> },
): Promise<DriverResponse> {
  const retryNum = input.headers?.['x-slack-retry-num'];
  const retry = {
    ...(retryNum !== undefined ? { retryAttempt: Number(retryNum) } : {}),
    ...(input.headers?.['x-slack-retry-reason'] !== undefined
      ? { retryReason: input.headers['x-slack-retry-reason'] }
      : {}),
  };
  const delivery = input.contentType.startsWith('application/json')
    ? await socketMode.deliver('events_api', JSON.parse(input.body) as Record<string, unknown>, retry)
    : await deliverForm(socketMode, new URLSearchParams(input.body));
  if (!delivery.acked) return { status: 0, body: '' };
  // An ack with an empty payload (the SDK always sends an object) is an empty 200: the same as over HTTP.
  const payload = delivery.payload;
  if (payload === undefined || Object.keys(payload).length === 0) return { status: 200, body: '' };
  return { status: 200, body: JSON.stringify(payload), json: payload };
}

function deliverForm(socketMode: SocketModeServer, form: URLSearchParams) {
  const interaction = form.get('payload');
  if (interaction !== null) {
    return socketMode.deliver('interactive', JSON.parse(interaction) as Record<string, unknown>);
  }
  return socketMode.deliver('slash_commands', Object.fromEntries(form));
}
