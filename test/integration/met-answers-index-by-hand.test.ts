import { sql } from 'kysely';
import { afterAll, expect, test } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestDatabase } from '../support/databases.ts';
import { recordMigrationApplied } from '../support/migration-ledger.ts';

/**
 * A large install adds the check-ins' group delivery column and builds the index of "met" answers that holds it
 * itself, concurrently, before upgrading, and records both migrations as applied (docs/operations.md, "Indexes on
 * large tables built by hand"): the upgrade then skips them. The statements below are the ones that page gives.
 */
const byHand = [
  sql`alter table round_checkins add column if not exists group_delivered_at timestamptz`,
  recordMigrationApplied('2026-12-07-032-checkin-group-delivery'),
  sql`create index concurrently if not exists round_checkins_met_delivery on round_checkins (workspace_id, answered_at)
    include (group_id, group_delivered_at) where answer = 'met'`,
  sql`drop index concurrently if exists round_checkins_met`,
  recordMigrationApplied('2026-12-07-033-met-answers-delivery-index'),
];

let db: Db | undefined;
afterAll(async () => {
  await db?.destroy();
});

const metIndexes = async (on: Db) =>
  (
    await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes
      where tablename = 'round_checkins' and indexname like 'round_checkins_met%' order by indexname`.execute(on)
  ).rows;

test('the met answers index built by hand and its migrations recorded: the upgrade skips them, the schema is theirs', async () => {
  db = createDatabase(await createTestDatabase(), { max: 2 });
  await migrateToLatest(db);
  const asMigrated = await metIndexes(db);
  expect(asMigrated.map((i) => i.indexname)).toEqual(['round_checkins_met_delivery']);
  // An install from before the two migrations: the index of met answers with their group only, no delivery column.
  await sql`drop index round_checkins_met_delivery`.execute(db);
  await sql`alter table round_checkins drop column group_delivered_at`.execute(db);
  await sql`create index round_checkins_met on round_checkins (workspace_id, answered_at) include (group_id)
    where answer = 'met'`.execute(db);
  await sql`delete from kysely_migration where name in ('2026-12-07-032-checkin-group-delivery',
    '2026-12-07-033-met-answers-delivery-index')`.execute(db);

  for (const statement of byHand) await statement.execute(db);
  expect(await migrateToLatest(db)).toEqual({ applied: [], newer: [] });
  expect(await metIndexes(db)).toEqual(asMigrated);
  const valid = await sql<{ valid: boolean }>`select indisvalid as valid from pg_index
    where indexrelid = 'round_checkins_met_delivery'::regclass`.execute(db);
  expect(valid.rows[0]?.valid).toBe(true);
});
