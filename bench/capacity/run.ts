/**
 * npm run bench:capacity — what one worker process completes, and what Slack lets one workspace have.
 *
 * Spawns Nudge's worker as deployed (`node src/main.ts worker`: bot token, DATABASE_URL, REDIS_URL) against a Slack
 * sandbox with a workspace of --users people and --channels channels, queues --kudos reaction kudos at once
 * (`kudos.give` jobs, as a web process queues them), and times the worker through the whole path of each: the give
 * (allowance, ledger, totals), the giver's ephemeral, then `kudos.announce` through `deps.sender` (the send ledger,
 * a public thread reply, the recipient's DM). Two phases, each on a fresh database and an emptied Redis:
 *
 * 1. Slack's rate limits off: Nudge's own ceiling, until every gift is announced.
 * 2. Slack's rate limits on (the sandbox enforces Slack's tiers per workspace at real time): what one workspace
 *    gets, over --slack-seconds.
 *
 * Flags: --kudos (default 3000), --users (500), --channels (20), --slack-seconds (60). BENCH_DATABASE_URL /
 * BENCH_REDIS_URL use servers you provide; otherwise the embedded PostgreSQL and a private redis-server start.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createJobQueues } from '../../jobs/queues.ts';
import { createDatabase, type Db } from '../../src/db/database.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { saveKudosSettings } from '../../test/support/kudos-settings.ts';
import { nudgeEnv, type RunningMain, runMain } from '../../test/support/processes.ts';
import { machineSummary } from '../support/machine.ts';
import { processCpuSeconds } from '../support/process-cpu.ts';
import { startBenchServices } from '../support/services.ts';

const { values: flags } = parseArgs({
  options: {
    kudos: { type: 'string', default: '3000' },
    users: { type: 'string', default: '500' },
    channels: { type: 'string', default: '20' },
    'slack-seconds': { type: 'string', default: '60' },
  },
});
const kudosCount = Number(flags.kudos);
const userCount = Number(flags.users);
const channelCount = Number(flags.channels);
const slackSeconds = Number(flags['slack-seconds']);

const log = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const loadAverage = () => loadavg()[0]!.toFixed(2);

interface PhaseResult {
  label: string;
  queued: number;
  announced: number;
  seconds: number;
  workerCpuSeconds: number;
  callsByMethod: Map<string, { ok: number; limited: number }>;
  loadStart: string;
  loadEnd: string;
}

async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

async function countAnnounced(db: Db, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('kudos_gifts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', teamId)
    .where('announced_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function waitForDirectory(db: Db, teamId: string, worker: RunningMain): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.output()}`);
    // Until the worker has migrated the fresh database, there is no table to count.
    const row = await db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', teamId)
      .executeTakeFirst()
      .catch(() => undefined);
    if (Number(row?.n ?? 0) >= userCount) return;
    if (Date.now() > deadline) throw new Error('the member directory did not sync');
    await sleep(200);
  }
}

async function runPhase(input: {
  label: string;
  rateLimits: 'off' | 'slack';
  teamId: string;
  databaseUrl: string;
  redisUrl: string;
  /** Stop counting after this long; undefined: until every gift is announced. */
  windowMs: number | undefined;
}): Promise<PhaseResult> {
  const sandbox: Sandbox = await startSandbox({ rateLimits: input.rateLimits });
  const users = Array.from({ length: userCount }, (_, i) => `U0C${String(i).padStart(5, '0')}`);
  const channels = Array.from({ length: channelCount }, (_, i) => `C0CAP${String(i).padStart(3, '0')}`);
  const workspace = sandbox.createWorkspace({
    teamId: input.teamId,
    name: 'Capacity Co',
    users: users.map((id, i) => ({ id, name: `person${i}`, realName: `Person ${i}`, tz: 'Europe/Berlin' })),
    channels: channels.map((id, i) => ({ id, name: `team-${i}`, members: users, botIsMember: true })),
  });
  const env = {
    ...nudgeEnv({
      signingSecret: `capacity-${randomBytes(8).toString('hex')}`,
      botToken: workspace.botToken,
      apiUrl: sandbox.apiUrl,
      databaseUrl: input.databaseUrl,
      redisUrl: input.redisUrl,
      logLevel: 'warn',
    }),
    NODE_ENV: 'production',
  };
  const worker = runMain(['worker'], env);
  const db = createDatabase(input.databaseUrl, { max: 2 });
  const connection = new Redis(input.redisUrl, { maxRetriesPerRequest: null });
  const queues = createJobQueues({ kind: 'redis', connection, prefix: 'nudge' });
  try {
    await waitForDirectory(db, input.teamId, worker);
    await saveKudosSettings(db, input.teamId, { allowance: 1000, pair_cap: 1000 });
    // Let the boot's jobs (directory sync, schedules) finish before the clock starts.
    await sleep(2_000);

    const loadStart = loadAverage();
    const since = Date.now();
    const cpuBefore = processCpuSeconds(worker.child.pid);
    for (let i = 0; i < kudosCount; i += 1) {
      const giver = users[i % userCount]!;
      // A stride coprime with the number of people: every recipient differs from its giver.
      const recipient = users[(i * 7 + 1) % userCount]!;
      await queues.enqueue('kudos.give', {
        source: 'reaction',
        workspaceId: input.teamId,
        giverId: giver,
        recipientId: recipient === giver ? users[(i + 1) % userCount]! : recipient,
        channelId: channels[i % channelCount]!,
        messageTs: `1700000000.${String(i).padStart(6, '0')}`,
        reaction: 'clap',
      });
    }
    let announced = 0;
    for (;;) {
      announced = await countAnnounced(db, input.teamId);
      const elapsed = Date.now() - since;
      if (announced >= kudosCount || (input.windowMs !== undefined && elapsed >= input.windowMs)) break;
      if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.output()}`);
      await sleep(100);
    }
    const seconds = (Date.now() - since) / 1000;
    const workerCpuSeconds = processCpuSeconds(worker.child.pid) - cpuBefore;
    const callsByMethod = new Map<string, { ok: number; limited: number }>();
    for (const call of sandbox.calls) {
      if (call.at < since) continue;
      const entry = callsByMethod.get(call.method) ?? { ok: 0, limited: 0 };
      if (call.status === 429) entry.limited += 1;
      else entry.ok += 1;
      callsByMethod.set(call.method, entry);
    }
    return {
      label: input.label,
      queued: kudosCount,
      announced,
      seconds,
      workerCpuSeconds,
      callsByMethod,
      loadStart,
      loadEnd: loadAverage(),
    };
  } finally {
    await worker.stop();
    await queues.close();
    connection.disconnect();
    await db.destroy();
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  const cleanups: Array<() => unknown> = [];
  try {
    log(
      `machine: ${machineSummary()}; load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')} at start`,
    );
    log(`command: npm run bench:capacity -- ${process.argv.slice(2).join(' ')}`.trimEnd());
    const services = await startBenchServices('capacity', cleanups);
    const serverUrl = new URL(services.databaseUrl);
    serverUrl.pathname = '/postgres';
    const flush = async () => {
      const redis = new Redis(services.redisUrl);
      await redis.flushall();
      redis.disconnect();
    };

    const results: PhaseResult[] = [];
    log(`\n1. Slack's rate limits off: ${kudosCount} reaction kudos queued at once, until all are announced…`);
    results.push(
      await runPhase({
        label: "Slack's limits off (Nudge's own ceiling)",
        rateLimits: 'off',
        teamId: 'T0CAPOFF',
        databaseUrl: services.databaseUrl,
        redisUrl: services.redisUrl,
        windowMs: undefined,
      }),
    );
    await flush();
    log(`2. Slack's rate limits on, one workspace: ${kudosCount} queued, counted for ${slackSeconds} s…`);
    results.push(
      await runPhase({
        label: "Slack's limits on, one workspace",
        rateLimits: 'slack',
        teamId: 'T0CAPSLK',
        databaseUrl: await freshDatabase(serverUrl.href, `nudge_bench_capacity_slack_${Date.now()}`),
        redisUrl: services.redisUrl,
        windowMs: slackSeconds * 1000,
      }),
    );

    log(
      `\n| phase | kudos queued | announced | seconds | kudos/s | jobs/s (give + announce) | Slack calls/s | worker CPU ms per kudos | load avg start / end |`,
    );
    log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results) {
      const calls = [...r.callsByMethod.values()].reduce((n, c) => n + c.ok, 0);
      log(
        `| ${r.label} | ${r.queued} | ${r.announced} | ${r.seconds.toFixed(1)} | ${(r.announced / r.seconds).toFixed(1)} | ${((2 * r.announced) / r.seconds).toFixed(1)} | ${(calls / r.seconds).toFixed(1)} | ${((1000 * r.workerCpuSeconds) / Math.max(1, r.announced)).toFixed(1)} | ${r.loadStart} / ${r.loadEnd} |`,
      );
    }
    for (const r of results) {
      log(`\nSlack calls, ${r.label} (answered / 429):`);
      for (const [method, c] of [...r.callsByMethod].sort()) log(`  ${method}: ${c.ok} / ${c.limited}`);
    }
  } finally {
    for (const step of cleanups.reverse()) await Promise.resolve(step()).catch(() => {});
  }
}

await main();
process.exit(0);
