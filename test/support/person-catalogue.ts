import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

/** Tables that never hold anyone's id, name or email; every other table must be seeded with the person. */
export const tablesWithoutPeople = new Map([
  ['workspaces', 'the workspace itself'],
  ['installations', 'the tokens, encrypted'],
  ['profile_field_definitions', "the workspace's custom profile fields"],
  ['processed_events', 'Slack event ids'],
  ['celebration_settings', 'channels and hours'],
  ['celebration_webhook_signatures', 'webhook signatures'],
  ['erased_members', 'digests and tombstones only'],
  ['workspace_skills', "the admin's skill list, naming no one"],
  ['retention_settings', "the workspace's retention periods"],
  ['away_markers', "the admin's away words and emoji, naming no one"],
  ['learning_settings', 'the weekly request cap'],
  ['insights_state', 'when the insights were computed'],
  ['insights_programme_months', 'counts per programme and month'],
  ['insights_tie_months', 'counts per month'],
  ['insights_team_pairs', 'counts per pair of teams'],
  ['insights_teams', 'counts per team'],
  ['insights_department_kudos', 'counts per pair of departments'],
  ['insights_recognition', 'counts and a Gini coefficient'],
  ['insights_mentorship_months', 'counts per month'],
  ['insights_learning_months', 'counts per month'],
  ['insights_drawings', "the admins' charts drawn from the counts"],
  ['insights_window_state', "the window's start and fingerprints (hashes) of the directory and revocations"],
  ['insights_window_kudos', 'counts per period and pair of departments'],
  ['insights_recognition_state', 'the span the kept recognition counts cover'],
  ['kysely_migration', 'migration names'],
  ['kysely_migration_lock', 'the migration lock'],
]);

export interface Hit {
  table: string;
  column: string;
  rows: number;
}

/**
 * Every text, JSON and array column of every table, from the database's own catalogue, searched for any of the
 * needles (a person's id, names, email) in one workspace: a table added later is searched without touching a test.
 */
export async function findInEveryColumn(db: Db, ws: string, needles: string[]): Promise<Hit[]> {
  const columns = await sql<{ table_name: string; column_name: string; scoped: boolean }>`
    select c.table_name, c.column_name,
      exists (select 1 from information_schema.columns w
              where w.table_schema = c.table_schema and w.table_name = c.table_name and w.column_name = 'workspace_id') as scoped
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
    order by c.table_name, c.column_name`.execute(db);
  const patterns = needles.map((n) => `%${n}%`);
  const hits: Hit[] = [];
  for (const { table_name, column_name, scoped } of columns.rows) {
    const scope = scoped ? sql`workspace_id = ${ws}` : table_name === 'workspaces' ? sql`id = ${ws}` : sql`true`;
    const found = await sql<{ rows: number }>`
      select count(*)::int as rows from ${sql.table(table_name)}
      where ${scope} and ${sql.ref(column_name)}::text ilike any(${patterns})`.execute(db);
    const rows = found.rows[0]?.rows ?? 0;
    if (rows > 0) hits.push({ table: table_name, column: column_name, rows });
  }
  return hits;
}

export async function publicTables(db: Db): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  return tables.rows.map((t) => t.table_name);
}
