import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

/** The workspace's own away markers, or undefined when it keeps the default list. */
export async function findAwayMarkers(db: Executor, workspaceId: string): Promise<string[] | undefined> {
  const row = await db
    .selectFrom('away_markers')
    .select('markers')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.markers;
}

export async function upsertAwayMarkers(
  db: Executor,
  row: { workspaceId: string; markers: string[]; now: Date },
): Promise<void> {
  const values = { workspace_id: row.workspaceId, markers: JSON.stringify(row.markers), updated_at: row.now };
  await db
    .insertInto('away_markers')
    .values(values)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ markers: values.markers, updated_at: row.now }))
    .execute();
}
