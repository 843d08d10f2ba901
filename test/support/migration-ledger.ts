import { type RawBuilder, sql } from 'kysely';

/**
 * The statement docs/operations.md gives to record a migration as applied after running its steps by hand ("Indexes
 * on large tables built by hand"): a row in Kysely's ledger, stamped as Kysely stamps its own.
 */
export function recordMigrationApplied(name: string): RawBuilder<unknown> {
  return sql`insert into kysely_migration (name, timestamp)
    values (${name}, to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
}
