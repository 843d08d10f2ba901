/**
 * npm run bench:leaderboard — every leaderboard query against 1,000,000 kudos in one workspace (plus other
 * workspaces' rows), on a real PostgreSQL. Prints p50/p95/max per query. Target: p95 ≤ 20 ms.
 * Uses BENCH_DATABASE_URL when given, otherwise starts the embedded PostgreSQL the tests use.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { kudosLeaderboard } from '../../src/domain/kudos/leaderboard.ts';
import type { KudosBoard, KudosPeriod } from '../../src/domain/kudos/parse-kudos-command.ts';
import { rebuildKudosTotals } from '../../src/domain/kudos/rebuild-totals.ts';
import { startTestPostgres } from '../../test/support/postgres-server.ts';
import { machineSummary, percentile } from '../support/machine.ts';

const rowsInTarget = Number(process.env.BENCH_KUDOS_ROWS ?? 1_000_000);
const rowsPerOtherWorkspace = Math.round(rowsInTarget / 5);
const people = 5_000;
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);

const log = (line: string) => process.stdout.write(`${line}\n`);

async function seedWorkspace(
  db: ReturnType<typeof createDatabase>,
  id: string,
  timeZone: string,
  rows: number,
): Promise<void> {
  await sql`insert into workspaces (id, team_id, name, status, time_zone, installed_at) values (${id}, ${id}, ${id}, 'active', ${timeZone}, now())`.execute(
    db,
  );
  await sql`
    insert into members (workspace_id, user_id, name, team, synced_at)
    select ${id}, 'U' || lpad(i::text, 6, '0'), 'person' || i, 'team-' || (i % 40), now() from generate_series(1, ${people}) i`.execute(
    db,
  );
  // One gift per kudos; givers and recipients skewed (a few people give and receive much more), two years of history.
  await sql`
    insert into kudos_gifts (id, workspace_id, giver_id, request_key, source, reason, given_at)
    select md5(${id} || i)::uuid, ${id}, 'U' || lpad((1 + floor(${people} * power(random(), 2)))::int::text, 6, '0'), 'bench-' || i,
           'command', 'for the benchmark', now() - (random() * interval '730 days')
    from generate_series(1, ${rows}) i`.execute(db);
  await sql`
    insert into kudos (workspace_id, gift_id, giver_id, recipient_id, kudos_value, giver_team, recipient_team, given_at)
    select workspace_id, id, giver_id, recipient, 'teamwork', 'team-' || (substr(giver_id, 2)::int % 40),
           'team-' || (substr(recipient, 2)::int % 40), given_at
    from (
      select g.*, 'U' || lpad((1 + floor(${people} * power(random(), 1.5)))::int::text, 6, '0') as recipient
      from kudos_gifts g where g.workspace_id = ${id}
    ) picked`.execute(db);
  // Some gifts undone, as in real use.
  await sql`
    insert into kudos_revocations (gift_id, workspace_id, revoked_by, reason, revoked_at)
    select id, workspace_id, giver_id, 'undo', given_at from kudos_gifts where workspace_id = ${id} and random() < 0.01`.execute(
    db,
  );
}

async function main(): Promise<void> {
  const given = process.env.BENCH_DATABASE_URL;
  const server = given ? undefined : await startTestPostgres();
  const serverUrl = given ?? server!.url;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `nudge_bench_${Date.now()}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString());
  try {
    await migrateToLatest(db);
    log(`machine: ${machineSummary()}`);
    log(
      `seeding ${rowsInTarget.toLocaleString('en')} kudos in the target workspace and ${(2 * rowsPerOtherWorkspace).toLocaleString('en')} in two others…`,
    );
    let started = performance.now();
    await seedWorkspace(db, 'TBENCH', 'Europe/Berlin', rowsInTarget);
    await seedWorkspace(db, 'TOTHER1', 'America/New_York', rowsPerOtherWorkspace);
    await seedWorkspace(db, 'TOTHER2', 'Asia/Tokyo', rowsPerOtherWorkspace);
    log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    for (const id of ['TBENCH', 'TOTHER1', 'TOTHER2']) await rebuildKudosTotals(db, id);
    await sql`vacuum analyze`.execute(db);
    const totals = await sql<{ n: number }>`select count(*)::int as n from kudos_totals`.execute(db);
    log(
      `running totals rebuilt from the ledger in ${((performance.now() - started) / 1000).toFixed(1)} s (${totals.rows[0]?.n.toLocaleString('en')} rows)`,
    );

    const boards: KudosBoard[] = ['received', 'given', 'cross-team'];
    const periods: KudosPeriod[] = ['week', 'month', 'quarter', 'year', 'all'];
    log('');
    log('| board | period | p50 ms | p95 ms | max ms | entries |');
    log('| --- | --- | --- | --- | --- | --- |');
    let worstP95 = 0;
    for (const board of boards) {
      for (const period of periods) {
        const samples: number[] = [];
        let entries = 0;
        for (let i = 0; i < iterations + 20; i += 1) {
          const t0 = performance.now();
          const result = await kudosLeaderboard(db, { workspaceId: 'TBENCH', board, period, now: new Date() });
          const elapsed = performance.now() - t0;
          if (i >= 20) samples.push(elapsed); // the first 20 warm the pool and caches
          entries = result.length;
        }
        samples.sort((a, b) => a - b);
        const p95 = percentile(samples, 95);
        worstP95 = Math.max(worstP95, p95);
        log(
          `| ${board} | ${period} | ${percentile(samples, 50).toFixed(2)} | ${p95.toFixed(2)} | ${samples.at(-1)!.toFixed(2)} | ${entries} |`,
        );
      }
    }
    log('');
    log(`worst p95: ${worstP95.toFixed(2)} ms (target ≤ 20 ms) — ${worstP95 <= 20 ? 'met' : 'NOT met'}`);
  } finally {
    await db.destroy();
    await server?.stop();
  }
}

await main();
