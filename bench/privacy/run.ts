/**
 * npm run bench:privacy — the departed-member purge and the retention purge on a workspace of 100,000 people.
 *
 * Starts a fresh PostgreSQL database (BENCH_DATABASE_URL's server, else the embedded one the tests use) and a
 * private redis-server (or BENCH_REDIS_URL), migrates it and seeds, set-based, a workspace of --people with kudos,
 * a year of coffee rounds, check-ins, skills, birthdays, a send ledger and mentorship (seed.ts).
 *
 * 1. Departures: --departures people (spread over the directory) leave Slack 40 days ago; the first --single are
 *    purged one at a time (what one forget-me costs), the rest as the daily sweep does, in batches of
 *    --batch (`purgeDepartedMembers`). Reported per person: mean and p95.
 * 2. Retention: --expired rows past their period (half Slack event ids, half send-ledger rows), then Nudge (`web` and
 *    `worker` processes, production mode) against a sandbox workspace of 500 of the same people. Live `/kudos` at
 *    --rate req/s, signed, through Nudge's receiver (the interactions benchmark's load generator): --before seconds
 *    alone, then while `sweepRetention` deletes the expired rows, in phases of --phase seconds until it is done.
 *    Reported: p50/p99 of the answer to `/kudos` and of the kudos' confirmation (the full give, run by the worker).
 *
 *   npm run bench:privacy                       # 100,000 people, 10 M expired rows
 *   npm run bench:privacy -- --quick            # 10,000 people, 200,000 expired rows
 *
 * Targets: departures ≤ 1 s per person; live `/kudos` p99 ≤ 50 ms while the retention purge runs.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { purgeDepartedMembers } from '../../src/domain/retention/purge-departed-members.ts';
import { sweepRetention } from '../../src/domain/retention/sweep-retention.ts';
import { startSandbox } from '../../src/sandbox/index.ts';
import { saveKudosSettings } from '../../test/support/kudos-settings.ts';
import { reservePort } from '../../test/support/ports.ts';
import { nudgeEnv, runMain, waitForOutput, waitUntilReady } from '../../test/support/processes.ts';
import type { LoadResult, LoadSpec } from '../interactions/load.ts';
import { machineSummary, percentile } from '../support/machine.ts';
import { startBenchServices } from '../support/services.ts';
import {
  correlate,
  counterDeltas,
  type PurgeStatement,
  sampleWaits,
  serverCounters,
  waitHistogram,
} from './observe.ts';
import { seedExpiredRows, seedWorkspace, userIdOf } from './seed.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = args.includes('--quick');
const people = Number(flag('people') ?? (quick ? 10_000 : 100_000));
const departures = Number(flag('departures') ?? (quick ? 200 : 500));
const single = Number(flag('single') ?? 10);
const batch = Number(flag('batch') ?? 100);
const expired = Number(flag('expired') ?? (quick ? 200_000 : 10_000_000));
const rate = Number(flag('rate') ?? 50);
const before = Number(flag('before') ?? (quick ? 10 : 30));
const phaseSeconds = Number(flag('phase') ?? (quick ? 10 : 30));
/** Stop measuring after this many seconds of purge even if it is not done (0: until it is done). */
const duringLimit = Number(flag('during-max') ?? 0);
const teamId = 'T0BENCH';
const day = 86_400_000;
const signingSecret = `bench-signing-${randomBytes(8).toString('hex')}`;

const log = (line = '') => process.stdout.write(`${line}\n`);
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../interactions/load.ts', import.meta.url), { workerData: spec });
    worker.on('message', (message: { loadEnded?: boolean; ok?: boolean; result?: LoadResult; error?: string }) => {
      if (message.loadEnded) return;
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(message.error));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => {});
    cleanups.length = 0;
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    log(`machine: ${machineSummary()}; load average ${load()} at start`);
    log(`command: npm run bench:privacy -- ${args.join(' ')}`.trimEnd());
    log(
      `plan: ${people} people; ${departures} departures (${single} one by one, the rest in batches of ${batch}); ${expired} expired rows purged under /kudos at ${rate} req/s`,
    );
    const services = await startBenchServices('privacy', cleanups);
    const db = createDatabase(services.databaseUrl, { max: 4 });
    cleanups.push(() => db.destroy());
    await migrateToLatest(db);
    const now = new Date();

    let t0 = performance.now();
    const counts = await seedWorkspace(db, { teamId, people, now });
    log(`\nseeded in ${((performance.now() - t0) / 1000).toFixed(0)} s:`);
    log(`| table | rows |\n| --- | --- |`);
    for (const [table, n] of Object.entries(counts)) log(`| ${table} | ${n.toLocaleString('en')} |`);

    // 1. Departures.
    if (departures > 0) await measureDepartures();
    async function measureDepartures(): Promise<void> {
      const step = Math.floor(people / departures);
      const leavers = Array.from({ length: departures }, (_, i) => userIdOf(i * step + 1));
      await sql`update members set is_deleted = true, departed_at = ${new Date(now.getTime() - 40 * day)}
      where workspace_id = ${teamId} and user_id = any(${leavers}::text[])`.execute(db);
      const oneByOne: number[] = [];
      for (const userId of leavers.slice(0, single)) {
        t0 = performance.now();
        const { purged } = await purgeDepartedMembers(db, { workspaceId: teamId, userIds: [userId], now });
        if (purged !== 1) throw new Error(`${userId} was not purged`);
        oneByOne.push(performance.now() - t0);
      }
      const perPersonInBatches: number[] = [];
      const rest = leavers.slice(single);
      t0 = performance.now();
      for (let i = 0; i < rest.length; i += batch) {
        const userIds = rest.slice(i, i + batch);
        const started = performance.now();
        const { purged } = await purgeDepartedMembers(db, { workspaceId: teamId, userIds, now });
        if (purged !== userIds.length) throw new Error(`batch ${i / batch}: ${purged} of ${userIds.length} purged`);
        perPersonInBatches.push((performance.now() - started) / userIds.length);
      }
      const batchedTotal = performance.now() - t0;
      const left = await sql<{ n: string }>`select count(*) as n from kudos
      where workspace_id = ${teamId} and (giver_id = any(${leavers}::text[]) or recipient_id = any(${leavers}::text[]))`.execute(
        db,
      );
      const summary = (xs: number[]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        return { mean, p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
      };
      const a = summary(oneByOne);
      const b = summary(perPersonInBatches);
      log(`\ndepartures purged (load average ${load()}); kudos rows still naming them: ${left.rows[0]?.n}`);
      log('| how | people | per person, mean | per person, p95 | max | total |');
      log('| --- | --- | --- | --- | --- | --- |');
      log(
        `| one at a time | ${oneByOne.length} | ${ms(a.mean)} ms | ${ms(a.p95)} ms | ${ms(a.max)} ms | ${(oneByOne.reduce((x, y) => x + y, 0) / 1000).toFixed(1)} s |`,
      );
      log(
        `| batches of ${batch} (p95 over batches) | ${rest.length} | ${ms(b.mean)} ms | ${ms(b.p95)} ms | ${ms(b.max)} ms | ${(batchedTotal / 1000).toFixed(1)} s |`,
      );
    }

    // 2. Retention under live /kudos.
    const sandbox = await startSandbox({ rateLimits: 'off' });
    cleanups.push(() => sandbox.close());
    const users = Array.from({ length: 500 }, (_, i) => userIdOf(i * Math.floor(people / 500) + 2));
    const workspace = sandbox.createWorkspace({
      teamId,
      name: 'Bench Co',
      users: users.map((id) => ({ id, name: `p${id}`, realName: `Person ${id}`, tz: 'Europe/Berlin' })),
      channels: [{ id: 'C0BENCH', name: 'bench', members: users.slice(0, 50), botIsMember: true }],
    });
    const env = {
      ...nudgeEnv({
        signingSecret,
        botToken: workspace.botToken,
        apiUrl: sandbox.apiUrl,
        databaseUrl: services.databaseUrl,
        redisUrl: services.redisUrl,
      }),
      NODE_ENV: 'production',
    };
    const port = await reservePort();
    const web = runMain(['web'], { ...env, PORT: String(port) });
    cleanups.push(() => web.stop());
    const worker = runMain(['worker'], env);
    cleanups.push(() => worker.stop());
    await Promise.all([waitUntilReady(port, web, 180_000), waitForOutput(worker, /Nudge started/, 180_000)]);
    await saveKudosSettings(db, teamId, { allowance: 1000, pair_cap: 1000, kudos_channel_id: 'C0BENCH' });
    // A worker sweeps each workspace when it starts (a daily scheduler runs at once): the expired rows come after it.
    const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
    const tasks = new Queue('nudge-tasks', { connection: redis, prefix: 'nudge' });
    cleanups.push(async () => {
      await tasks.close();
      redis.disconnect();
    });
    for (const started = Date.now(); ; ) {
      const done = await tasks.getJobs(['completed']);
      if (done.some((job) => job.name === 'retention.sweep')) break;
      if (Date.now() - started > 300_000) throw new Error('the worker did not run its first retention sweep');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    t0 = performance.now();
    await seedExpiredRows(db, { teamId, rows: expired, now });
    log(`\n${expired.toLocaleString('en')} expired rows seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    let phase = 0;
    const spec = (seconds: number): LoadSpec => {
      phase += 1;
      return {
        url: `http://127.0.0.1:${port}/slack/events`,
        signingSecret,
        timeoutMs: 10_000,
        connections: 32,
        mode: 'open',
        rate,
        durationMs: seconds * 1000,
        answers: { waitMs: 60_000 },
        mix: {
          teamId,
          channelId: 'C0BENCH',
          users,
          idPrefix: `pv${Date.now().toString(36)}p${phase}`,
          messageTsSeconds: 1_700_000_000 + phase,
          responseUrlBase: `${sandbox.url}/response/unused`,
          homeShare: 0,
          reactionShare: 0,
        },
      };
    };
    log('\nwarming up…');
    await runLoad(spec(5));
    // The purge's statements, timed from its own pool, to line the slow requests up with them.
    const statements: PurgeStatement[] = [];
    const purgeDb = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: services.databaseUrl, max: 1 }) }),
      log: (event) => {
        if (!/\bdelete from\b/i.test(event.query.sql)) return;
        const end = Date.now();
        statements.push({ start: end - event.queryDurationMillis, end });
      },
    });
    cleanups.push(() => purgeDb.destroy());
    const observed = async (seconds: number) => {
      const counters = await serverCounters(db);
      const sampler = sampleWaits(db, 100);
      const window = { start: Date.now(), end: 0 };
      const result = await runLoad(spec(seconds));
      window.end = Date.now();
      const samples = await sampler.stop();
      const slow = result.slow;
      return {
        result,
        report: `    waits (every 100 ms): ${waitHistogram(samples)}\n    counters: ${counterDeltas(counters, await serverCounters(db))}\n    ${correlate(slow, statements, samples, window)}`,
      };
    };
    const { result: quiet, report: quietReport } = await observed(before);
    const quietLoad = load();
    log(
      `before the purge: ${quiet.completed} requests, answer p50 ${ms(percentile(quiet.latencies, 50))} ms, p99 ${ms(percentile(quiet.latencies, 99))} ms, errors ${quiet.errors}; load average ${quietLoad}`,
    );
    log(quietReport);

    let sweepDone = false;
    t0 = performance.now();
    const sweeping = sweepRetention(purgeDb, { workspaceId: teamId, now, departedLimit: 0 }).finally(() => {
      sweepDone = true;
    });
    // Stopped early (--during-max), the sweep is cut off when the database closes: that is expected.
    sweeping.catch(() => {});
    const during: LoadResult[] = [];
    const duringLoads: string[] = [];
    while (!sweepDone && !(duringLimit > 0 && performance.now() - t0 > duringLimit * 1000)) {
      const { result: phaseResult, report } = await observed(phaseSeconds);
      during.push(phaseResult);
      duringLoads.push(load());
      const last = during.at(-1)!;
      const deleted = await sql<{ n: string }>`select
          (select count(*) from processed_events where workspace_id = ${teamId}) +
          (select count(*) from slack_sends where workspace_id = ${teamId} and attempted_at < ${new Date(now.getTime() - 90 * day)}) as n`.execute(
        db,
      );
      log(
        `  phase ${during.length} (${((performance.now() - t0) / 1000).toFixed(0)} s): ${last.completed} requests, answer p50 ${ms(percentile(last.latencies, 50))} ms, p99 ${ms(percentile(last.latencies, 99))} ms, errors ${last.errors}; expired rows left ${deleted.rows[0]?.n}; load average ${duringLoads.at(-1)}`,
      );
      log(report);
    }
    const sweepSeconds = (performance.now() - t0) / 1000;
    if (sweepDone) {
      const swept = await sweeping;
      const deleted = Object.values(swept.tables).reduce((n, t) => n + (t?.deleted ?? 0), 0);
      log(
        `\nretention purge: ${deleted.toLocaleString('en')} rows in ${sweepSeconds.toFixed(0)} s (${(deleted / sweepSeconds).toFixed(0)} rows/s); ${JSON.stringify(swept.tables)}`,
      );
    } else {
      log(`\nretention purge still running after ${sweepSeconds.toFixed(0)} s (--during-max): measured until here`);
    }

    const row = (label: string, results: LoadResult[], loads: string) => {
      const acks = results.flatMap((r) => r.latencies).sort((x, y) => x - y);
      const answers = results.flatMap((r) => r.answers?.latencies ?? []).sort((x, y) => x - y);
      const errors = results.reduce((n, r) => n + r.errors, 0);
      const confirmed = results.reduce((n, r) => n + (r.answers?.confirmed ?? 0), 0);
      log(
        `| ${label} | ${acks.length} | ${ms(percentile(acks, 50))} ms | ${ms(percentile(acks, 99))} ms | ${ms(percentile(answers, 50))} ms | ${ms(percentile(answers, 99))} ms | ${confirmed} | ${errors} | ${loads} |`,
      );
    };
    log(`\nlive /kudos at ${rate} req/s`);
    log(
      '| when | requests | answer p50 | answer p99 | confirmation p50 | confirmation p99 | confirmed | errors | load average |',
    );
    log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    row('before the purge', [quiet], quietLoad);
    row('during the purge', during, duringLoads.join(' / '));
    log(`\nload average at the end: ${load()}`);
  } finally {
    await cleanup();
  }
}

await main();
process.exit(0);
