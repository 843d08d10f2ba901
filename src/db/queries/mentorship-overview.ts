import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { MentorshipPairRow } from './mentorship-pairs.ts';
import type { MentorshipProgrammeRow } from './mentorship-programmes.ts';
import type { MentorshipSignupRow } from './mentorship-signups.ts';

/** What the App Home reads of mentorship: a person's own programmes and pairs, and the cohort totals admins see. */

type Executor = Kysely<Database>;

export async function findMentorshipProgrammesOf(db: Executor, workspaceId: string): Promise<MentorshipProgrammeRow[]> {
  return await db
    .selectFrom('mentorship_programmes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('channel_id')
    .execute();
}

export async function findMentorshipSignupsOfPerson(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<MentorshipSignupRow[]> {
  return await db
    .selectFrom('mentorship_signups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

/** The person's active pairs in every programme, as mentor or as mentee. */
export async function findActiveMentorshipPairsOfPerson(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<MentorshipPairRow[]> {
  return await db
    .selectFrom('mentorship_pairs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
    .orderBy('started_at')
    .orderBy('mentee_id')
    .execute();
}

/** The goals each of these mentees gave when signing up to the programme. */
export async function findMentorshipGoals(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  userIds: string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('mentorship_signups')
    .select(['user_id', 'goals'])
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('user_id', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.goals]));
}

/** The active pairs of a programme, each with whether a meeting was recorded (by the pair or by a check-in). */
export async function findActiveMentorshipPairMeetings(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<Array<{ menteeId: string; met: boolean }>> {
  const rows = await db
    .selectFrom('mentorship_pairs as p')
    .select((eb) => [
      'p.mentee_id',
      eb
        .or([
          eb('p.first_met_at', 'is not', null),
          eb.exists(
            eb
              .selectFrom('mentorship_checkins as c')
              .select(sql`1`.as('one'))
              .whereRef('c.pair_id', '=', 'p.id')
              .where('c.workspace_id', '=', workspaceId)
              .where('c.met', '=', true),
          ),
        ])
        .as('met'),
    ])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.programme_id', '=', programmeId)
    .where('p.status', '=', 'active')
    .execute();
  return rows.map((r) => ({ menteeId: r.mentee_id, met: Boolean(r.met) }));
}

/** Open requests of a programme: who asked whom, to count them and the people involved. */
export async function findOpenMentorshipRequests(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<Array<{ menteeId: string; mentorId: string }>> {
  const rows = await db
    .selectFrom('mentorship_requests')
    .select(['mentee_id', 'mentor_id'])
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'open')
    .execute();
  return rows.map((r) => ({ menteeId: r.mentee_id, mentorId: r.mentor_id }));
}

export interface AnswerTotals {
  /** Distinct people who answered. */
  people: number;
  answers: number;
  sum: number;
}

function totalsOf(row: { people: unknown; answers: unknown; sum: unknown } | undefined): AnswerTotals {
  return { people: Number(row?.people ?? 0), answers: Number(row?.answers ?? 0), sum: Number(row?.sum ?? 0) };
}

/** The usefulness (1–5) people gave in the check-ins of a programme's pairs: totals only, never per person. */
export async function sumMentorshipCheckinUsefulness(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<AnswerTotals> {
  const row = await db
    .selectFrom('mentorship_checkins as c')
    .innerJoin('mentorship_pairs as p', (join) =>
      join.onRef('p.id', '=', 'c.pair_id').onRef('p.workspace_id', '=', 'c.workspace_id'),
    )
    .select((eb) => [
      eb.fn.count<number>('c.user_id').distinct().as('people'),
      eb.fn.countAll<number>().as('answers'),
      eb.fn.coalesce(eb.fn.sum<number>('c.usefulness'), sql<number>`0`).as('sum'),
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('p.programme_id', '=', programmeId)
    .where('c.usefulness', 'is not', null)
    .executeTakeFirst();
  return totalsOf(row);
}

/** The cycle-end ratings (1–5) people gave on a programme's pairs: totals only, never per person. */
export async function sumMentorshipFeedbackRatings(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<AnswerTotals> {
  const row = await db
    .selectFrom('mentorship_feedback as f')
    .innerJoin('mentorship_pairs as p', (join) =>
      join.onRef('p.id', '=', 'f.pair_id').onRef('p.workspace_id', '=', 'f.workspace_id'),
    )
    .select((eb) => [
      eb.fn.count<number>('f.user_id').distinct().as('people'),
      eb.fn.countAll<number>().as('answers'),
      eb.fn.coalesce(eb.fn.sum<number>('f.rating'), sql<number>`0`).as('sum'),
    ])
    .where('f.workspace_id', '=', workspaceId)
    .where('p.programme_id', '=', programmeId)
    .where('f.rating', 'is not', null)
    .executeTakeFirst();
  return totalsOf(row);
}
