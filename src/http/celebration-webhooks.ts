import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { JobQueues } from '../../jobs/queues.ts';
import type { Db } from '../db/database.ts';
import { loadCelebrationSettings } from '../domain/celebrations/settings.ts';
import { recordCelebration, resolveContributors } from '../domain/celebrations/shipped.ts';
import {
  type CelebrationHook,
  type ContributorRef,
  isChannelId,
  parseCelebrationHook,
  parseGithubRelease,
} from '../domain/celebrations/webhook-payloads.ts';
import { type Sealer, webhookSecretFor } from '../domain/celebrations/webhook-secret.ts';
import { verifyGithubSignature, verifyNudgeSignature } from '../domain/celebrations/webhook-signature.ts';
import { findMembersByIds } from '../domain/directory/find-members.ts';
import { saveMembers } from '../domain/directory/save-members.ts';
import type { SlackUserObject } from '../domain/directory/slack-user.ts';
import type { Clock } from '../observability/clock.ts';
import type { Logger } from '../observability/logger.ts';
import type { SlackSender } from '../slack/platform/send.ts';
import { SlackPermanentError, SlackRateLimitedError, WorkspaceInactiveError } from '../slack/platform/send-errors.ts';
/**
 * Inbound webhooks that celebrate a shipped project: `POST /hooks/celebrate/<workspace>` with Nudge's own JSON
 * (signed with X-Nudge-Signature) or GitHub's `release` event (signed with X-Hub-Signature-256), both with the
 * workspace's webhook secret. Every refusal is a 4xx with a JSON reason and changes nothing; an accepted request
 * is recorded and posted by a job (202). See docs/celebrations.md.
 */

export interface CelebrationWebhookDeps {
  db: Db;
  secrets: Sealer;
  sender: SlackSender;
  queues: JobQueues;
  clock: Clock;
  logger: Logger;
}

export const webhookBodyLimitBytes = 256 * 1024;
const workspacePattern = /^[A-Z0-9]{2,30}$/;
const maxLookups = 20;

class HttpAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

const refuse = {
  signature: (reason: string) => new HttpAnswer(401, { ok: false, error: 'invalid_signature', reason }),
  field: (field: string, reason: string) => new HttpAnswer(400, { ok: false, error: 'invalid_request', field, reason }),
  unprocessable: (field: string, reason: string) =>
    new HttpAnswer(422, { ok: false, error: 'unprocessable', field, reason }),
};

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Looks up people the directory does not know yet (joined since the daily sync), then resolves again. */
async function resolveWithLookups(deps: CelebrationWebhookDeps, workspaceId: string, refs: ContributorRef[]) {
  const first = await resolveContributors(deps.db, workspaceId, refs);
  const knownIds = await findMembersByIds(deps.db, workspaceId, first.userIds);
  const unknownIds = first.userIds.filter((id) => !knownIds.has(id));
  const lookups = [
    ...first.unresolved.map((u) => u.ref),
    ...unknownIds.map((userId) => ({ kind: 'id' as const, userId })),
  ].slice(0, maxLookups);
  if (lookups.length === 0) return first;
  const found: SlackUserObject[] = [];
  for (const ref of lookups) {
    try {
      const answer =
        ref.kind === 'email'
          ? await deps.sender.call<{ user?: SlackUserObject }>(workspaceId, 'users.lookupByEmail', { email: ref.email })
          : await deps.sender.call<{ user?: SlackUserObject }>(workspaceId, 'users.info', { user: ref.userId });
      const user = answer.user;
      if (user && (!user.team_id || user.team_id === workspaceId || workspaceId.startsWith('E'))) found.push(user);
    } catch (error) {
      // users_not_found / user_not_found: they stay unknown and are answered as such.
      if (!(error instanceof SlackPermanentError)) throw error;
    }
  }
  if (found.length === 0) return first;
  await saveMembers(deps.db, { workspaceId, users: found, now: deps.clock.now() });
  return await resolveContributors(deps.db, workspaceId, refs);
}

/** conversations.info through the sender: can Nudge see (and so post in) this channel? */
async function checkChannel(deps: CelebrationWebhookDeps, workspaceId: string, channel: string): Promise<void> {
  let info: { channel?: { is_archived?: boolean; is_im?: boolean; is_mpim?: boolean } };
  try {
    info = await deps.sender.call(workspaceId, 'conversations.info', { channel });
  } catch (error) {
    if (error instanceof SlackPermanentError) {
      throw refuse.unprocessable(
        'channel',
        error.code === 'channel_not_found'
          ? `Nudge can't see channel ${channel}: check the ID, and invite @Nudge to a private channel`
          : `Slack refused channel ${channel}: ${error.code}`,
      );
    }
    if (error instanceof SlackRateLimitedError) {
      const seconds = String(Math.ceil(error.retryAfterMs / 1000));
      throw new HttpAnswer(
        429,
        { ok: false, error: 'rate_limited', reason: 'Slack is rate-limiting Nudge; retry later' },
        { 'retry-after': seconds },
      );
    }
    if (error instanceof WorkspaceInactiveError)
      throw refuse.signature('this workspace has no active Nudge installation');
    throw error;
  }
  if (info.channel?.is_im || info.channel?.is_mpim) {
    throw refuse.unprocessable('channel', `${channel} is a direct message, not a channel`);
  }
  if (info.channel?.is_archived) throw refuse.unprocessable('channel', `channel ${channel} is archived`);
}

async function accept(deps: CelebrationWebhookDeps, req: IncomingMessage, workspaceId: string): Promise<HttpAnswer> {
  const body = await readBody(req, webhookBodyLimitBytes);
  if (body === 'too_large') {
    return new HttpAnswer(413, {
      ok: false,
      error: 'body_too_large',
      reason: `at most ${webhookBodyLimitBytes} bytes`,
    });
  }
  const secret = workspacePattern.test(workspaceId)
    ? await webhookSecretFor(deps.db, deps.secrets, workspaceId)
    : undefined;
  if (!secret) {
    return refuse.signature(
      'no webhook secret is set for this workspace (an admin creates one with /celebrate secret)',
    );
  }
  const now = deps.clock.now();
  const githubEvent = header(req, 'x-github-event');
  const check = githubEvent
    ? verifyGithubSignature({ secret, header: header(req, 'x-hub-signature-256'), body })
    : verifyNudgeSignature({ secret, header: header(req, 'x-nudge-signature'), body, now });
  if (!check.ok) return refuse.signature(check.reason);

  const parsed = githubEvent ? parseGithubRelease(githubEvent, body) : parseCelebrationHook(body);
  if (parsed.ok === 'ignored') return new HttpAnswer(202, { ok: true, ignored: true, reason: parsed.reason });
  if (!parsed.ok) return refuse.field(parsed.field, parsed.reason);
  const hook: CelebrationHook = parsed.hook;

  let channel = hook.channel;
  if (githubEvent) {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('channel');
    if (query !== null && !isChannelId(query)) {
      return refuse.field('channel', 'the ?channel= query parameter must be a Slack channel ID such as C0123ABCD');
    }
    channel = query ?? (await loadCelebrationSettings(deps.db, workspaceId)).channelId;
    if (!channel) {
      return refuse.unprocessable(
        'channel',
        'no channel: add ?channel=C… to the webhook URL, or set a celebrations channel in Nudge',
      );
    }
  }
  if (!channel) return refuse.field('channel', 'required');

  const resolved = await resolveWithLookups(deps, workspaceId, hook.contributors);
  if (!githubEvent && resolved.unresolved.length > 0) {
    const first = resolved.unresolved[0] as (typeof resolved.unresolved)[number];
    return refuse.unprocessable(
      `contributors[${first.index}]`,
      first.ref.kind === 'email'
        ? `no active member of this workspace has the email ${first.ref.email}`
        : 'unknown person',
    );
  }
  await checkChannel(deps, workspaceId, channel);

  const result = await recordCelebration(deps.db, {
    workspaceId,
    title: hook.title,
    url: hook.url,
    channelId: channel,
    contributorIds: resolved.userIds,
    createdBy: null,
    source: githubEvent ? 'github' : 'webhook',
    requestKey: hook.requestKey ?? `hook:sig:${check.signature}`,
    // GitHub signs no timestamp: its redeliveries are recognised by the release id instead.
    ...(githubEvent ? {} : { signature: check.signature }),
    now,
  });
  if (!result.ok) {
    const r = result.refusal;
    switch (r.kind) {
      case 'replayed':
        return new HttpAnswer(409, {
          ok: false,
          error: 'replayed',
          reason: 'this signed request was already accepted',
        });
      case 'workspace_inactive':
        return refuse.signature('this workspace has no active Nudge installation');
      case 'invalid':
        return refuse.field(r.field, r.reason);
      case 'contributors': {
        const index = hook.contributors.findIndex((ref) => ref.kind === 'id' && r.userIds.includes(ref.userId));
        const why = {
          not_member: 'is not a member of this workspace',
          bot: 'is a bot',
          deactivated: 'has left the workspace',
        }[r.problem];
        return refuse.unprocessable(index >= 0 ? `contributors[${index}]` : 'contributors', `${r.userIds[0]} ${why}`);
      }
    }
  }
  if (!result.duplicate) {
    try {
      await deps.queues.enqueue('celebrations.post', { workspaceId, celebrationId: result.celebrationId });
    } catch (error) {
      // Recorded already: the celebrations tick re-enqueues anything not posted.
      deps.logger.warn({ workspaceId, err: error }, 'could not enqueue a celebration post');
    }
  }
  const unmatched = resolved.unresolved.map((u) => (u.ref.kind === 'email' ? u.ref.email : u.ref.userId));
  return new HttpAnswer(202, {
    ok: true,
    celebrationId: result.celebrationId,
    duplicate: result.duplicate,
    contributors: resolved.userIds,
    ...(unmatched.length ? { unmatched } : {}),
  });
}

export function celebrationWebhookRoutes(deps: CelebrationWebhookDeps): CustomRoute[] {
  const handler = (req: IncomingMessage & { params?: Record<string, string | string[]> }, res: ServerResponse) => {
    const param = req.params?.workspaceId;
    const workspaceId = typeof param === 'string' ? param : '';
    void (async () => {
      let answer: HttpAnswer;
      try {
        answer = await accept(deps, req, workspaceId);
      } catch (error) {
        if (error instanceof HttpAnswer) answer = error;
        else {
          deps.logger.error({ workspaceId, err: error }, 'celebration webhook failed');
          answer = new HttpAnswer(
            503,
            {
              ok: false,
              error: 'temporarily_unavailable',
              reason: 'Nudge could not take this request now; nothing was recorded, retry later',
            },
            { 'retry-after': '30' },
          );
        }
      }
      deps.logger.info(
        { workspaceId, status: answer.status, error: answer.body.error, field: answer.body.field },
        'celebration webhook answered',
      );
      if (answer.status === 413) res.setHeader('connection', 'close');
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    })();
  };
  return [{ path: '/hooks/celebrate/:workspaceId', method: ['POST'], handler }];
}
