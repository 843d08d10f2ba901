import { checkMessageBlocks } from '../block-kit-limits.ts';
import { type HttpReply, jsonReply, type SandboxRuntime } from '../runtime.ts';
import type { ResponseUrlRecord } from '../store.ts';
import type { StoredMessage } from '../types.ts';

/** "You can use a response_url up to 5 times within 30 minutes" (Slack's interactivity docs). */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

type Json = Record<string, unknown>;

/**
 * POST /response/<id>: what Bolt's respond() sends. `response_type: 'in_channel'` posts to the conversation,
 * anything else is an ephemeral for the user who acted; replace_original / delete_original act on the message
 * the interaction came from. Failures answer non-2xx so respond() throws, as it does against Slack.
 */
export function handleResponseUrlPost(runtime: SandboxRuntime, id: string, rawBody: string): HttpReply {
  const { store } = runtime;
  const at = runtime.now();
  const responseUrl = store.responseUrls.get(id);
  if (!responseUrl) return jsonReply(404, { ok: false, error: 'invalid_url' });

  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    body = rawBody;
  }
  const answer = (status: number, error?: string): HttpReply => {
    store.responseUrlPosts.push({
      responseUrlId: id,
      url: responseUrl.url,
      teamId: responseUrl.teamId,
      userId: responseUrl.userId,
      ...(responseUrl.channelId !== undefined ? { channelId: responseUrl.channelId } : {}),
      body,
      status,
      ...(error !== undefined ? { error } : {}),
      at,
    });
    return jsonReply(status, error === undefined ? { ok: true } : { ok: false, error });
  };

  if (at - responseUrl.createdAt > RESPONSE_URL_TTL_MS) return answer(404, 'expired_url');
  if (responseUrl.uses >= RESPONSE_URL_MAX_USES) return answer(404, 'used_url');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return answer(400, 'invalid_payload');
  const payload = body as Json;
  responseUrl.uses += 1;

  if (payload.delete_original === true || payload.delete_original === 'true') {
    return deleteOriginal(runtime, responseUrl) ? answer(200) : answer(404, 'message_not_found');
  }
  const blocksCheck = checkMessageBlocks(payload.blocks);
  if (!blocksCheck.ok) return answer(400, blocksCheck.error);
  const text = typeof payload.text === 'string' ? payload.text : '';
  const blocks = Array.isArray(payload.blocks) ? payload.blocks : undefined;
  if (text === '' && (blocks?.length ?? 0) === 0) return answer(400, 'no_text');

  if ((payload.replace_original === true || payload.replace_original === 'true') && responseUrl.original) {
    return replaceOriginal(runtime, responseUrl, text, blocks) ? answer(200) : answer(404, 'message_not_found');
  }
  const threadTs = typeof payload.thread_ts === 'string' ? payload.thread_ts : undefined;
  if (payload.response_type === 'in_channel') {
    const channel = store.channels.get(responseUrl.channelId ?? '');
    if (!channel) return answer(404, 'channel_not_found');
    const workspace = store.workspace(channel.teamId);
    const message: StoredMessage = {
      teamId: channel.teamId,
      channelId: channel.id,
      ts: store.nextTs(channel),
      user: workspace.botUserId,
      botId: workspace.botId,
      appId: workspace.appId,
      text,
      reactions: [],
      source: 'response_url',
      ...(blocks ? { blocks } : {}),
      ...(threadTs !== undefined ? { threadTs } : {}),
    };
    channel.messages.push(message);
    return answer(200);
  }
  const channel = store.channels.get(responseUrl.channelId ?? '');
  store.ephemerals.push({
    teamId: responseUrl.teamId,
    channelId: responseUrl.channelId ?? '',
    userId: responseUrl.userId,
    ts: channel ? store.nextTs(channel) : `${Math.floor(at / 1000)}.000000`,
    text,
    source: 'response_url',
    responseUrlId: id,
    ...(blocks ? { blocks } : {}),
    ...(threadTs !== undefined ? { threadTs } : {}),
  });
  return answer(200);
}

function deleteOriginal(runtime: SandboxRuntime, responseUrl: ResponseUrlRecord): boolean {
  const original = responseUrl.original;
  if (!original) return false;
  const { store } = runtime;
  if (original.ephemeral) {
    const before = store.ephemerals.length;
    store.ephemerals = store.ephemerals.filter(
      (ephemeral) => !(ephemeral.channelId === original.channelId && ephemeral.ts === original.ts),
    );
    return store.ephemerals.length < before;
  }
  const channel = store.channels.get(original.channelId);
  if (!channel?.messages.some((message) => message.ts === original.ts)) return false;
  channel.messages = channel.messages.filter((message) => message.ts !== original.ts);
  return true;
}

function replaceOriginal(
  runtime: SandboxRuntime,
  responseUrl: ResponseUrlRecord,
  text: string,
  blocks: unknown[] | undefined,
): boolean {
  const original = responseUrl.original;
  if (!original) return false;
  const { store } = runtime;
  const target = original.ephemeral
    ? store.ephemerals.find((ephemeral) => ephemeral.channelId === original.channelId && ephemeral.ts === original.ts)
    : store.channels.get(original.channelId)?.messages.find((message) => message.ts === original.ts);
  if (!target) return false;
  target.text = text;
  if (blocks) target.blocks = blocks;
  else delete target.blocks;
  return true;
}
