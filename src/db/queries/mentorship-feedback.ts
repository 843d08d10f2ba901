import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import type { MentorshipFeedbackTable } from '../schema-mentorship.ts';

type Executor = Kysely<Database>;
export type MentorshipFeedbackRow = Selectable<MentorshipFeedbackTable>;

export async function findPairFeedback(
  db: Executor,
  workspaceId: string,
  pairId: string,
): Promise<MentorshipFeedbackRow[]> {
  return await db
    .selectFrom('mentorship_feedback')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('pair_id', '=', pairId)
    .execute();
}

/** The programme's feedback rows on active pairs: who was asked at the cycle's end. */
export async function findFeedbackOfActivePairs(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<MentorshipFeedbackRow[]> {
  return await db
    .selectFrom('mentorship_feedback as f')
    .innerJoin('mentorship_pairs as p', (join) =>
      join.onRef('p.id', '=', 'f.pair_id').onRef('p.workspace_id', '=', 'f.workspace_id'),
    )
    .selectAll('f')
    .where('f.workspace_id', '=', workspaceId)
    .where('p.programme_id', '=', programmeId)
    .where('p.status', '=', 'active')
    .execute();
}

/** The feedback request reached this person (a repeat changes nothing). */
export async function insertFeedbackAsked(
  db: Executor,
  row: { workspaceId: string; pairId: string; userId: string; now: Date },
): Promise<void> {
  await db
    .insertInto('mentorship_feedback')
    .values({ workspace_id: row.workspaceId, pair_id: row.pairId, user_id: row.userId, asked_at: row.now })
    .onConflict((oc) => oc.columns(['workspace_id', 'pair_id', 'user_id']).doNothing())
    .execute();
}

export async function upsertFeedbackAnswer(
  db: Executor,
  row: {
    workspaceId: string;
    pairId: string;
    userId: string;
    rating: number;
    comment: string | null;
    continueNext: boolean;
    now: Date;
  },
): Promise<void> {
  const answer = {
    answered_at: row.now,
    rating: row.rating,
    comment: row.comment,
    continue_next: row.continueNext,
  };
  await db
    .insertInto('mentorship_feedback')
    .values({ workspace_id: row.workspaceId, pair_id: row.pairId, user_id: row.userId, asked_at: row.now, ...answer })
    .onConflict((oc) => oc.columns(['workspace_id', 'pair_id', 'user_id']).doUpdateSet(answer))
    .execute();
}
