import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.ts';
import { migrateToLatest, migrationNames } from '../../src/db/migrate.ts';
import { findAppliedMigrationNames, lockMigrations, unlockMigrations } from '../../src/db/queries/migrations.ts';
import { createTestDatabase } from '../support/databases.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { reservePort } from '../support/ports.ts';
import { type ProcessServices, startProcessServices } from '../support/process-services.ts';
import { type RunningMain, runMain, waitForOutput, waitUntilReady } from '../support/processes.ts';
import { eventually } from '../support/wait.ts';

/** Migrations under concurrency: whoever starts first migrates, the others wait and find nothing left to do. */
const opened: Db[] = [];
let services: ProcessServices | undefined;
const processes: RunningMain[] = [];

afterAll(async () => {
  await services?.stop(processes);
  await Promise.all(opened.map((db) => db.destroy()));
});

function open(url: string): Db {
  const db = createDatabase(url, { max: 2 });
  opened.push(db);
  return db;
}

const sorted = (names: readonly string[]) => [...names].sort();

/** The migrations a process reported applying, from its JSON log. */
function appliedBy(run: RunningMain): string[] {
  return run
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; applied?: string[] })
    .filter((entry) => entry.msg === 'database migrated')
    .flatMap((entry) => entry.applied ?? []);
}

describe('migrations under concurrency', () => {
  test('a web and a worker process starting at once on a fresh database run each migration once, and both start', async () => {
    services = await startProcessServices(kudosWorkspace('T0MIGRATE'));
    const port = await reservePort();
    processes.push(runMain(['web'], { ...services.env, PORT: String(port) }), runMain(['worker'], services.env));
    const [web, worker] = processes as [RunningMain, RunningMain];
    await Promise.all([waitUntilReady(port, web), waitForOutput(worker, /Nudge started/)]);

    const applied = [...appliedBy(web), ...appliedBy(worker)];
    expect(sorted(applied)).toEqual(sorted(migrationNames));
    expect(await findAppliedMigrationNames(services.db)).toEqual(sorted(migrationNames));
  }, 120_000);

  test('eight runs at once on one fresh database: every migration applied by exactly one of them', async () => {
    const url = await createTestDatabase();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => migrateToLatest(open(url))));

    expect(sorted(outcomes.flatMap((o) => o.applied))).toEqual(sorted(migrationNames));
    expect(outcomes.filter((o) => o.applied.length > 0)).toHaveLength(1);
    expect(await findAppliedMigrationNames(open(url))).toEqual(sorted(migrationNames));
  });
});

describe('an older version during a rolling upgrade', () => {
  test('starts on a database a newer version has migrated, running on it unchanged', async () => {
    const db = open(await createTestDatabase());
    await migrateToLatest(db);
    // What a newer version leaves in the ledger: a migration this version has never heard of.
    const newer = '2099-01-01-001-a-newer-feature';
    await sql`insert into kysely_migration (name, timestamp) values (${newer}, ${new Date().toISOString()})`.execute(
      db,
    );

    expect(await migrateToLatest(db)).toEqual({ applied: [], newer: [newer] });
    expect(await findAppliedMigrationNames(db)).toEqual(sorted([...migrationNames, newer]));
  });

  test('starting while a newer version is migrating, it waits, then runs on the newer schema unchanged', async () => {
    const url = await createTestDatabase();
    const newerDb = open(url);
    await migrateToLatest(newerDb);
    const newer = '2099-01-01-002-another-newer-feature';

    const older = await newerDb.connection().execute(async (connection) => {
      // The newer version is mid-migration: it holds the lock and its ledger row is not committed yet.
      await lockMigrations(connection);
      const started = await connection.transaction().execute(async (trx) => {
        await sql`insert into kysely_migration (name, timestamp) values (${newer}, ${new Date().toISOString()})`.execute(
          trx,
        );
        const run = migrateToLatest(open(url));
        await eventually(
          async () => ((await waitingForALock(newerDb)) ? true : undefined),
          'the older version to wait',
        );
        // Wrapped: returning the promise itself would make the transaction wait for the run it is holding up.
        return { run };
      });
      await unlockMigrations(connection);
      return await started.run;
    });

    expect(older).toEqual({ applied: [], newer: [newer] });
  });
});

/** Whether a session of this database is waiting for an advisory lock. */
async function waitingForALock(db: Db): Promise<boolean> {
  const { rows } = await sql<{ waiting: number }>`
    select count(*)::int as waiting from pg_locks
    where locktype = 'advisory' and not granted
      and database = (select oid from pg_database where datname = current_database())`.execute(db);
  return (rows[0]?.waiting ?? 0) > 0;
}
