import { sql } from 'kysely';
import { afterAll, expect, test } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestDatabase } from '../support/databases.ts';
import { recordMigrationApplied } from '../support/migration-ledger.ts';

/**
 * A large install builds the erasure word indexes itself, concurrently, before upgrading, and records their
 * migration as applied (docs/operations.md, "Indexes on large tables built by hand"): the upgrade then skips it.
 * The statements below are the ones that page gives.
 */
const migration = '2026-12-07-020-erasure-word-indexes';
const byHand = [
  sql`create index concurrently if not exists kudos_gifts_reason_words on kudos_gifts
    using gin (regexp_split_to_array(lower(reason), '[^[:alnum:]]+'))`,
  sql`create index concurrently if not exists round_groups_why_words on round_groups
    using gin (regexp_split_to_array(lower(why), '[^[:alnum:]]+'))`,
  sql`create index concurrently if not exists slack_sends_key_words on slack_sends
    using gin (regexp_split_to_array(idempotency_key, '[^[:alnum:]]+'))`,
];

let db: Db | undefined;
afterAll(async () => {
  await db?.destroy();
});

const wordIndexes = async (on: Db) =>
  (
    await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes
      where indexname in ('kudos_gifts_reason_words', 'round_groups_why_words', 'slack_sends_key_words')
      order by indexname`.execute(on)
  ).rows;

test('indexes built by hand and the migration recorded: the upgrade skips it and the indexes are the migration’s own', async () => {
  db = createDatabase(await createTestDatabase(), { max: 2 });
  await migrateToLatest(db);
  const asMigrated = await wordIndexes(db);
  expect(asMigrated).toHaveLength(3);
  // An install from before the migration: no word indexes, the migration not in the ledger.
  await sql`drop index kudos_gifts_reason_words, round_groups_why_words, slack_sends_key_words`.execute(db);
  await sql`delete from kysely_migration where name = ${migration}`.execute(db);

  // The migration has no `if not exists`: an index built by hand without recording the migration stops the upgrade.
  await byHand[0]!.execute(db);
  await expect(migrateToLatest(db)).rejects.toThrow(/already exists/);

  for (const statement of byHand) await statement.execute(db);
  await recordMigrationApplied(migration).execute(db);
  expect(await migrateToLatest(db)).toEqual({ applied: [], newer: [] });
  expect(await wordIndexes(db)).toEqual(asMigrated);
  const valid = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_index i join pg_class c on c.oid = i.indexrelid
    where c.relname in ('kudos_gifts_reason_words', 'round_groups_why_words', 'slack_sends_key_words') and i.indisvalid`.execute(
    db,
  );
  expect(valid.rows[0]?.n).toBe(3);
});
