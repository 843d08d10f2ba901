import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import type { MentorshipPairsTable } from '../schema-mentorship.ts';

type Executor = Kysely<Database>;
export type MentorshipPairRow = Selectable<MentorshipPairsTable>;

export interface NewMentorshipPair {
  mentorId: string;
  menteeId: string;
  score: number | null;
  why: string;
  cycleId: string | null;
  requestId: string | null;
}

export async function insertMentorshipPairs(
  trx: Executor,
  workspaceId: string,
  programmeId: string,
  pairs: NewMentorshipPair[],
  times: { now: Date; endsAt: Date },
): Promise<string[]> {
  if (pairs.length === 0) return [];
  const rows = await trx
    .insertInto('mentorship_pairs')
    .values(
      pairs.map((p) => ({
        workspace_id: workspaceId,
        programme_id: programmeId,
        cycle_id: p.cycleId,
        request_id: p.requestId,
        mentor_id: p.mentorId,
        mentee_id: p.menteeId,
        score: p.score,
        why: p.why,
        status: 'active' as const,
        started_at: times.now,
        ends_at: times.endsAt,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function findActiveMentorshipPairs(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<MentorshipPairRow[]> {
  return await db
    .selectFrom('mentorship_pairs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'active')
    .orderBy('mentor_id')
    .orderBy('mentee_id')
    .execute();
}

/** Every pair the programme ever formed, the engine's history (a past pair is avoided). */
export async function findMentorshipPairHistory(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<Array<{ mentor: string; mentee: string; startedAt: Date }>> {
  const rows = await db
    .selectFrom('mentorship_pairs')
    .select(['mentor_id', 'mentee_id', 'started_at'])
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .execute();
  return rows.map((r) => ({ mentor: r.mentor_id, mentee: r.mentee_id, startedAt: r.started_at }));
}

export async function countActiveMentees(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  mentorId: string,
): Promise<number> {
  const row = await db
    .selectFrom('mentorship_pairs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('mentor_id', '=', mentorId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A new cycle replaces the last one: its pairs end. */
export async function endActiveMentorshipPairs(
  trx: Executor,
  workspaceId: string,
  programmeId: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('mentorship_pairs')
    .set({ status: 'ended', ended_at: now, end_reason: 'cycle_end' })
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'active')
    .execute();
}

export async function findMentorshipPair(
  db: Executor,
  workspaceId: string,
  pairId: string,
): Promise<MentorshipPairRow | undefined> {
  return await db
    .selectFrom('mentorship_pairs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pairId)
    .executeTakeFirst();
}

/** Only the first call writes: a retried intro job keeps the time the intro first went out. */
export async function markMentorshipIntroSent(
  db: Executor,
  workspaceId: string,
  pairId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('mentorship_pairs')
    .set({ intro_sent_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pairId)
    .where('intro_sent_at', 'is', null)
    .execute();
}

/** The pair an accepted request formed. */
export async function findMentorshipPairOfRequest(
  db: Executor,
  workspaceId: string,
  requestId: string,
): Promise<MentorshipPairRow | undefined> {
  return await db
    .selectFrom('mentorship_pairs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}
