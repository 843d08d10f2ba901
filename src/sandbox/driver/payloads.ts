import { formatTs, msToMicros } from '../ids.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { messageObject, viewObject } from '../slack-objects.ts';
import type { ResponseUrlRecord, WorkspaceRecord } from '../store.ts';

/**
 * The bodies Slack sends to an app: slash command forms, Events API envelopes and interaction payloads.
 * Unknown or uninstalled workspaces are allowed on purpose: tests send them to check the app refuses them.
 */

/** The legacy verification token Slack still puts in every payload; Bolt ignores it. */
export const VERIFICATION_TOKEN = 'sandboxVerificationToken';

type Json = Record<string, unknown>;

function enterpriseOf(workspace: WorkspaceRecord | undefined, enterpriseId: string | undefined) {
  const id = enterpriseId ?? workspace?.enterpriseId;
  if (id === undefined) return undefined;
  return { id, name: workspace?.enterpriseName ?? id };
}

function channelName(runtime: SandboxRuntime, channelId: string): string {
  const channel = runtime.store.channels.get(channelId);
  if (!channel) return channelId.startsWith('D') ? 'directmessage' : 'unknown';
  if (channel.kind === 'im') return 'directmessage';
  if (channel.kind === 'private') return 'privategroup';
  return channel.name;
}

export function commandForm(
  runtime: SandboxRuntime,
  input: { teamId: string; enterpriseId?: string; userId: string; channelId: string; command: string; text: string },
): { form: URLSearchParams; triggerId: string; responseUrl: string } {
  const { store } = runtime;
  const workspace = store.workspaces.get(input.teamId);
  const enterprise = enterpriseOf(workspace, input.enterpriseId);
  const triggerId = store.mintTrigger(input.teamId, input.userId);
  const responseUrl = store.mintResponseUrl(runtime.baseUrl, {
    teamId: input.teamId,
    userId: input.userId,
    channelId: input.channelId,
  }).url;
  // Field order follows what Slack sends.
  const form = new URLSearchParams();
  form.set('token', VERIFICATION_TOKEN);
  form.set('team_id', input.teamId);
  form.set('team_domain', workspace?.domain ?? input.teamId.toLowerCase());
  if (enterprise) {
    form.set('enterprise_id', enterprise.id);
    form.set('enterprise_name', enterprise.name);
  }
  form.set('channel_id', input.channelId);
  form.set('channel_name', channelName(runtime, input.channelId));
  form.set('user_id', input.userId);
  form.set('user_name', workspace?.users.get(input.userId)?.name ?? input.userId);
  form.set('command', input.command);
  form.set('text', input.text);
  form.set('api_app_id', workspace?.appId ?? store.appId);
  form.set('is_enterprise_install', String(store.installedOrgWide(workspace)));
  form.set('response_url', responseUrl);
  form.set('trigger_id', triggerId);
  return { form, triggerId, responseUrl };
}

export function eventEnvelope(
  runtime: SandboxRuntime,
  input: {
    teamId: string;
    enterpriseId?: string;
    event: Json;
    eventId?: string;
    isEnterpriseInstall?: boolean;
  },
): { envelope: Json; eventId: string } {
  const { store } = runtime;
  const workspace = store.workspaces.get(input.teamId);
  const enterprise = enterpriseOf(workspace, input.enterpriseId);
  const now = runtime.now();
  const eventId = input.eventId ?? store.ids.next('Ev');
  const event: Json = { ...input.event };
  if (event.event_ts === undefined) event.event_ts = formatTs(msToMicros(now));
  const envelope: Json = {
    token: VERIFICATION_TOKEN,
    team_id: input.teamId,
    ...(enterprise ? { enterprise_id: enterprise.id } : {}),
    context_team_id: input.teamId,
    context_enterprise_id: enterprise?.id ?? null,
    api_app_id: workspace?.appId ?? store.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(now / 1000),
    authorizations: [
      {
        enterprise_id: enterprise?.id ?? null,
        team_id: input.teamId,
        user_id: workspace?.botUserId ?? 'U0SBXNOBOT',
        is_bot: true,
        is_enterprise_install: input.isEnterpriseInstall ?? store.installedOrgWide(workspace),
      },
    ],
    is_ext_shared_channel: false,
    event_context: Buffer.from(`${input.teamId}:${eventId}`).toString('base64'),
  };
  return { envelope, eventId };
}

const NO_TRIGGER = new Set(['view_closed', 'block_suggestion']);
const NO_RESPONSE_URL = new Set(['view_submission', 'view_closed', 'shortcut', 'block_suggestion']);

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/**
 * Fills what Slack would add to an interaction payload the test wrote by hand: team, user, app, token,
 * enterprise, trigger_id, response_url, and the message or view the interaction came from when the sandbox
 * knows it (by `container`). The response_url of an interaction on a message remembers that message, so
 * replace_original / delete_original act on it.
 */
export function interactionPayload(
  runtime: SandboxRuntime,
  input: { teamId: string; enterpriseId?: string; userId: string; payload: Json },
): { payload: Json; triggerId?: string; responseUrl?: string } {
  const { store } = runtime;
  const workspace = store.workspaces.get(input.teamId);
  const enterprise = enterpriseOf(workspace, input.enterpriseId);
  const user = workspace?.users.get(input.userId);
  const payload: Json = { ...input.payload };
  const type = typeof payload.type === 'string' ? payload.type : 'block_actions';
  payload.type = type;

  payload.team ??= {
    id: input.teamId,
    domain: workspace?.domain ?? input.teamId.toLowerCase(),
    ...(enterprise ? { enterprise_id: enterprise.id, enterprise_name: enterprise.name } : {}),
  };
  payload.user ??= {
    id: input.userId,
    username: user?.name ?? input.userId,
    name: user?.name ?? input.userId,
    team_id: input.teamId,
  };
  payload.api_app_id ??= workspace?.appId ?? store.appId;
  payload.token ??= VERIFICATION_TOKEN;
  payload.enterprise ??= enterprise ?? null;
  payload.is_enterprise_install ??= store.installedOrgWide(workspace);

  const container = asObject(payload.container);
  const channelId =
    (typeof container?.channel_id === 'string' ? container.channel_id : undefined) ??
    (typeof asObject(payload.channel)?.id === 'string' ? (asObject(payload.channel)?.id as string) : undefined);
  const messageTs = typeof container?.message_ts === 'string' ? container.message_ts : undefined;
  const channel = channelId === undefined ? undefined : store.channels.get(channelId);
  if (channel && channelId !== undefined) payload.channel ??= { id: channelId, name: channel.name };
  if (container?.type === 'message' && channel && messageTs !== undefined && !container.is_ephemeral) {
    const message = store.findMessage(channel, messageTs);
    if (message && payload.message === undefined) {
      payload.message = messageObject(store.workspace(channel.teamId), channel, message, { includeMetadata: true });
    }
  }

  const viewId =
    (container?.type === 'view' && typeof container.view_id === 'string' ? container.view_id : undefined) ??
    (typeof asObject(payload.view)?.id === 'string' ? (asObject(payload.view)?.id as string) : undefined);
  const storedView = viewId === undefined ? undefined : store.views.get(viewId);
  if (storedView) payload.view = { ...viewObject(storedView), ...(asObject(payload.view) ?? {}) };
  if (type === 'view_submission') payload.response_urls ??= [];

  let triggerId: string | undefined;
  if (!NO_TRIGGER.has(type)) {
    triggerId = typeof payload.trigger_id === 'string' ? payload.trigger_id : undefined;
    if (triggerId === undefined) {
      triggerId = store.mintTrigger(
        input.teamId,
        input.userId,
        storedView && !storedView.isHome ? storedView.id : undefined,
      );
      payload.trigger_id = triggerId;
    }
  }

  let responseUrl: string | undefined;
  const fromView = container?.type === 'view' || (storedView !== undefined && type === 'block_actions');
  if (!NO_RESPONSE_URL.has(type) && !fromView) {
    responseUrl = typeof payload.response_url === 'string' ? payload.response_url : undefined;
    if (responseUrl === undefined) {
      const record: Omit<ResponseUrlRecord, 'id' | 'url' | 'createdAt' | 'uses'> = {
        teamId: input.teamId,
        userId: input.userId,
        ...(channelId !== undefined ? { channelId } : {}),
        ...(channelId !== undefined && messageTs !== undefined
          ? { original: { channelId, ts: messageTs, ephemeral: container?.is_ephemeral === true } }
          : {}),
      };
      responseUrl = store.mintResponseUrl(runtime.baseUrl, record).url;
      payload.response_url = responseUrl;
    }
  }
  return {
    payload,
    ...(triggerId !== undefined ? { triggerId } : {}),
    ...(responseUrl !== undefined ? { responseUrl } : {}),
  };
}
