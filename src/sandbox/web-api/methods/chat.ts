import { checkMessageBlocks, type SlackFileLookup } from '../../block-kit-limits.ts';
import { messageObject } from '../../slack-objects.ts';
import type { ChannelRecord } from '../../store.ts';
import type { EphemeralMessage, MessageMetadata, StoredMessage } from '../../types.ts';
import { type AuthedContext, fail, type MethodDefinition, type MethodResult, ok } from '../method-context.ts';
import { boolArg, stringArg } from '../parse-request.ts';
import { visibleChannel } from './conversations.ts';
import { slackFileLookup } from './files.ts';

/** Slack truncates longer text and warns `message_truncated` (api.slack.com changelog, April 2018). */
const MAX_TEXT = 40_000;
const MAX_ATTACHMENTS = 100;

export interface MessageContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
  warnings: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function blocksError(error: string, messages: string[]): MethodResult {
  return fail(error, {
    errors: messages.map((line) => line.replace(/^\[ERROR\] /, '')),
    response_metadata: { messages },
  });
}

/**
 * Reads text/blocks/attachments/metadata the way chat.postMessage, postEphemeral and update share them.
 * `requireContent` is false for chat.update, which keeps what it is not given.
 */
export function readMessageContent(
  input: { args: Record<string, unknown>; malformed: Set<string>; files?: SlackFileLookup },
  options: { requireContent: boolean },
): { content: MessageContent } | { error: MethodResult } {
  const { args, malformed } = input;
  if (malformed.has('blocks')) return { error: fail('invalid_blocks_format') };
  if (malformed.has('attachments')) return { error: fail('invalid_attachments') };
  if (malformed.has('metadata')) return { error: fail('invalid_metadata_format') };
  const content: MessageContent = { text: stringArg(args, 'text') ?? '', warnings: [] };

  const blocksCheck = checkMessageBlocks(args.blocks, input.files);
  if (!blocksCheck.ok) return { error: blocksError(blocksCheck.error, blocksCheck.messages) };
  if (Array.isArray(args.blocks)) content.blocks = args.blocks;

  if (args.attachments !== undefined) {
    if (!Array.isArray(args.attachments)) return { error: fail('invalid_attachments') };
    if (args.attachments.length > MAX_ATTACHMENTS) return { error: fail('too_many_attachments') };
    content.attachments = args.attachments;
  }

  if (args.metadata !== undefined) {
    const metadata = args.metadata;
    if (!isObject(metadata) || typeof metadata.event_type !== 'string' || metadata.event_type === '') {
      return { error: fail('invalid_metadata_format') };
    }
    if (metadata.event_payload !== undefined && !isObject(metadata.event_payload)) {
      return { error: fail('invalid_metadata_format') };
    }
    content.metadata = {
      event_type: metadata.event_type,
      event_payload: isObject(metadata.event_payload) ? metadata.event_payload : {},
    };
  }

  const hasContent = content.text !== '' || (content.blocks?.length ?? 0) > 0 || (content.attachments?.length ?? 0) > 0;
  if (options.requireContent && !hasContent) return { error: fail('no_text') };
  if (content.text.length > MAX_TEXT) {
    content.text = content.text.slice(0, MAX_TEXT);
    content.warnings.push('message_truncated');
  }
  return { content };
}

/**
 * Where a post goes: a conversation id, a `#name`, or a user id (Slack then posts in the app's DM with that
 * user). Private conversations need membership (`not_in_channel`); public ones do not (chat:write.public).
 */
function postTarget(ctx: AuthedContext): { channel: ChannelRecord } | { error: MethodResult } {
  const target = stringArg(ctx.args, 'channel') ?? '';
  let channel = ctx.store.channelIn(ctx.workspace, target) ?? ctx.store.channelByName(ctx.workspace, target);
  if (!channel && /^[UW]/.test(target) && ctx.workspace.users.has(target)) {
    channel = ctx.store.openDm(ctx.workspace, target).channel;
  }
  if (!channel) return { error: fail('channel_not_found') };
  if (channel.kind !== 'public' && !channel.members.has(ctx.workspace.botUserId)) {
    return { error: fail('not_in_channel') };
  }
  if (channel.isArchived) return { error: fail('is_archived') };
  return { channel };
}

function withWarnings(result: MethodResult, warnings: string[]): MethodResult {
  return warnings.length > 0 ? { ...result, response_metadata: { warnings } } : result;
}

function targetMessage(
  ctx: AuthedContext,
  tsArg: string,
): { channel: ChannelRecord; message: StoredMessage } | { error: MethodResult } {
  const found = visibleChannel(ctx, stringArg(ctx.args, 'channel'));
  if ('error' in found) return found;
  const ts = stringArg(ctx.args, tsArg);
  const message = ts === undefined ? undefined : ctx.store.findMessage(found.channel, ts);
  if (!message) return { error: fail('message_not_found') };
  return { channel: found.channel, message };
}

export const chatMethods: Record<string, MethodDefinition> = {
  'chat.postMessage': {
    auth: 'bot',
    tier: 'post_message',
    handle(ctx) {
      const target = postTarget(ctx);
      if ('error' in target) return target.error;
      const read = readMessageContent(
        { ...ctx, files: slackFileLookup(ctx.store, ctx.workspace, ctx.baseUrl) },
        { requireContent: true },
      );
      if ('error' in read) return read.error;
      const { channel } = target;
      const { content } = read;
      const message: StoredMessage = {
        teamId: ctx.workspace.teamId,
        channelId: channel.id,
        ts: ctx.store.nextTs(channel),
        user: ctx.workspace.botUserId,
        botId: ctx.workspace.botId,
        appId: ctx.workspace.appId,
        text: content.text,
        reactions: [],
        source: 'chat.postMessage',
      };
      if (content.blocks) message.blocks = content.blocks;
      if (content.attachments) message.attachments = content.attachments;
      if (content.metadata) message.metadata = content.metadata;
      const threadTs = stringArg(ctx.args, 'thread_ts');
      if (threadTs !== undefined && threadTs !== '') {
        message.threadTs = threadTs;
        if (boolArg(ctx.args, 'reply_broadcast')) message.replyBroadcast = true;
      }
      channel.messages.push(message);
      return withWarnings(
        ok({
          channel: channel.id,
          ts: message.ts,
          message: messageObject(ctx.workspace, channel, message, { includeMetadata: true }),
        }),
        content.warnings,
      );
    },
  },

  'chat.postEphemeral': {
    auth: 'bot',
    tier: 'tier4',
    handle(ctx) {
      const found = visibleChannel(ctx, stringArg(ctx.args, 'channel'));
      if ('error' in found) return found.error;
      const { channel } = found;
      if (channel.isArchived) return fail('is_archived');
      const userId = stringArg(ctx.args, 'user') ?? '';
      if (!ctx.workspace.users.has(userId)) return fail('user_not_found');
      if (!channel.members.has(userId)) return fail('user_not_in_channel');
      const read = readMessageContent(
        { ...ctx, files: slackFileLookup(ctx.store, ctx.workspace, ctx.baseUrl) },
        { requireContent: true },
      );
      if ('error' in read) return read.error;
      const ts = ctx.store.nextTs(channel);
      const ephemeral: EphemeralMessage = {
        teamId: ctx.workspace.teamId,
        channelId: channel.id,
        userId,
        ts,
        text: read.content.text,
        source: 'chat.postEphemeral',
      };
      if (read.content.blocks) ephemeral.blocks = read.content.blocks;
      const threadTs = stringArg(ctx.args, 'thread_ts');
      if (threadTs) ephemeral.threadTs = threadTs;
      ctx.store.ephemerals.push(ephemeral);
      return withWarnings(ok({ message_ts: ts }), read.content.warnings);
    },
  },

  /** Fields left out keep their value (blocks, attachments, metadata), as Slack documents for chat.update. */
  'chat.update': {
    auth: 'bot',
    tier: 'tier3',
    handle(ctx) {
      const found = targetMessage(ctx, 'ts');
      if ('error' in found) return found.error;
      const { channel, message } = found;
      if (message.user !== ctx.workspace.botUserId) return fail('cant_update_message');
      if (channel.isArchived) return fail('is_archived');
      const read = readMessageContent(
        { ...ctx, files: slackFileLookup(ctx.store, ctx.workspace, ctx.baseUrl) },
        { requireContent: false },
      );
      if ('error' in read) return read.error;
      const { content } = read;
      const hasText = stringArg(ctx.args, 'text') !== undefined;
      if (!hasText && content.blocks === undefined && content.attachments === undefined) return fail('no_text');
      if (hasText) message.text = content.text;
      if (content.blocks !== undefined) message.blocks = content.blocks;
      if (content.attachments !== undefined) message.attachments = content.attachments;
      if (content.metadata !== undefined) message.metadata = content.metadata;
      message.edited = { user: ctx.workspace.botUserId, ts: ctx.store.nextTs(channel) };
      const updated = messageObject(ctx.workspace, channel, message, { includeMetadata: true });
      return withWarnings(
        ok({ channel: channel.id, ts: message.ts, text: message.text, message: updated }),
        content.warnings,
      );
    },
  },

  'chat.delete': {
    auth: 'bot',
    tier: 'tier3',
    handle(ctx) {
      const found = targetMessage(ctx, 'ts');
      if ('error' in found) return found.error;
      const { channel, message } = found;
      if (message.user !== ctx.workspace.botUserId) return fail('cant_delete_message');
      channel.messages = channel.messages.filter((other) => other !== message);
      return ok({ channel: channel.id, ts: message.ts });
    },
  },

  'chat.getPermalink': {
    auth: 'bot',
    tier: 'special',
    handle(ctx) {
      const found = targetMessage(ctx, 'message_ts');
      if ('error' in found) return found.error;
      const { channel, message } = found;
      let permalink = `https://${ctx.workspace.domain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
      if (message.threadTs !== undefined && message.threadTs !== message.ts) {
        permalink += `?thread_ts=${message.threadTs}&cid=${channel.id}`;
      }
      return ok({ channel: channel.id, permalink });
    },
  },
};
