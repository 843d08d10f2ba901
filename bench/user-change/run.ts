/**
 * npm run bench:user-change — what a `user_change` event costs Nudge, for changes the directory ignores (a
 * status emoji and text) and for changes it keeps (a new title), on this machine.
 *
 * Starts a fresh PostgreSQL database (BENCH_DATABASE_URL's server, else the embedded one the tests use), a private
 * redis-server (or BENCH_REDIS_URL), a Slack sandbox with --users people, and spawns Nudge (`node src/main.ts
 * all`, production mode). Once the directory has synced, it sends --events signed user_change events per kind,
 * --connections in flight, and counts an event handled when Nudge's /metrics says its listener finished
 * (`nudge_listener_requests_total{listener="event:user_change"}`): Slack's request is acknowledged before the
 * listener runs, so the HTTP answers alone would flatter it. It reports handled events/s and the CPU each
 * event cost Nudge's process and the Postgres backends serving its database (from /proc), the rows written
 * (`n_tup_upd` + `n_tup_ins` of `members` and `processed_events`) and the jobs queued. --warmup events of each
 * kind run first, unmeasured.
 *
 *   npm run bench:user-change                          # 2,000 events of each kind, 16 in flight, 2,000 people
 *   npm run bench:user-change -- --events=1000 --connections=8
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { queueNames } from '../../jobs/contracts.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { reservePort } from '../../test/support/ports.ts';
import { nudgeEnv, type RunningMain, runMain, waitUntilReady } from '../../test/support/processes.ts';
import { machineSummary } from '../support/machine.ts';
import { processCpuSeconds } from '../support/process-cpu.ts';
import { startBenchServices } from '../support/services.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const eventsPerKind = Number(flag('events') ?? 2_000);
const connections = Number(flag('connections') ?? 16);
const warmup = Number(flag('warmup') ?? 1_000);
const userCount = Number(flag('users') ?? 2_000);
const signingSecret = `bench-signing-${randomBytes(8).toString('hex')}`;
const teamId = 'T0BENCH';
const log = (line: string) => process.stdout.write(`${line}\n`);

/** CPU seconds of the Postgres backends serving `database` (their process title names it). */
function backendCpuSeconds(database: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.startsWith('postgres:') && cmdline.includes(` ${database} `))
        total += processCpuSeconds(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

async function handledSoFar(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('nudge_listener_requests_total{') && line.includes('listener="event:user_change"')) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

async function main(): Promise<void> {
  const cleanups: Array<() => Promise<void> | void> = [];
  try {
    log(
      `machine: ${machineSummary()}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    log(
      `plan: ${eventsPerKind} user_change events of each kind (after ${warmup} of each to warm up), ${connections} in flight, ${userCount} people`,
    );
    const services = await startBenchServices('user_change', cleanups);

    const sandbox: Sandbox = await startSandbox({ rateLimits: 'off' });
    cleanups.push(() => sandbox.close());
    const users = Array.from({ length: userCount }, (_, i) => `U0B${String(i).padStart(5, '0')}`);
    const workspace = sandbox.createWorkspace({
      teamId,
      name: 'Bench Co',
      users: users.map((id, i) => ({ id, name: `person${i}`, realName: `Person ${i}`, title: 'Engineer' })),
    });
    const port = await reservePort();
    const nudge: RunningMain = runMain(['all'], {
      ...nudgeEnv({
        signingSecret,
        botToken: workspace.botToken,
        apiUrl: sandbox.apiUrl,
        databaseUrl: services.databaseUrl,
        redisUrl: services.redisUrl,
        logLevel: 'warn',
      }),
      NODE_ENV: 'production',
      PORT: String(port),
    });
    cleanups.push(() => nudge.stop());
    await waitUntilReady(port, nudge, 120_000);

    const db = new pg.Client({ connectionString: services.databaseUrl });
    await db.connect();
    cleanups.push(() => db.end());
    const started = Date.now();
    for (;;) {
      const row = await db.query<{ n: string }>('select count(*) as n from members where workspace_id = $1', [teamId]);
      if (Number(row.rows[0]?.n) >= userCount) break;
      if (Date.now() - started > 120_000) throw new Error('the member directory did not sync');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const queueConnection = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
    const queues = queueNames.map((name) => new Queue(name, { connection: queueConnection, prefix: 'nudge' }));
    cleanups.push(async () => {
      await Promise.all(queues.map((q) => q.close()));
      queueConnection.disconnect();
    });
    const jobsSoFar = async () => {
      let n = 0;
      for (const queue of queues) n += Object.values(await queue.getJobCounts()).reduce((a, b) => a + b, 0);
      return n;
    };
    // A backend reports its row counts to pg_stat_* within 10 s of going idle: wait that out before each reading.
    const statsSettle = () => new Promise((resolve) => setTimeout(resolve, 11_000));
    const rowsWritten = async () => {
      const result = await db.query<{ n: string }>(
        `select coalesce(sum(n_tup_upd + n_tup_ins), 0) as n from pg_stat_user_tables where relname in ('members', 'processed_events')`,
      );
      return Number(result.rows[0]?.n);
    };
    // The user objects as Slack sends them, so the only difference an event carries is the one under test.
    const objects = new Map<string, Record<string, unknown>>();
    let cursor = '';
    do {
      const page = (await (
        await fetch(`${sandbox.apiUrl}users.list?limit=1000&cursor=${encodeURIComponent(cursor)}`, {
          headers: { authorization: `Bearer ${workspace.botToken}` },
        })
      ).json()) as { members: Array<Record<string, unknown>>; response_metadata?: { next_cursor?: string } };
      for (const member of page.members) objects.set(member.id as string, member);
      cursor = page.response_metadata?.next_cursor ?? '';
    } while (cursor);
    const driver = sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret });

    /** Sends `count` user_change events of one kind and waits until Nudge's listener has finished them all. */
    const sendPhase = async (kind: 'irrelevant' | 'relevant', count: number, label: string) => {
      const base = await handledSoFar(port);
      let next = 0;
      const send = async () => {
        for (;;) {
          const i = next++;
          if (i >= count) return;
          const user = objects.get(users[i % users.length]!)!;
          const profile = user.profile as Record<string, unknown>;
          const changed =
            kind === 'irrelevant'
              ? { ...profile, status_emoji: i % 2 ? ':palm_tree:' : ':coffee:', status_text: `${label} ${i}` }
              : { ...profile, title: `${label} ${i}` };
          const response = await driver.event({
            teamId,
            event: { type: 'user_change', user: { ...user, profile: changed } },
          });
          if (response.status !== 200) throw new Error(`user_change answered ${response.status}`);
          // What Slack holds now: a later status edit carries the new title along.
          if (kind === 'relevant') objects.set(user.id as string, { ...user, profile: changed });
        }
      };
      await Promise.all(Array.from({ length: connections }, send));
      while ((await handledSoFar(port)) < base + count) await new Promise((r) => setTimeout(r, 20));
    };
    // Both paths run first unmeasured, so neither phase pays for the other's JIT warm-up.
    await sendPhase('irrelevant', warmup, 'warm-up');
    await sendPhase('relevant', warmup, 'Warm-up');

    const results: Array<Record<string, string>> = [];
    for (const kind of ['irrelevant', 'relevant'] as const) {
      await statsSettle();
      const jobsBefore = await jobsSoFar();
      const rowsBefore = await rowsWritten();
      const cpuBefore = {
        nudge: processCpuSeconds(nudge.child.pid),
        postgres: backendCpuSeconds(services.databaseName),
      };
      const t0 = performance.now();
      await sendPhase(kind, eventsPerKind, kind === 'irrelevant' ? 'away' : 'Engineer');
      const seconds = (performance.now() - t0) / 1000;
      const cpuAfter = {
        nudge: processCpuSeconds(nudge.child.pid),
        postgres: backendCpuSeconds(services.databaseName),
      };
      await statsSettle();
      const rows = (await rowsWritten()) - rowsBefore;
      const jobs = (await jobsSoFar()) - jobsBefore;
      results.push({
        change: kind === 'irrelevant' ? 'status emoji + text (nothing kept)' : 'title (kept)',
        events: String(eventsPerKind),
        'handled/s': (eventsPerKind / seconds).toFixed(0),
        'Nudge CPU/event': `${(((cpuAfter.nudge - cpuBefore.nudge) / eventsPerKind) * 1e3).toFixed(3)} ms`,
        'Postgres CPU/event': `${(((cpuAfter.postgres - cpuBefore.postgres) / eventsPerKind) * 1e3).toFixed(3)} ms`,
        'rows written': String(rows),
        'jobs queued': String(jobs),
      });
    }
    const headers = Object.keys(results[0]!);
    log('');
    log(`| ${headers.join(' | ')} |`);
    log(`| ${headers.map(() => '---').join(' | ')} |`);
    for (const row of results) log(`| ${headers.map((h) => row[h]).join(' | ')} |`);
    log('');
    log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

await main();
