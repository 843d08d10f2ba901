import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { analyzeSample } from './insights-aggregates.ts';

type Executor = Kysely<Database>;

/** The insights' kept sets, each with its key (after `workspace_id`) and the columns it keeps per key. */
const keptSets = {
  insights_window_ties: { key: ['person_a', 'person_b'], values: ['team_a', 'team_b'] },
  insights_window_tie_people: { key: ['user_id'], values: ['team'] },
  insights_window_givers: { key: ['giver_id'], values: ['from_department', 'to_departments'] },
  insights_window_recipients: { key: ['recipient_id'], values: ['to_department', 'from_departments'] },
  insights_window_kudos: { key: ['period', 'from_department', 'to_department'], values: ['kudos'] },
  insights_recognition_received: { key: ['recipient_id'], values: ['kudos'] },
} as const;

export type KeptSet = keyof typeof keptSets;

/** Every kept set's table. */
export const keptSetTables = Object.keys(keptSets) as KeptSet[];

/**
 * Makes a workspace's rows of a kept set those of `fresh`, a temporary table with the same columns but
 * `workspace_id`, one row per key, writing only the difference: rows whose key is gone or whose columns changed are
 * deleted, then the rows not kept yet are inserted. A daily full recomputation finds most kept rows as it left them
 * the day before: they stay in place with their index entries, instead of hundreds of thousands of rows deleted,
 * written again and left for the background vacuum.
 */
export async function replaceKeptRows(db: Executor, workspaceId: string, table: KeptSet, fresh: string) {
  const { key, values } = keptSets[table];
  const columns = [...key, ...values];
  // Sized for the planner, which otherwise may read the fresh rows once per kept row.
  await analyzeSample(db, fresh);
  const matching = sql.join(
    columns.map((c) => sql`n.${sql.id(c)} = k.${sql.id(c)}`),
    sql` and `,
  );
  await sql`delete from ${sql.table(table)} k
    where k.workspace_id = ${workspaceId} and not exists (select from ${sql.table(fresh)} n where ${matching})`.execute(
    db,
  );
  // Each row still kept is in `fresh` unchanged: the primary key's conflict skips it.
  await sql`insert into ${sql.table(table)} (workspace_id, ${sql.join(columns.map((c) => sql.id(c)))})
    select ${workspaceId}, ${sql.join(columns.map((c) => sql`n.${sql.id(c)}`))} from ${sql.table(fresh)} n
    on conflict do nothing`.execute(db);
}
