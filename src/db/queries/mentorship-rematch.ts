import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import type { MentorshipRematchRequestsTable } from '../schema-mentorship.ts';

type Executor = Kysely<Database>;
export type MentorshipRematchRow = Selectable<MentorshipRematchRequestsTable>;

/** Undefined when the pair already has its request (one request ends the pair). */
export async function insertRematchRequest(
  trx: Executor,
  row: { workspaceId: string; pairId: string; askedBy: string; now: Date },
): Promise<MentorshipRematchRow | undefined> {
  return await trx
    .insertInto('mentorship_rematch_requests')
    .values({ workspace_id: row.workspaceId, pair_id: row.pairId, asked_by: row.askedBy, asked_at: row.now })
    .onConflict((oc) => oc.columns(['workspace_id', 'pair_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function lockRematchRequest(
  trx: Executor,
  workspaceId: string,
  pairId: string,
): Promise<MentorshipRematchRow | undefined> {
  return await trx
    .selectFrom('mentorship_rematch_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('pair_id', '=', pairId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findRematchRequest(
  db: Executor,
  workspaceId: string,
  pairId: string,
): Promise<MentorshipRematchRow | undefined> {
  return await db
    .selectFrom('mentorship_rematch_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('pair_id', '=', pairId)
    .executeTakeFirst();
}

export async function markRematchDone(trx: Executor, workspaceId: string, pairId: string, now: Date): Promise<void> {
  await trx
    .updateTable('mentorship_rematch_requests')
    .set({ rematched_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('pair_id', '=', pairId)
    .execute();
}

export async function markRematchNotified(db: Executor, workspaceId: string, pairId: string, now: Date) {
  await db
    .updateTable('mentorship_rematch_requests')
    .set({ notified_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('pair_id', '=', pairId)
    .execute();
}

/** The programme's re-matches not finished: not run yet, or their outcome not yet told. */
export async function findUnfinishedRematches(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('mentorship_rematch_requests as r')
    .innerJoin('mentorship_pairs as p', (join) =>
      join.onRef('p.id', '=', 'r.pair_id').onRef('p.workspace_id', '=', 'r.workspace_id'),
    )
    .select('r.pair_id')
    .where('r.workspace_id', '=', workspaceId)
    .where('p.programme_id', '=', programmeId)
    .where('r.notified_at', 'is', null)
    .execute();
  return rows.map((r) => r.pair_id);
}
