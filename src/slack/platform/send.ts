import type { HomeView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/database.ts';
import { claimSend, findSend, markSent, releaseSend } from '../../domain/delivery/send-ledger.ts';
import { findWorkspace } from '../../domain/workspaces/find-workspace.ts';
import type { Clock } from '../../observability/clock.ts';
import type { BotTokens } from './bot-tokens.ts';
import type { TeamScope } from './org-teams.ts';
import {
  SendInProgressError,
  SlackPermanentError,
  SlackRateLimitedError,
  WorkspaceInactiveError,
} from './send-errors.ts';
import { type FileSendResult, type OutboundFile, uploadFileOnce } from './send-file.ts';

/** How long a sender may hold a message before another may decide it crashed and look for the post. */
const sendLeaseMillis = 60_000;
/** How long a workspace seen active is trusted before Postgres is asked again. */
const activeCacheMillis = 5_000;
/** Slack's and our clocks differ a little; search history from a bit before the first attempt. */
const historySlackMillis = 60_000;
const metadataEventType = 'nudge_send';
/** How many DM and group DM channel ids a sender remembers (the oldest is dropped first). */
const maxRememberedConversations = 10_000;

/** chat.delete answers for a message that is no longer there to delete. */
const goneCodes = new Set(['message_not_found', 'channel_not_found', 'is_archived']);

/** chat.delete refusals for a message that stays: the workspace keeps every message, or forbids deleting. */
const undeletableCodes = new Set(['cant_delete_message', 'compliance_exports_prevent_deletion', 'no_permission']);

const revokedCodes = new Set([
  'token_revoked',
  'invalid_auth',
  'account_inactive',
  'not_authed',
  'team_access_not_granted',
]);

export interface OutboundMessage {
  workspaceId: string;
  /** Idempotency key: one Slack message per key per workspace, ever. */
  key: string;
  /** A channel ID, or the users of a DM / group DM to open. */
  to: { channel: string } | { users: string[] };
  text: string;
  blocks?: unknown[];
  threadTs?: string;
}

export interface SendResult {
  channel: string;
  ts: string;
  /** True when the message had already been posted (a retried or duplicated job). */
  alreadySent: boolean;
}

export interface SlackSender {
  postMessage(message: OutboundMessage): Promise<SendResult>;
  /**
   * Uploads a file and shares it in a channel or DM, exactly once per key (Slack's external upload flow, with
   * the file id in the send ledger; see send-file.ts).
   */
  uploadFile(file: OutboundFile): Promise<FileSendResult>;
  /**
   * Deletes the message posted under `key`, wherever it landed; 'never posted' when nothing was. A key whose
   * post may still be landing (another sender holds its lease) throws SendInProgressError, to be retried.
   * `threadTs` is the thread it was posted in, if any: where to look for a post whose answer was lost.
   * `otherwise` replaces the message when Slack will not delete it (a workspace that keeps every message).
   */
  unpost(
    workspaceId: string,
    key: string,
    options?: { threadTs?: string; otherwise?: { text: string; blocks?: unknown[] } },
  ): Promise<'deleted' | 'replaced' | 'never posted'>;
  publishHome(workspaceId: string, userId: string, view: HomeView): Promise<void>;
  call<T = Record<string, unknown>>(workspaceId: string, method: string, args: Record<string, unknown>): Promise<T>;
  /**
   * One scope per Slack workspace this Nudge workspace spans, to spread into the listing methods that need
   * `team_id` on an org-wide token: each workspace the org-wide install was granted (auth.teams.list), or a
   * single `{}` for a workspace's own install.
   */
  teamScopes(workspaceId: string): Promise<TeamScope[]>;
  /** Drops the cached "active" status of a workspace that was just uninstalled. */
  forget(workspaceId: string): void;
}

export interface SenderDeps {
  db: Db;
  clock: Clock;
  tokens: BotTokens;
  clientFor(token: string): WebClient;
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { key?: unknown } };
  files?: Array<{ id?: string }>;
}

/**
 * The one way background work talks to Slack. Every message is written as intent before it is posted and
 * marked sent with its ts after, and carries its key in message metadata; so a retry after a crash finds
 * the post in the conversation's history instead of posting again. 429s become SlackRateLimitedError for
 * the worker to turn into a BullMQ delay, and while a workspace method is paused no call is made at all.
 */
export function createSlackSender(deps: SenderDeps): SlackSender {
  const pausedUntil = new Map<string, number>();
  /**
   * Workspaces seen active, briefly: every call checks, and a kudos makes several calls. Like the cached bot
   * token, an uninstall handled in this process drops it at once; elsewhere Slack refuses the revoked token.
   */
  const activeUntil = new Map<string, number>();
  /**
   * DM and group DM channel ids by workspace and people. Slack answers conversations.open with the same
   * conversation every time, so asking once per set of people saves a call on every later message to them.
   */
  const conversations = new Map<string, string>();

  async function clientFor(workspaceId: string): Promise<WebClient> {
    if ((activeUntil.get(workspaceId) ?? 0) <= Date.now()) {
      const workspace = await findWorkspace(deps.db, workspaceId);
      if (workspace?.status !== 'active') {
        activeUntil.delete(workspaceId);
        throw new WorkspaceInactiveError(workspaceId, workspace ? 'uninstalled' : 'unknown');
      }
      activeUntil.set(workspaceId, Date.now() + activeCacheMillis);
    }
    const token = await deps.tokens.tokenFor(workspaceId);
    if (!token) throw new WorkspaceInactiveError(workspaceId, 'no bot token');
    return deps.clientFor(token);
  }

  async function call<T>(workspaceId: string, method: string, args: Record<string, unknown>): Promise<T> {
    const pauseKey = `${workspaceId}:${method}`;
    const until = pausedUntil.get(pauseKey) ?? 0;
    const waitMs = until - Date.now();
    if (waitMs > 0) throw new SlackRateLimitedError(method, waitMs);
    const client = await clientFor(workspaceId);
    try {
      return (await client.apiCall(method, args)) as T;
    } catch (error) {
      const failure = error as { code?: string; retryAfter?: number; data?: { error?: string } };
      if (failure.code === 'slack_webapi_rate_limited_error') {
        const retryAfterMs = Math.max(1, failure.retryAfter ?? 1) * 1000;
        pausedUntil.set(pauseKey, Date.now() + retryAfterMs);
        throw new SlackRateLimitedError(method, retryAfterMs);
      }
      if (failure.code === 'slack_webapi_platform_error') {
        const code = failure.data?.error ?? 'unknown_error';
        if (code === 'ratelimited' || code === 'rate_limited') throw new SlackRateLimitedError(method, 1000);
        if (revokedCodes.has(code)) {
          activeUntil.delete(workspaceId);
          throw new WorkspaceInactiveError(workspaceId, code);
        }
        throw new SlackPermanentError(method, code);
      }
      throw error;
    }
  }

  /** Where a message goes; `remembered` names the cache entry when the channel id came from it. */
  async function resolveChannel(
    message: Pick<OutboundMessage, 'workspaceId' | 'to'>,
  ): Promise<{ channel: string; remembered?: string }> {
    if ('channel' in message.to) return { channel: message.to.channel };
    const cacheKey = `${message.workspaceId}:${[...message.to.users].sort().join(',')}`;
    const known = conversations.get(cacheKey);
    if (known) return { channel: known, remembered: cacheKey };
    const opened = await call<{ channel?: { id?: string } }>(message.workspaceId, 'conversations.open', {
      users: message.to.users.join(','),
    });
    const id = opened.channel?.id;
    if (!id) throw new SlackPermanentError('conversations.open', 'no_channel_returned');
    if (conversations.size >= maxRememberedConversations) {
      const oldest = conversations.keys().next().value;
      if (oldest !== undefined) conversations.delete(oldest);
    }
    conversations.set(cacheKey, id);
    return { channel: id };
  }

  /** A reply in a thread is not in the channel's history, only in the thread's: `threadTs` says which to read. */
  async function findInHistory(
    workspaceId: string,
    channel: string,
    matches: (message: HistoryMessage) => boolean,
    since: Date,
    threadTs?: string,
  ): Promise<string | undefined> {
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const result = await call<{ messages?: HistoryMessage[]; response_metadata?: { next_cursor?: string } }>(
        workspaceId,
        threadTs ? 'conversations.replies' : 'conversations.history',
        {
          channel,
          ...(threadTs ? { ts: threadTs } : {}),
          oldest: ((since.getTime() - historySlackMillis) / 1000).toFixed(6),
          include_all_metadata: true,
          limit: 100,
          ...(cursor ? { cursor } : {}),
        },
      );
      const match = result.messages?.find(matches);
      if (match?.ts) return match.ts;
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    return undefined;
  }

  /** A message Nudge posted under `key`: its metadata carries the key. */
  const postedUnder =
    (key: string) =>
    (message: HistoryMessage): boolean =>
      message.metadata?.event_type === metadataEventType && message.metadata.event_payload?.key === key;

  return {
    call,

    uploadFile: (file) =>
      uploadFileOnce(
        {
          db: deps.db,
          clock: deps.clock,
          leaseMillis: sendLeaseMillis,
          call,
          resolveChannel,
          findInHistory,
          forgetConversation: (remembered) => conversations.delete(remembered),
        },
        file,
      ),

    async teamScopes(workspaceId) {
      const workspace = await findWorkspace(deps.db, workspaceId);
      if (!workspace?.is_enterprise_install) return [{}];
      const scopes: TeamScope[] = [];
      let cursor: string | undefined;
      do {
        const page = await call<{ teams?: Array<{ id?: string }>; response_metadata?: { next_cursor?: string } }>(
          workspaceId,
          'auth.teams.list',
          { limit: 200, ...(cursor ? { cursor } : {}) },
        );
        for (const team of page.teams ?? []) if (team.id) scopes.push({ team_id: team.id });
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return scopes;
    },

    forget(workspaceId) {
      activeUntil.delete(workspaceId);
    },

    async postMessage(message) {
      const { channel, remembered } = await resolveChannel(message);
      const now = deps.clock.now();
      const claim = await claimSend(
        deps.db,
        { workspaceId: message.workspaceId, key: message.key, channelId: channel },
        now,
        sendLeaseMillis,
      );
      if (claim.kind === 'sent') {
        return { channel: claim.send.channel_id, ts: claim.send.message_ts ?? '', alreadySent: true };
      }
      if (claim.kind === 'busy') throw new SendInProgressError(message.key);
      let postCallStarted = false;
      try {
        if (claim.send.attempts > 1) {
          // An earlier attempt may have reached Slack before failing or crashing: look before posting again.
          const ts = await findInHistory(
            message.workspaceId,
            channel,
            postedUnder(message.key),
            claim.send.attempted_at,
            message.threadTs,
          ).catch((error: unknown) => {
            // Slack lets a bot post to a public channel it is not in (chat:write.public) but not read it, so
            // there is no way to check. Refusing to read is not refusing the post: post again (at least once)
            // rather than report the channel as unpostable or lose the message.
            if (error instanceof SlackPermanentError) return undefined;
            throw error;
          });
          if (ts) {
            await markSent(
              deps.db,
              { workspaceId: message.workspaceId, key: message.key, channelId: channel, ts },
              deps.clock.now(),
            );
            return { channel, ts, alreadySent: true };
          }
        }
        postCallStarted = true;
        const posted = await call<{ ts?: string; channel?: string }>(message.workspaceId, 'chat.postMessage', {
          channel,
          text: message.text,
          ...(message.blocks ? { blocks: message.blocks } : {}),
          ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
          metadata: { event_type: metadataEventType, event_payload: { key: message.key } },
        });
        const ts = posted.ts ?? '';
        const postedChannel = posted.channel ?? channel;
        await markSent(
          deps.db,
          { workspaceId: message.workspaceId, key: message.key, channelId: postedChannel, ts },
          deps.clock.now(),
        );
        return { channel: postedChannel, ts, alreadySent: false };
      } catch (error) {
        const certainlyNotPosted =
          !postCallStarted ||
          error instanceof SlackRateLimitedError ||
          error instanceof SlackPermanentError ||
          error instanceof WorkspaceInactiveError;
        await releaseSend(
          deps.db,
          { workspaceId: message.workspaceId, key: message.key, certainlyNotPosted },
          deps.clock.now(),
        ).catch(() => {});
        if (remembered && error instanceof SlackPermanentError) {
          // The remembered conversation may be what Slack refused (closed, archived): the retry opens it afresh,
          // and a refusal then is final.
          conversations.delete(remembered);
          throw new Error(`${error.message} in a remembered conversation; opening it again`);
        }
        throw error;
      }
    },

    async unpost(workspaceId, key, options = {}) {
      const send = await findSend(deps.db, workspaceId, key);
      if (!send) return 'never posted';
      let ts = send.status === 'sent' ? send.message_ts : null;
      if (send.status === 'attempted') {
        if (send.lease_until.getTime() > deps.clock.now().getTime()) throw new SendInProgressError(key);
        // An attempt that crashed may have reached Slack: its metadata carries the key.
        if (send.attempts > 0) {
          const found = await findInHistory(
            workspaceId,
            send.channel_id,
            postedUnder(key),
            send.attempted_at,
            options.threadTs,
          ).catch((error: unknown) => {
            if (error instanceof SlackPermanentError) return undefined;
            throw error;
          });
          ts = found ?? null;
        }
      }
      if (!ts) return 'never posted';
      try {
        await call(workspaceId, 'chat.delete', { channel: send.channel_id, ts });
      } catch (error) {
        // Already gone (an earlier run deleted it, or the channel went): what was asked for is true.
        if (error instanceof SlackPermanentError && goneCodes.has(error.code)) return 'deleted';
        if (error instanceof SlackPermanentError && undeletableCodes.has(error.code) && options.otherwise) {
          const { text, blocks } = options.otherwise;
          await call(workspaceId, 'chat.update', { channel: send.channel_id, ts, text, ...(blocks ? { blocks } : {}) });
          return 'replaced';
        }
        throw error;
      }
      return 'deleted';
    },

    async publishHome(workspaceId, userId, view) {
      // views.publish replaces the whole tab, so a repeated publish is harmless and needs no ledger.
      await call(workspaceId, 'views.publish', { user_id: userId, view });
    },
  };
}
