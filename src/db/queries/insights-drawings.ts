import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

/** The stored drawings of a workspace among `keys`, as key → SVG. */
export async function findInsightsDrawings(
  db: Executor,
  workspaceId: string,
  keys: readonly string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('insights_drawings')
    .select(['drawing_key', 'svg'])
    .where('workspace_id', '=', workspaceId)
    .where('drawing_key', 'in', keys)
    .execute();
  return new Map(rows.map((row) => [row.drawing_key, row.svg]));
}

/** The keys of every drawing a workspace has stored. */
export async function findInsightsDrawingKeys(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('insights_drawings')
    .select('drawing_key')
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((row) => row.drawing_key);
}

/** Adds drawings; a key already stored keeps its drawing (the same key is the same picture). */
export async function insertInsightsDrawings(
  db: Executor,
  workspaceId: string,
  drawings: ReadonlyArray<{ key: string; svg: string }>,
  now: Date,
): Promise<void> {
  if (drawings.length === 0) return;
  await db
    .insertInto('insights_drawings')
    .values(drawings.map((d) => ({ workspace_id: workspaceId, drawing_key: d.key, svg: d.svg, drawn_at: now })))
    .onConflict((oc) => oc.columns(['workspace_id', 'drawing_key']).doNothing())
    .execute();
}

/** Removes a workspace's drawings of charts its report no longer has. */
export async function deleteInsightsDrawingsExcept(
  db: Executor,
  workspaceId: string,
  kept: readonly string[],
): Promise<number> {
  let query = db.deleteFrom('insights_drawings').where('workspace_id', '=', workspaceId);
  if (kept.length > 0) query = query.where('drawing_key', 'not in', kept);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Held while a workspace's report is read, drawn and stored, so the last to store always read the newest report. */
export async function lockInsightsDrawings(db: Executor, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('insights-drawings'), hashtext(${workspaceId}))`.execute(db);
}
