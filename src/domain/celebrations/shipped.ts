import type { Db } from '../../db/database.ts';
import {
  findCelebrationByRequestKey,
  insertCelebration,
  rememberWebhookSignature,
} from '../../db/queries/celebrations.ts';
import { findMembersByIds, findPeopleByEmails } from '../../db/queries/members.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import type { CelebrationSource } from '../../db/schema-celebrations.ts';
import { hasControlCharacters } from './text.ts';
import { type ContributorRef, isChannelId, isHttpUrl, maxContributors, maxTitleLength } from './webhook-payloads.ts';

export interface RecordCelebrationInput {
  workspaceId: string;
  title: string;
  url: string | null;
  channelId: string;
  contributorIds: string[];
  createdBy: string | null;
  source: CelebrationSource;
  /** Same key, same celebration (a resubmitted modal, a redelivered webhook). */
  requestKey: string;
  /** A signed webhook's signature: remembered in the same transaction, so a replay is refused. */
  signature?: string;
  now: Date;
}

export type CelebrationRefusal =
  | { kind: 'invalid'; field: 'title' | 'url' | 'channel' | 'contributors'; reason: string }
  | { kind: 'contributors'; problem: 'not_member' | 'bot' | 'deactivated'; userIds: string[] }
  | { kind: 'replayed' }
  | { kind: 'workspace_inactive' };

export type RecordCelebrationResult =
  | { ok: true; celebrationId: string; duplicate: boolean }
  | { ok: false; refusal: CelebrationRefusal };

/**
 * A shipped project worth celebrating: checked (title, link, channel, real active people) and recorded once
 * per request key. Posting is a job's work; this only decides and records.
 */
export async function recordCelebration(db: Db, input: RecordCelebrationInput): Promise<RecordCelebrationResult> {
  const title = input.title.trim();
  if (title.length === 0 || title.length > maxTitleLength || hasControlCharacters(title)) {
    return {
      ok: false,
      refusal: { kind: 'invalid', field: 'title', reason: `Say what shipped in 1 to ${maxTitleLength} characters.` },
    };
  }
  if (input.url !== null && !isHttpUrl(input.url)) {
    return { ok: false, refusal: { kind: 'invalid', field: 'url', reason: 'The link must be an http(s) URL.' } };
  }
  if (!isChannelId(input.channelId)) {
    return { ok: false, refusal: { kind: 'invalid', field: 'channel', reason: 'Choose a channel.' } };
  }
  const contributorIds = [...new Set(input.contributorIds)];
  if (contributorIds.length > maxContributors) {
    return {
      ok: false,
      refusal: { kind: 'invalid', field: 'contributors', reason: `At most ${maxContributors} people.` },
    };
  }
  const members = await findMembersByIds(db, input.workspaceId, contributorIds);
  const missing = contributorIds.filter((id) => !members.has(id));
  if (missing.length > 0)
    return { ok: false, refusal: { kind: 'contributors', problem: 'not_member', userIds: missing } };
  const bots = contributorIds.filter((id) => members.get(id)?.is_bot);
  if (bots.length > 0) return { ok: false, refusal: { kind: 'contributors', problem: 'bot', userIds: bots } };
  const gone = contributorIds.filter((id) => members.get(id)?.is_deleted);
  if (gone.length > 0) return { ok: false, refusal: { kind: 'contributors', problem: 'deactivated', userIds: gone } };
  const workspace = await findWorkspace(db, input.workspaceId);
  if (workspace?.status !== 'active') return { ok: false, refusal: { kind: 'workspace_inactive' } };

  return await db.transaction().execute(async (trx) => {
    if (input.signature && !(await rememberWebhookSignature(trx, input.workspaceId, input.signature, input.now))) {
      return { ok: false as const, refusal: { kind: 'replayed' as const } };
    }
    const id = await insertCelebration(trx, {
      workspaceId: input.workspaceId,
      title,
      url: input.url,
      channelId: input.channelId,
      contributorIds,
      createdBy: input.createdBy,
      source: input.source,
      requestKey: input.requestKey,
      createdAt: input.now,
    });
    if (id) return { ok: true as const, celebrationId: id, duplicate: false };
    const existing = await findCelebrationByRequestKey(trx, input.workspaceId, input.requestKey);
    if (!existing) throw new Error('celebration request key conflict without a row');
    return { ok: true as const, celebrationId: existing.id, duplicate: true };
  });
}

export interface ResolvedContributors {
  userIds: string[];
  /** Refs no active person in the directory matches, with their position in the request. */
  unresolved: Array<{ index: number; ref: ContributorRef }>;
}

/** Slack IDs as given (the rules check them); emails to the active person in the member directory with that email. */
export async function resolveContributors(
  db: Db,
  workspaceId: string,
  refs: ContributorRef[],
): Promise<ResolvedContributors> {
  const emails = refs.flatMap((ref) => (ref.kind === 'email' ? [ref.email] : []));
  const byEmail = new Map<string, string>();
  if (emails.length > 0) {
    const rows = await findPeopleByEmails(db, workspaceId, emails);
    for (const row of rows)
      if (row.email && !byEmail.has(row.email.toLowerCase())) byEmail.set(row.email.toLowerCase(), row.user_id);
  }
  const userIds: string[] = [];
  const unresolved: ResolvedContributors['unresolved'] = [];
  refs.forEach((ref, index) => {
    if (ref.kind === 'id') userIds.push(ref.userId);
    else {
      const id = byEmail.get(ref.email);
      if (id) userIds.push(id);
      else unresolved.push({ index, ref });
    }
  });
  return { userIds: [...new Set(userIds)], unresolved };
}
