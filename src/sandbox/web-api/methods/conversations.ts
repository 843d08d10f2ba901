import { parseTs } from '../../ids.ts';
import { conversationObject, messageObject } from '../../slack-objects.ts';
import type { ChannelRecord, WorkspaceRecord } from '../../store.ts';
import type { StoredMessage } from '../../types.ts';
import { type AuthedContext, fail, type MethodDefinition, type MethodResult, ok, paginate } from '../method-context.ts';
import { boolArg, intArg, stringArg } from '../parse-request.ts';

/** conversations.open takes at most 8 users besides the caller (docs.slack.dev conversations.open). */
const MAX_OPEN_USERS = 8;

/**
 * What the bot can see: public channels always, private channels and group DMs only as a member (otherwise
 * Slack pretends they do not exist: `channel_not_found`).
 */
export function visibleChannel(
  ctx: AuthedContext,
  channelId: string | undefined,
): { channel: ChannelRecord } | { error: MethodResult } {
  const channel = channelId === undefined ? undefined : ctx.store.channelIn(ctx.workspace, channelId);
  if (!channel) return { error: fail('channel_not_found') };
  if (channel.kind !== 'public' && !channel.members.has(ctx.workspace.botUserId)) {
    return { error: fail('channel_not_found') };
  }
  return { channel };
}

function readableChannel(ctx: AuthedContext): { channel: ChannelRecord } | { error: MethodResult } {
  const found = visibleChannel(ctx, stringArg(ctx.args, 'channel'));
  if ('error' in found) return found;
  if (!found.channel.members.has(ctx.workspace.botUserId)) return { error: fail('not_in_channel') };
  return found;
}

function userIdsArg(args: Record<string, unknown>): string[] | undefined {
  const raw = args.users;
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
  return [...new Set(list.map((id) => id.trim()).filter((id) => id !== ''))];
}

function isTopLevel(message: StoredMessage): boolean {
  return message.threadTs === undefined || message.threadTs === message.ts || message.replyBroadcast === true;
}

function tsBound(value: string | undefined, fallback: bigint): bigint | undefined {
  if (value === undefined || value === '') return fallback;
  return parseTs(value);
}

function historyPage(
  ctx: AuthedContext,
  workspace: WorkspaceRecord,
  channel: ChannelRecord,
  messages: StoredMessage[],
  args: Record<string, unknown>,
  kind: string,
): MethodResult {
  const paged = paginate(
    messages,
    kind,
    { cursor: stringArg(args, 'cursor'), limit: intArg(args, 'limit') },
    { limit: 100, max: 999 },
  );
  if ('error' in paged) return fail(paged.error);
  const includeMetadata = boolArg(args, 'include_all_metadata');
  const result: Record<string, unknown> = {
    messages: paged.page.map((message) =>
      messageObject(workspace, channel, message, {
        includeMetadata,
        files: { byId: ctx.store.files, baseUrl: ctx.baseUrl },
      }),
    ),
    has_more: paged.nextCursor !== '',
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
  };
  if (paged.nextCursor !== '') result.response_metadata = { next_cursor: paged.nextCursor };
  return ok(result);
}

export const conversationMethods: Record<string, MethodDefinition> = {
  'conversations.open': {
    auth: 'bot',
    tier: 'tier3',
    handle(ctx) {
      const { workspace, store, args, now } = ctx;
      const channelId = stringArg(args, 'channel');
      if (channelId !== undefined && channelId !== '') {
        const found = visibleChannel(ctx, channelId);
        if ('error' in found) return found.error;
        return ok({ channel: conversationObject(workspace, found.channel, { atMs: now }) });
      }
      const requested = userIdsArg(args);
      if (requested === undefined) return fail('users_list_not_supplied');
      // The caller is in the conversation implicitly; Slack asks callers to leave themselves out.
      const users = requested.filter((id) => id !== workspace.botUserId);
      if (users.length === 0) return fail('not_enough_users');
      if (users.length > MAX_OPEN_USERS) return fail('too_many_users');
      for (const id of users) {
        const user = workspace.users.get(id);
        if (!user) return fail('user_not_found');
        if (user.deleted) return fail('user_disabled');
      }
      if (users.length === 1) {
        const { channel, existed } = store.openDm(workspace, users[0]!);
        const body = boolArg(args, 'return_im')
          ? conversationObject(workspace, channel, { atMs: now })
          : { id: channel.id };
        return ok(existed ? { no_op: true, already_open: true, channel: body } : { channel: body });
      }
      const { channel } = store.openMpim(workspace, users);
      return ok({ channel: conversationObject(workspace, channel, { atMs: now }) });
    },
  },

  'conversations.members': {
    auth: 'bot',
    tier: 'tier4',
    handle(ctx) {
      const found = visibleChannel(ctx, stringArg(ctx.args, 'channel'));
      if ('error' in found) return found.error;
      const paged = paginate(
        [...found.channel.members],
        'members',
        { cursor: stringArg(ctx.args, 'cursor'), limit: intArg(ctx.args, 'limit') },
        { limit: 100, max: 1000 },
      );
      if ('error' in paged) return fail(paged.error);
      return ok({ members: paged.page, response_metadata: { next_cursor: paged.nextCursor } });
    },
  },

  'conversations.info': {
    auth: 'bot',
    tier: 'tier3',
    handle(ctx) {
      const found = visibleChannel(ctx, stringArg(ctx.args, 'channel'));
      if ('error' in found) return found.error;
      const includeNumMembers = boolArg(ctx.args, 'include_num_members');
      return ok({ channel: conversationObject(ctx.workspace, found.channel, { includeNumMembers, atMs: ctx.now }) });
    },
  },

  /**
   * Newest first, top-level messages only (thread replies live in conversations.replies), `metadata` only with
   * include_all_metadata. Reading needs membership: a bot that posts to a public channel through
   * chat:write.public still gets `not_in_channel` here, as on Slack.
   */
  'conversations.history': {
    auth: 'bot',
    tier: 'tier3',
    handle(ctx) {
      const found = readableChannel(ctx);
      if ('error' in found) return found.error;
      const oldest = tsBound(stringArg(ctx.args, 'oldest'), 0n);
      if (oldest === undefined) return fail('invalid_ts_oldest');
      const latest = tsBound(stringArg(ctx.args, 'latest'), BigInt(Number.MAX_SAFE_INTEGER) * 1000n);
      if (latest === undefined) return fail('invalid_ts_latest');
      const inclusive = boolArg(ctx.args, 'inclusive');
      const inRange = found.channel.messages.filter((message) => {
        const ts = parseTs(message.ts) ?? 0n;
        const afterOldest = inclusive ? ts >= oldest : ts > oldest;
        const beforeLatest = inclusive ? ts <= latest : ts < latest;
        return isTopLevel(message) && afterOldest && beforeLatest;
      });
      return historyPage(ctx, ctx.workspace, found.channel, inRange.reverse(), ctx.args, 'history');
    },
  },

  'conversations.replies': {
    auth: 'bot',
    tier: 'tier3',
    handle(ctx) {
      const found = readableChannel(ctx);
      if ('error' in found) return found.error;
      const ts = stringArg(ctx.args, 'ts');
      const parent = ts === undefined ? undefined : ctx.store.findMessage(found.channel, ts);
      if (!parent) return fail('thread_not_found');
      const thread = found.channel.messages.filter((message) => message === parent || message.threadTs === parent.ts);
      return historyPage(ctx, ctx.workspace, found.channel, thread, ctx.args, 'replies');
    },
  },
};
