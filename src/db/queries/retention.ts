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

/**
 * The tables the sweep expires rows from: the column that says how old a row is, and the one the sweep walks them
 * in. Walking an index from where the last batch stopped reads each expired row once; picking "any expired rows"
 * instead made every batch scan the table from its start, over all the rows earlier batches had just deleted (dead
 * until vacuum), so each statement was slower than the one before. With an index on (workspace_id, age) the walk is
 * the age itself (ties allowed: the next batch starts at the last age deleted); otherwise the primary key (unique).
 */
export const expiringTables = {
  processed_events: { age: 'received_at', walk: 'received_at', unique: false },
  slack_sends: { age: 'attempted_at', walk: 'attempted_at', unique: false },
  round_checkins: { age: 'answered_at', walk: 'answered_at', unique: false },
  // A few rows per pair: no index on the age, and none needed.
  mentorship_checkins: { age: 'sent_at', walk: 'sent_at', unique: false },
  mentorship_feedback: { age: 'asked_at', walk: 'asked_at', unique: false },
  // Its kudos and revocations go with it (foreign keys on delete cascade). No index on the age: the primary key.
  kudos_gifts: { age: 'given_at', walk: 'id', unique: true },
  admin_audit_log: { age: 'at', walk: 'at', unique: false },
} as const;

export type ExpiringTable = keyof typeof expiringTables;

/** Where the walk of a table stands: the walk column's value of the last row deleted. */
export type WalkPosition = unknown;

/**
 * Deletes up to `batchSize` of a workspace's rows older than `cutoff` from one table, the first ones in the table's
 * walk order after `after` (from the start when undefined), in one short transaction, and says how many went and
 * where the walk stands. The transaction does not wait for its commit to reach the disk (`synchronous_commit =
 * off`): live requests then do not queue behind the purge's WAL flushes, and a purge commit lost in a crash is
 * only rows still there, deleted again by the next sweep.
 */
export async function deleteExpiredBatch(
  db: Executor,
  table: ExpiringTable,
  input: { workspaceId: string; cutoff: Date; batchSize: number; after: WalkPosition | undefined },
): Promise<{ deleted: number; last: WalkPosition | undefined }> {
  const { age, walk, unique } = expiringTables[table];
  const from =
    input.after === undefined
      ? sql``
      : unique
        ? sql`and ${sql.ref(walk)} > ${input.after}`
        : sql`and ${sql.ref(walk)} >= ${input.after}`;
  return await db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    const result = await sql<{ deleted: number; last: WalkPosition }>`
      with gone as (
        delete from ${sql.table(table)} where workspace_id = ${input.workspaceId} and ctid = any(array(
          select ctid from ${sql.table(table)}
          where workspace_id = ${input.workspaceId} and ${sql.ref(age)} < ${input.cutoff} ${from}
          order by ${sql.ref(walk)}
          limit ${input.batchSize}
        ))
        returning ${sql.ref(walk)} as walk
      )
      select count(*)::int as deleted, (array_agg(walk order by walk desc))[1] as last from gone`.execute(trx);
    const row = result.rows[0];
    return { deleted: row?.deleted ?? 0, last: row?.last ?? undefined };
  });
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
