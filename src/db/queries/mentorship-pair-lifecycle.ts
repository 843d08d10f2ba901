import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { MentorshipPairEndReason } from '../schema-mentorship.ts';
import type { MentorshipPairRow } from './mentorship-pairs.ts';

type Executor = Kysely<Database>;

export async function lockMentorshipPair(
  trx: Executor,
  workspaceId: string,
  pairId: string,
): Promise<MentorshipPairRow | undefined> {
  return await trx
    .selectFrom('mentorship_pairs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pairId)
    .forUpdate()
    .executeTakeFirst();
}

/** A meeting the pair reported: the first one stays, the last one moves forward only. */
export async function markMentorshipPairMet(trx: Executor, workspaceId: string, pairId: string, at: Date) {
  const pair = await lockMentorshipPair(trx, workspaceId, pairId);
  if (!pair) return;
  await trx
    .updateTable('mentorship_pairs')
    .set({
      first_met_at: pair.first_met_at ?? at,
      last_met_at: pair.last_met_at && pair.last_met_at > at ? pair.last_met_at : at,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pairId)
    .execute();
}

export type MentorshipPairMark = 'fit_checked_at' | 'idle_nudged_at' | 'end_warned_at' | 'end_notified_at';

/** Records that a step's messages reached both people. */
export async function markMentorshipPair(
  db: Executor,
  workspaceId: string,
  pairId: string,
  mark: MentorshipPairMark,
  at: Date,
): Promise<void> {
  await db
    .updateTable('mentorship_pairs')
    .set({ [mark]: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pairId)
    .execute();
}

/** Ends an active pair; false when it had already ended (the caller lost a race, or repeats itself). */
export async function endMentorshipPair(
  trx: Executor,
  workspaceId: string,
  pairId: string,
  reason: MentorshipPairEndReason,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('mentorship_pairs')
    .set({ status: 'ended', ended_at: now, end_reason: reason })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pairId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Pairs that ended since `since` for a reason Nudge tells people about, whose notice has not reached them yet. */
export async function findMentorshipPairsAwaitingEndNotice(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  reasons: MentorshipPairEndReason[],
  since: Date,
): Promise<MentorshipPairRow[]> {
  return await db
    .selectFrom('mentorship_pairs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'ended')
    .where('end_reason', 'in', reasons)
    .where('end_notified_at', 'is', null)
    .where('ended_at', '>=', since)
    .execute();
}

/** The pairs a re-match created for a freed person: started at the moment of the re-match, involving them. */
export async function findMentorshipPairsStartedAt(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  startedAt: Date,
  userIds: string[],
): Promise<MentorshipPairRow[]> {
  if (userIds.length === 0) return [];
  return await db
    .selectFrom('mentorship_pairs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('started_at', '=', startedAt)
    .where((eb) => eb.or([eb('mentor_id', 'in', userIds), eb('mentee_id', 'in', userIds)]))
    .orderBy('started_at')
    .execute();
}

/** The pair that carries a pair on for another cycle: the same two people, started when the earlier one ended. */
export async function findMentorshipPairContinuing(
  db: Executor,
  workspaceId: string,
  previous: MentorshipPairRow,
): Promise<MentorshipPairRow | undefined> {
  if (!previous.ended_at) return undefined;
  return await db
    .selectFrom('mentorship_pairs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', previous.programme_id)
    .where('mentor_id', '=', previous.mentor_id)
    .where('mentee_id', '=', previous.mentee_id)
    .where('started_at', '=', previous.ended_at)
    .executeTakeFirst();
}
