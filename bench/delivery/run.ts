/**
 * npm run bench:delivery — one 5,000-member coffee round delivered by the real Nudge (Bolt HTTP receiver,
 * BullMQ workers, PostgreSQL, Redis) through the sandbox with Slack's rate limits on, time-compressed by
 * `--time-scale` (every window and Retry-After in the sandbox, and Nudge's own pacing, divided by it).
 *
 * Measures the time from the first conversations.open to the last intro post (the sandbox's recorded call
 * times) against the lower bound the limits impose for that many groups; target ratio ≤ 1.15, with no group
 * sent two intros and none sent none.
 *
 * Flags: --time-scale <n> (default 30), --queue-backend redis|postgres (default redis), --members <n>
 * (default 5000), --concurrency <n> (worker concurrency per queue; default: production's), --trace <file.csv>
 * (every conversations.open and chat.postMessage of the round, for a closer look).
 * BENCH_DATABASE_URL / BENCH_REDIS_URL use servers you provide; otherwise the embedded PostgreSQL and a private
 * redis-server start, as in the tests.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { queueNames } from '../../jobs/contracts.ts';
import type { JobQueues } from '../../jobs/queues.ts';
import { reconcileSchedules } from '../../jobs/schedules.ts';
import type { Config } from '../../src/config.ts';
import { deliveryGapMillis } from '../../src/domain/pairing/plan-round.ts';
import {
  POST_MESSAGE_WORKSPACE_PER_MINUTE,
  SANDBOX_METHODS,
  type Sandbox,
  startSandbox,
  type UserSpec,
} from '../../src/sandbox/index.ts';
import { startNudge } from '../../src/service.ts';
import { reservePort } from '../../test/support/ports.ts';
import { startTestPostgres } from '../../test/support/postgres-server.ts';
import { startRedisProcess } from '../../test/support/redis-server.ts';
import { machineSummary, percentile } from '../support/machine.ts';

const { values: flags } = parseArgs({
  options: {
    'time-scale': { type: 'string', default: '30' },
    'queue-backend': { type: 'string', default: 'redis' },
    members: { type: 'string', default: '5000' },
    concurrency: { type: 'string' },
    /** Writes every conversations.open / chat.postMessage call (ms after the first open, status) as CSV. */
    trace: { type: 'string' },
  },
});
const timeScale = Number(flags['time-scale']);
const queueBackend = flags['queue-backend'];
const memberCount = Number(flags.members);
const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
if (!(timeScale >= 1)) throw new Error('--time-scale must be a number ≥ 1');
if (queueBackend !== 'redis' && queueBackend !== 'postgres')
  throw new Error('--queue-backend must be redis or postgres');
if (!Number.isInteger(memberCount) || memberCount < 2) throw new Error('--members must be an integer ≥ 2');
if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
  throw new Error('--concurrency must be an integer ≥ 1');
}

/** The limits the sandbox enforces (src/sandbox/rate-limits.ts): Tier 3, 50 a minute, for conversations.open. */
const openPerMinute = 50;
if (SANDBOX_METHODS['conversations.open']?.tier !== 'tier3') {
  throw new Error('the sandbox no longer rates conversations.open as Tier 3: update the lower bound here');
}
const postPerMinute = POST_MESSAGE_WORKSPACE_PER_MINUTE;

const teamId = 'T0BENCH';
const channelId = 'C0COFFEE';
const signingSecret = 'bench-signing-secret-0123456789';
const zones = [
  'Pacific/Honolulu',
  'America/Los_Angeles',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Africa/Nairobi',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Tongatapu',
];
const teams = ['Payments', 'Platform', 'Growth', 'Design', 'Sales', 'Support', 'Data', 'Security', 'People', 'Finance'];

const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Counts Nudge's log lines (warn and above) and keeps the first few, instead of printing thousands. */
class LogTally extends Writable {
  count = 0;
  readonly first: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      this.count += 1;
      if (this.first.length < 5) this.first.push(line.slice(0, 300));
    }
    callback();
  }
}

function people(count: number): UserSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(6, '0');
    return {
      id: `U${n}`,
      name: `person${n}`,
      realName: `Person ${n}`,
      tz: zones[i % zones.length]!,
      title: `Engineer, ${teams[(i * 7) % teams.length]}`,
    };
  });
}

async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `nudge_bench_delivery_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

async function waitUntil<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    // A busy machine can make one probe fail (a pool timeout); only the deadline ends the wait.
    const value = await probe().catch((error: unknown) => {
      lastError = error;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${seconds(timeoutMs)} waiting for ${what}`, { cause: lastError });
    }
    await sleep(everyMs);
  }
}

interface Measured {
  firstOpenAt: number;
  lastIntroAt: number;
  introCalls: number;
  rateLimited: Map<string, number>;
  opens: number;
  /** Intro messages in the sandbox per group id, from what the conversations actually hold. */
  introsByGroup: Map<string, number>;
  /** When each group's intro post was accepted, for lateness against its planned time. */
  introAtByGroup: Map<string, number>;
}

/** One pass over the sandbox's recorded calls (no copies), then the messages the intro conversations hold. */
function measure(sandbox: Sandbox, since: number): Measured {
  let firstOpenAt = Number.POSITIVE_INFINITY;
  let lastIntroAt = Number.NEGATIVE_INFINITY;
  let introCalls = 0;
  let opens = 0;
  const rateLimited = new Map<string, number>();
  const channels = new Set<string>();
  const introAtByGroup = new Map<string, number>();
  for (const call of sandbox.calls) {
    if (call.at < since) continue;
    if (call.status === 429) rateLimited.set(call.method, (rateLimited.get(call.method) ?? 0) + 1);
    if (call.method === 'conversations.open') {
      opens += 1;
      firstOpenAt = Math.min(firstOpenAt, call.at);
    }
    if (call.method !== 'chat.postMessage' || call.status !== 200) continue;
    const metadata = call.args.metadata as { event_payload?: { key?: unknown } } | undefined;
    const key = metadata?.event_payload?.key;
    if (typeof key !== 'string' || !key.startsWith('pairing.intro.')) continue;
    introCalls += 1;
    lastIntroAt = Math.max(lastIntroAt, call.at);
    introAtByGroup.set(key.slice('pairing.intro.'.length), call.at);
    if (typeof call.args.channel === 'string') channels.add(call.args.channel);
  }
  const introsByGroup = new Map<string, number>();
  for (const channel of channels) {
    for (const message of sandbox.messages(channel)) {
      const key = message.metadata?.event_type === 'nudge_send' ? message.metadata.event_payload.key : undefined;
      if (typeof key !== 'string' || !key.startsWith('pairing.intro.')) continue;
      const groupId = key.slice('pairing.intro.'.length);
      introsByGroup.set(groupId, (introsByGroup.get(groupId) ?? 0) + 1);
    }
  }
  return { firstOpenAt, lastIntroAt, introCalls, rateLimited, opens, introsByGroup, introAtByGroup };
}

/**
 * Waits until no job is running or waiting and none is delayed other than a job scheduler's next regular run
 * (a boot job retrying after a failure counts as busy), so nothing from boot shares the CPU with the delivery.
 */
async function quietQueues(queues: JobQueues): Promise<void> {
  await waitUntil(
    async () => {
      for (const name of queueNames) {
        const queue = queues.queue(name);
        if ((await queue.getJobs(['active', 'waiting', 'prioritized'])).length > 0) return undefined;
        const delayed = await queue.getJobs(['delayed']);
        if (delayed.some((job) => !job.id?.startsWith('repeat:') || job.attemptsMade > 0)) return undefined;
      }
      return true;
    },
    'boot-time jobs to finish',
    900_000,
    500,
  );
}

function writeTrace(path: string, sandbox: Sandbox, since: number, firstOpenAt: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('ms,method,status,key\n');
  for (const call of sandbox.calls) {
    if (call.at < since || (call.method !== 'conversations.open' && call.method !== 'chat.postMessage')) continue;
    const key = (call.args.metadata as { event_payload?: { key?: unknown } } | undefined)?.event_payload?.key;
    out.write(`${call.at - firstOpenAt},${call.method},${call.status},${typeof key === 'string' ? key : ''}\n`);
  }
  return new Promise((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).join(' ');
  const command = args ? `npm run bench:delivery -- ${args}` : 'npm run bench:delivery';
  const loadAtStart = loadavg();
  const givenDb = process.env.BENCH_DATABASE_URL;
  const givenRedis = process.env.BENCH_REDIS_URL;
  const postgres = givenDb ? undefined : await startTestPostgres();
  const database = await createDatabase(givenDb ?? postgres!.url);
  const redis = queueBackend === 'redis' && !givenRedis ? await startRedisProcess() : undefined;
  const redisUrl = queueBackend === 'redis' ? (givenRedis ?? redis!.url) : undefined;

  const sandbox = await startSandbox({ rateLimits: 'slack', timeScale });
  const users = people(memberCount);
  const workspace = sandbox.createWorkspace({
    teamId,
    name: 'Bench Co',
    users,
    channels: [{ id: channelId, name: 'coffee', members: users.map((p) => p.id), botIsMember: true }],
  });
  const port = await reservePort();
  const config: Config = Object.freeze({
    slack: {
      signingSecret,
      mode: { kind: 'single-workspace' as const, botToken: workspace.botToken },
      appToken: undefined,
      apiUrl: sandbox.apiUrl,
    },
    databaseUrl: database.url,
    redisUrl,
    port,
    host: '127.0.0.1',
    encryptionKey: randomBytes(32),
    migrateOnStart: true,
    logLevel: 'warn' as const,
  });
  const logs = new LogTally();
  const service = await startNudge(config, {
    roles: ['web', 'worker'],
    port,
    queuePrefix: `bench-delivery-${randomBytes(4).toString('hex')}`,
    logDestination: logs,
    slackTimeScale: timeScale,
    ...(concurrency ? { workerConcurrency: concurrency } : {}),
  });
  const { db } = service.deps;

  try {
    log(`machine: ${machineSummary()}`);
    log(
      `${memberCount.toLocaleString('en')} members, time scale ×${timeScale}, ${queueBackend} queue backend, worker concurrency ${concurrency ?? 'default'}`,
    );
    // The boot-time members.sync fills the directory through users.list (Tier 2), as a fresh install would; the
    // round starts only once it is done, so it takes no CPU from the measured delivery.
    let started = Date.now();
    await waitUntil(
      async () => {
        const row = await db
          .selectFrom('members')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('workspace_id', '=', teamId)
          .where('is_bot', '=', false)
          .executeTakeFirst();
        return Number(row?.n ?? 0) >= memberCount ? true : undefined;
      },
      'the member directory sync',
      900_000,
    );

    // The round date is today; the programme's weekday is three days away, so its hourly tick (scheduled at
    // once here, as the 5-minute reconcile would) starts no other round while this one is measured.
    const todayWeekday = ((new Date().getUTCDay() + 6) % 7) + 1;

    const programme = await db
      .insertInto('programmes')
      .values({
        workspace_id: teamId,
        channel_id: channelId,
        kind: 'coffee',
        frequency: 'weekly',
        weekday: ((todayWeekday + 2) % 7) + 1,
        send_hour: 10,
        group_size: 2,
        cooldown_weeks: 6,
        approval_required: false,
        team_source: 'title',
        host_user_id: null,
        status: 'active',
        created_by: 'U000001',
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await reconcileSchedules(service.deps);
    await quietQueues(service.deps.queues);
    log(`directory synced and boot jobs done ${seconds(Date.now() - started)} after boot`);

    const roundDate = new Date().toISOString().slice(0, 10);
    const triggeredAt = Date.now();
    await service.deps.queues.enqueue('pairing.round', {
      workspaceId: teamId,
      programmeId: programme.id,
      roundDate,
      deliverNow: true,
    });
    const round = await waitUntil(
      () =>
        db
          .selectFrom('rounds')
          .select(['id', 'created_at'])
          .where('programme_id', '=', programme.id)
          .where('status', 'in', ['delivering', 'delivered'])
          .executeTakeFirst(),
      'the round to be matched',
      300_000,
    );
    log(`round matched and stored in ${seconds(Date.now() - triggeredAt)} after the trigger`);
    const groupCount = Number(
      (
        await db
          .selectFrom('round_groups')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('round_id', '=', round.id)
          .executeTakeFirst()
      )?.n ?? 0,
    );
    const windowMs = 60_000 / timeScale;
    const openBound = Math.floor((groupCount - 1) / openPerMinute) * windowMs;
    const postBound = Math.floor((groupCount - 1) / postPerMinute) * windowMs;
    const bound = Math.max(openBound, postBound);

    // Done when no group is pending any more; then a moment more, so a late duplicate would still be seen.
    started = Date.now();
    await waitUntil(
      async () => {
        const row = await db
          .selectFrom('round_groups')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('round_id', '=', round.id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        return Number(row?.n ?? 0) === 0 ? true : undefined;
      },
      'every intro',
      Math.max(600_000, bound * 5),
    );
    await sleep(Math.max(2_000, 2 * windowMs));

    const groups = await db
      .selectFrom('round_groups')
      .select(['id', 'members', 'deliver_at'])
      .where('round_id', '=', round.id)
      .execute();
    const unmatched = await db
      .selectFrom('round_unmatched')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('round_id', '=', round.id)
      .executeTakeFirst();
    const m = measure(sandbox, triggeredAt);
    const duplicates = groups.filter((g) => (m.introsByGroup.get(g.id) ?? 0) > 1).length;
    const missing = groups.filter((g) => (m.introsByGroup.get(g.id) ?? 0) === 0).length;
    const introsPosted = [...m.introsByGroup.values()].reduce((a, b) => a + b, 0);
    const placed = groups.reduce((sum, g) => sum + g.members.length, 0);
    const completion = m.lastIntroAt - m.firstOpenAt;
    const ratio = completion / bound;
    const plannedSpan =
      Math.max(...groups.map((g) => g.deliver_at.getTime())) - Math.min(...groups.map((g) => g.deliver_at.getTime()));
    const lateness = groups
      .map((g) => (m.introAtByGroup.get(g.id) ?? Number.NaN) - g.deliver_at.getTime())
      .filter((x) => Number.isFinite(x))
      .sort((a, b) => a - b);
    const limited = [...m.rateLimited.entries()].map(([method, n]) => `${method} ${n}`).join(', ') || 'none';
    const total429 = [...m.rateLimited.values()].reduce((a, b) => a + b, 0);

    log('');
    log(
      `lower bound = max(floor((groups − 1) / ${openPerMinute}) × 60 s / scale   [conversations.open, Tier 3: ${openPerMinute}/min per workspace],`,
    );
    log(
      `                  floor((groups − 1) / ${postPerMinute}) × 60 s / scale  [chat.postMessage, ${postPerMinute}/min per workspace; 1 post per group DM, so the 1/s per-channel limit never binds])`,
    );
    log(
      `            = max(floor(${groupCount - 1} / ${openPerMinute}) × ${windowMs.toFixed(0)} ms, floor(${groupCount - 1} / ${postPerMinute}) × ${windowMs.toFixed(0)} ms) = ${seconds(bound)}`,
    );
    log(
      '  (sliding windows admit a full window at once, so the first 50 opens cost nothing; each later 50 costs one window)',
    );
    log('');
    log('| metric | value |');
    log('| --- | --- |');
    log(`| members in the channel | ${memberCount.toLocaleString('en')} |`);
    log(
      `| groups | ${groupCount.toLocaleString('en')} (${placed.toLocaleString('en')} people placed, ${unmatched?.n ?? 0} unmatched) |`,
    );
    log(
      `| intros posted | ${introsPosted.toLocaleString('en')} (${m.introCalls.toLocaleString('en')} successful intro calls) |`,
    );
    log(`| duplicates (groups with > 1 intro) | ${duplicates} |`);
    log(`| missing (groups with 0 intros) | ${missing} |`);
    log(`| conversations.open calls | ${m.opens.toLocaleString('en')} |`);
    log(`| 429s received | ${total429} (${limited}) |`);
    log(`| completion (first conversations.open → last intro post) | ${seconds(completion)} |`);
    log(`| lower bound | ${seconds(bound)} |`);
    log(`| ratio (target ≤ 1.15) | ${ratio.toFixed(3)} — ${ratio <= 1.15 ? 'met' : 'NOT met'} |`);
    log(
      `| Nudge's planned span (gap ${(deliveryGapMillis / timeScale).toFixed(1)} ms × ${groupCount - 1}) | ${seconds(plannedSpan)} |`,
    );
    log(
      `| intro lateness vs planned time, p50 / p95 / max | ${percentile(lateness, 50).toFixed(0)} / ${percentile(lateness, 95).toFixed(0)} / ${(lateness.at(-1) ?? Number.NaN).toFixed(0)} ms |`,
    );
    log(`| time scale | ×${timeScale} (${seconds(completion * timeScale)} in Slack time) |`);
    log(`| Nudge warnings logged | ${logs.count} |`);
    log(`| load average (1 min) at start / end | ${loadAtStart[0]!.toFixed(2)} / ${loadavg()[0]!.toFixed(2)} |`);
    log('');
    for (const line of logs.first) log(`log: ${line}`);
    log(`machine: ${machineSummary()}`);
    log(`command: ${command}`);
    if (flags.trace) await writeTrace(flags.trace, sandbox, triggeredAt, m.firstOpenAt);
    if (duplicates > 0 || missing > 0) process.exitCode = 1;
  } finally {
    await service.stop({ deadlineMs: 5_000 });
    await sandbox.close();
    await database.drop().catch(() => {});
    await redis?.stop();
    await postgres?.stop();
  }
}

await main();
