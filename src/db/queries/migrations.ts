import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

// One key for every Nudge process: whoever holds it is the only one migrating this database.
const migrationLock = sql`hashtext('nudge.migrations')`;

/** Waits for the migration lock; Postgres ties it to the connection that took it, so the caller holds one throughout. */
export async function lockMigrations(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_lock(${migrationLock})`.execute(db);
}

export async function unlockMigrations(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_unlock(${migrationLock})`.execute(db);
}

/** The migrations already applied to this database (Kysely's ledger), none before the first migration ran. */
export async function findAppliedMigrationNames(db: Kysely<Database>): Promise<string[]> {
  const ledger = await sql<{ exists: boolean }>`select to_regclass('kysely_migration') is not null as exists`.execute(
    db,
  );
  if (!ledger.rows[0]?.exists) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((row) => row.name);
}
