import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { CheckinAnswer } from '../schema-pairing.ts';

type Executor = Kysely<Database>;

/**
 * Saves a person's answer for a group and returns when the answer they now have was given. Giving the same answer
 * again (a double click, a retried click) changes nothing, so the time stays that of the first.
 */
export async function upsertCheckin(
  db: Executor,
  row: { workspaceId: string; groupId: string; userId: string; answer: CheckinAnswer },
  now: Date,
): Promise<Date> {
  const saved = await db
    .insertInto('round_checkins')
    .values({
      workspace_id: row.workspaceId,
      group_id: row.groupId,
      user_id: row.userId,
      answer: row.answer,
      answered_at: now,
      group_delivered_at: sql<Date | null>`(select delivered_at from round_groups
        where workspace_id = ${row.workspaceId} and id = ${row.groupId})`,
    })
    .onConflict((oc) =>
      oc
        .columns(['group_id', 'user_id'])
        .doUpdateSet({
          answer: row.answer,
          answered_at: now,
          // The insights' windows only grow between full computations: a withdrawn "met" sends them back to one.
          unmet_at: sql<Date | null>`case when round_checkins.answer = 'met' then ${now}::timestamptz else round_checkins.unmet_at end`,
        })
        .where('round_checkins.answer', '<>', row.answer),
    )
    .returning('answered_at')
    .executeTakeFirst();
  if (saved) return saved.answered_at;
  const kept = await db
    .selectFrom('round_checkins')
    .select('answered_at')
    .where('workspace_id', '=', row.workspaceId)
    .where('group_id', '=', row.groupId)
    .where('user_id', '=', row.userId)
    .executeTakeFirstOrThrow();
  return kept.answered_at;
}

/** Everyone's answers for a group, in a stable order (so the same answers always read the same). */
export async function findCheckinAnswers(
  db: Executor,
  workspaceId: string,
  groupId: string,
): Promise<Array<{ userId: string; answer: CheckinAnswer }>> {
  const rows = await db
    .selectFrom('round_checkins')
    .select(['user_id', 'answer'])
    .where('workspace_id', '=', workspaceId)
    .where('group_id', '=', groupId)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, answer: r.answer }));
}
