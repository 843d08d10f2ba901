import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { RetentionSettingsTable } from '../schema-retention.ts';

type Executor = Kysely<Database>;

export type RetentionSettingsRow = Omit<RetentionSettingsTable, 'workspace_id' | 'updated_at'>;

export async function findRetentionSettings(
  db: Executor,
  workspaceId: string,
): Promise<RetentionSettingsRow | undefined> {
  return await db
    .selectFrom('retention_settings')
    .select([
      'processed_events_days',
      'send_ledger_days',
      'checkin_answers_days',
      'feedback_days',
      'kudos_history_days',
      'audit_log_days',
      'departed_grace_days',
    ])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export async function upsertRetentionSettings(
  db: Executor,
  workspaceId: string,
  settings: RetentionSettingsRow,
  now: Date,
): Promise<void> {
  await db
    .insertInto('retention_settings')
    .values({ workspace_id: workspaceId, ...settings, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...settings, updated_at: now }))
    .execute();
}

/** The tables the sweep expires rows from, each with the column that says how old a row is. */
export const expiringTables = {
  processed_events: 'received_at',
  slack_sends: 'attempted_at',
  round_checkins: 'answered_at',
  mentorship_checkins: 'sent_at',
  mentorship_feedback: 'asked_at',
  // Its kudos and revocations go with it (foreign keys on delete cascade).
  kudos_gifts: 'given_at',
} as const;

export type ExpiringTable = keyof typeof expiringTables;

/**
 * Deletes up to `batchSize` of a workspace's rows older than `cutoff` from one table, in one short statement, and
 * says how many went. Rows are picked by their physical address so any table works without a single-column key.
 */
export async function deleteExpiredBatch(
  db: Executor,
  table: ExpiringTable,
  workspaceId: string,
  cutoff: Date,
  batchSize: number,
): Promise<number> {
  const column = expiringTables[table];
  const result = await sql`
    delete from ${sql.table(table)} where ctid = any(array(
      select ctid from ${sql.table(table)}
      where workspace_id = ${workspaceId} and ${sql.ref(column)} < ${cutoff}
      limit ${batchSize}
    ))`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** People who left before `cutoff` and whose personal data is still held. */
export async function findDepartedMembersToPurge(
  db: Executor,
  workspaceId: string,
  cutoff: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('is_deleted', '=', true)
    .where('departed_at', '<', cutoff)
    .where('personal_data_purged_at', 'is', null)
    .orderBy('departed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Of these people, the ones who left and whose personal data is still held, with the names to scrub, locked for the
 * purge so a directory sync that says one of them is back waits for it (or wins before it starts).
 */
export async function lockDepartedMembersToPurge(
  db: Executor,
  workspaceId: string,
  userIds: string[],
): Promise<Array<{ user_id: string; name: string; display_name: string; real_name: string; email: string | null }>> {
  if (userIds.length === 0) return [];
  return await db
    .selectFrom('members')
    .select(['user_id', 'name', 'display_name', 'real_name', 'email'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .where('is_deleted', '=', true)
    .where('personal_data_purged_at', 'is', null)
    .orderBy('user_id')
    .forUpdate()
    .execute();
}

/** Workspaces uninstalled before `cutoff` and not reinstalled since. */
export async function findUninstalledWorkspacesBefore(db: Executor, cutoff: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('workspaces')
    .select('id')
    .where('status', '=', 'inactive')
    .where('deactivated_at', '<', cutoff)
    .execute();
  return rows.map((r) => r.id);
}

/** Locks the workspace row for the purge, so a reinstall waits for it (or wins before it starts). */
export async function lockWorkspaceForPurge(
  db: Executor,
  workspaceId: string,
): Promise<{ status: string; deactivated_at: Date | null } | undefined> {
  return await db
    .selectFrom('workspaces')
    .select(['status', 'deactivated_at'])
    .where('id', '=', workspaceId)
    .forUpdate()
    .executeTakeFirst();
}

/** Every table with a `workspace_id`, from the database's own catalogue, so a table added later is purged too. */
export async function findWorkspaceScopedTables(db: Executor): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'workspace_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db);
  return rows.rows.map((r) => r.table_name);
}

/** All of a workspace's rows in one table (the workspace purge walks every table with a `workspace_id`). */
export async function deleteWorkspaceRows(db: Executor, table: string, workspaceId: string): Promise<number> {
  const result = await sql`delete from ${sql.table(table)} where workspace_id = ${workspaceId}`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** The workspace row itself; every table that references it goes with it (on delete cascade). */
export async function deleteWorkspaceRow(db: Executor, workspaceId: string): Promise<number> {
  const result = await db.deleteFrom('workspaces').where('id', '=', workspaceId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
