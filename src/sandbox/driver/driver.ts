import { randomHex } from '../ids.ts';
import type { SandboxRuntime } from '../runtime.ts';
import type { ViewRecord } from '../store.ts';
import type { DriverOptions, DriverResponse, SlackDriver } from '../types.ts';
import { commandForm, eventEnvelope, interactionPayload } from './payloads.ts';
import { slackSignature } from './sign.ts';
import { deliverOverSocket } from './socket-transport.ts';

/**
 * Sends what Slack sends, signed with the app's signing secret, to the app's real HTTP receiver; or, with
 * `transport: 'socket'`, the same bodies as Socket Mode envelopes (see socket-transport.ts).
 * Timestamps use the real clock, not the sandbox clock: Bolt refuses requests older than five minutes by
 * its own Date.now().
 */
export function createDriver(runtime: SandboxRuntime, options: DriverOptions): SlackDriver {
  const overSocket = options.transport === 'socket';
  const signedPost: SlackDriver['signedPost'] = async (input) => {
    if (overSocket) return await deliverOverSocket(runtime.socketMode, input);
    const target = input.path === undefined ? new URL(options.appUrl) : new URL(input.path, options.appUrl);
    const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = input.signature ?? slackSignature(options.signingSecret, timestamp, input.body);
    const response = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': input.contentType,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        ...input.headers,
      },
      body: input.body,
      redirect: 'manual',
    });
    const body = await response.text();
    const result: DriverResponse = { status: response.status, body };
    if (body.trim() !== '') {
      try {
        result.json = JSON.parse(body);
      } catch {
        // Not JSON: callers read `body`.
      }
    }
    return result;
  };

  const retryHeaders = (retryNum: number | undefined, retryReason?: string): Record<string, string> =>
    retryNum === undefined
      ? {}
      : { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': retryReason ?? 'http_timeout' };

  return {
    signedPost,

    async command(input) {
      const { form, triggerId, responseUrl } = commandForm(runtime, input);
      const response = await signedPost({
        body: form.toString(),
        contentType: 'application/x-www-form-urlencoded',
        headers: retryHeaders(input.retryNum),
      });
      return { ...response, triggerId, responseUrl };
    },

    commandForm(input) {
      const { form, triggerId, responseUrl } = commandForm(runtime, input);
      return { body: form.toString(), triggerId, responseUrl };
    },

    async event(input) {
      const { envelope, eventId } = eventEnvelope(runtime, input);
      const response = await signedPost({
        body: JSON.stringify(envelope),
        contentType: 'application/json',
        headers: retryHeaders(input.retryNum, input.retryReason),
      });
      return { ...response, eventId };
    },

    async interaction(input) {
      const built = interactionPayload(runtime, input);
      const response = await signedPost({
        body: new URLSearchParams({ payload: JSON.stringify(built.payload) }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      });
      if (built.payload.type === 'view_submission') applyViewSubmissionAck(runtime, built.payload, response);
      return {
        ...response,
        ...(built.triggerId !== undefined ? { triggerId: built.triggerId } : {}),
        ...(built.responseUrl !== undefined ? { responseUrl: built.responseUrl } : {}),
      };
    },
  };
}

/**
 * What Slack does with the app's answer to a view_submission: an empty 200 closes the modal, `clear` closes
 * the whole stack, `update` replaces it, `push` stacks a new view on it, `errors` keeps it open and shows each
 * message under its input block (kept on the view as `errors` until the next submission).
 */
function applyViewSubmissionAck(
  runtime: SandboxRuntime,
  payload: Record<string, unknown>,
  response: DriverResponse,
): void {
  if (response.status !== 200) return;
  const viewId = (payload.view as { id?: unknown } | undefined)?.id;
  const view = typeof viewId === 'string' ? runtime.store.views.get(viewId) : undefined;
  if (!view) return;
  delete view.errors;
  const ack = (response.json ?? {}) as {
    response_action?: string;
    view?: Record<string, unknown>;
    errors?: Record<string, unknown>;
  };
  switch (ack.response_action) {
    case undefined:
      view.state = 'closed';
      break;
    case 'clear':
      for (const other of runtime.store.views.values())
        if (other.rootViewId === view.rootViewId) other.state = 'closed';
      break;
    case 'update':
      if (ack.view) {
        view.view = ack.view;
        view.hash = `${Math.floor(runtime.now() / 1000)}.${randomHex(4)}`;
        view.updatedAt = runtime.now();
      }
      break;
    case 'push':
      if (ack.view) pushView(runtime, view, ack.view);
      break;
    case 'errors':
      view.errors = Object.fromEntries(
        Object.entries(ack.errors ?? {}).map(([blockId, message]) => [blockId, String(message)]),
      );
      break;
    default:
      break;
  }
}

function pushView(runtime: SandboxRuntime, below: ViewRecord, source: Record<string, unknown>): void {
  const id = runtime.store.ids.next('V');
  const record: ViewRecord = {
    id,
    teamId: below.teamId,
    userId: below.userId,
    type: String(source.type ?? 'modal'),
    view: source,
    hash: `${Math.floor(runtime.now() / 1000)}.${randomHex(4)}`,
    rootViewId: below.rootViewId,
    previousViewId: below.id,
    via: 'views.push',
    state: 'open',
    updatedAt: runtime.now(),
    isHome: false,
    appId: below.appId,
    botId: below.botId,
  };
  if (typeof source.external_id === 'string' && source.external_id !== '') record.externalId = source.external_id;
  runtime.store.views.set(id, record);
}
