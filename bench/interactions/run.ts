/**
 * npm run bench:interactions — how fast Nudge answers Slack, next to a bare Bolt app, on this machine.
 *
 * Starts a fresh PostgreSQL database (BENCH_DATABASE_URL's server, else the embedded one the tests use), a
 * private redis-server (or BENCH_REDIS_URL), a Slack sandbox with a workspace of --users people, then spawns
 * Nudge (`node src/main.ts web` and `worker`, production mode: a bot token, Postgres, Redis) and a bare Bolt
 * app with no-op handlers (bare-bolt.ts). A worker thread sends both the same signed requests over keep-alive
 * HTTP on loopback: open loop at each --rates for --duration seconds; for Nudge then the closed-loop ceiling
 * with its worker beside it; then the throughput ceilings side by side, --connections in flight, in rounds
 * alternating bare Bolt and Nudge's web tier (its worker stopped, as when workers run on other machines).
 * Mostly `/kudos @someone for … #teamwork`, with app_home_opened and reaction_added events mixed in. For Nudge
 * it also times each kudos' confirmation, which arrives through the command's response_url once the
 * `kudos.give` job has run, and reports the CPU each request cost the serving process and the worker.
 *
 *   npm run bench:interactions                      # 50, 200, 500 req/s for 60 s each, ceilings 30 s each
 *   npm run bench:interactions -- --quick           # 5 s per rate, 5 s ceilings
 *   npm run bench:interactions -- --roles=all       # web and worker in one process (default: split, two)
 *   npm run bench:interactions -- --duration=20 --rates=200 --roles=web --profile
 *   npm run bench:interactions -- --home-share=0 --reaction-share=0   # only /kudos
 *
 * Nudge's targets: p99 ≤ 50 ms at 200 req/s with zero errors; ceiling ≥ 0.7 × bare Bolt's.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queueNames } from '../../jobs/contracts.ts';
import { createDatabase } from '../../src/db/database.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { saveKudosSettings } from '../../test/support/kudos-settings.ts';
import { reservePort } from '../../test/support/ports.ts';
import { nudgeEnv, type RunningMain, runMain, waitForOutput, waitUntilReady } from '../../test/support/processes.ts';
import { machineSummary, percentile } from '../support/machine.ts';
import { processCpuSeconds } from '../support/process-cpu.ts';
import { startBenchServices } from '../support/services.ts';
import type { LoadResult, LoadSpec } from './load.ts';
import { ms, type Phase, perSecond, printReport, sharedCeiling, webTierCeiling } from './report.ts';
import type { RequestMix } from './requests.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = args.includes('--quick');
const duration = Number(flag('duration') ?? (quick ? 5 : 60));
const rates = (flag('rates') ?? '50,200,500').split(',').map(Number);
const ceilingDuration = Number(flag('ceiling-duration') ?? (quick ? 5 : 30));
/** The side-by-side ceiling is measured in this many alternating rounds, splitting --ceiling-duration. */
const ceilingRounds = Number(flag('ceiling-rounds') ?? 3);
const roundSeconds = ceilingDuration / ceilingRounds;
const connections = Number(flag('connections') ?? 32);
// split, the scale-out layout (a web and a worker process), is the default: the web process answers Slack while
// the worker records and announces the kudos it queued.
const roles = flag('roles') ?? 'split';
const userCount = Number(flag('users') ?? 500);
// The request mix: the rest of the requests are `/kudos` gives.
const homeShare = Number(flag('home-share') ?? 0.15);
const reactionShare = Number(flag('reaction-share') ?? 0.15);
const signingSecret = `bench-signing-${randomBytes(8).toString('hex')}`;
const teamId = 'T0BENCH';

const log = (line = '') => process.stdout.write(`${line}\n`);

/** Runs one phase's load in a worker thread; `onLoadEnded` fires when the requests are done, before answers. */
function runInWorker(spec: LoadSpec, onLoadEnded: () => void = () => {}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load.ts', import.meta.url), { workerData: spec });
    worker.on('message', (message: { loadEnded?: boolean; ok?: boolean; result?: LoadResult; error?: string }) => {
      if (message.loadEnded) {
        onLoadEnded();
        return;
      }
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
    log(
      `machine: ${machineSummary()}; load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')} at start`,
    );
    log(`command: npm run bench:interactions -- ${args.join(' ')}`.trimEnd());
    log(
      `plan: open loop at ${rates.join(', ')} req/s for ${duration} s each, then ${connections} in flight for ${ceilingDuration} s per ceiling (${ceilingRounds} alternating rounds side by side); Nudge roles: ${roles}; ${userCount} people`,
    );

    const services = await startBenchServices('interactions', cleanups);

    const sandbox: Sandbox = await startSandbox({ rateLimits: 'off' });
    cleanups.push(() => sandbox.close());
    const users = Array.from({ length: userCount }, (_, i) => `U0B${String(i).padStart(4, '0')}`);
    const workspace = sandbox.createWorkspace({
      teamId,
      name: 'Bench Co',
      users: users.map((id, i) => ({ id, name: `person${i}`, realName: `Person ${i}`, tz: 'Europe/Berlin' })),
      channels: [{ id: 'C0BENCH', name: 'bench', members: users.slice(0, 50), botIsMember: true }],
    });

    const nudgePort = await reservePort();
    // --profile: a V8 CPU profile of each Nudge process (web and worker), written when it exits, for finding hot spots.
    const profiling: Record<string, string> = args.includes('--profile')
      ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=test-results/profiles' }
      : {};
    const env = {
      ...profiling,
      ...nudgeEnv({
        signingSecret,
        botToken: workspace.botToken,
        apiUrl: sandbox.apiUrl,
        databaseUrl: services.databaseUrl,
        redisUrl: services.redisUrl,
      }),
      NODE_ENV: 'production',
    };
    // all: web and worker in one process (`npm start`); split: a web and a worker process (`npm run web` and
    // `npm run worker`, the scale-out layout); web: the web process alone (announcements just queue up).
    const nudge: RunningMain = runMain([roles === 'split' ? 'web' : roles], {
      ...env,
      PORT: String(nudgePort),
    });
    cleanups.push(() => nudge.stop());
    const barePort = await reservePort();
    const bareBolt: RunningMain = runMain(
      [],
      { PORT: String(barePort), SLACK_SIGNING_SECRET: signingSecret, NODE_ENV: 'production' },
      'bench/interactions/bare-bolt.ts',
    );
    cleanups.push(() => bareBolt.stop());
    await Promise.all([waitUntilReady(nudgePort, nudge, 120_000), waitForOutput(bareBolt, /listening/)]);

    // The member directory is synced by a worker; with --roles=web one runs just for that, then stops.
    let worker = roles === 'web' || roles === 'split' ? runMain(['worker'], env) : undefined;
    cleanups.push(async () => await worker?.stop());
    const setupWorker = roles === 'web' ? worker : undefined;
    const db = createDatabase(services.databaseUrl, { max: 2 });
    cleanups.push(() => db.destroy());
    const started = Date.now();
    for (;;) {
      const row = await db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', teamId)
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= userCount) break;
      if (Date.now() - started > 120_000) throw new Error('the member directory did not sync');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await setupWorker?.stop();
    // Enough allowance that every gift goes through the whole give path instead of being refused.
    await saveKudosSettings(db, teamId, { allowance: 1000, pair_cap: 1000, kudos_channel_id: 'C0BENCH' });

    const queueConnection = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
    const queues = queueNames.map((name) => new Queue(name, { connection: queueConnection, prefix: 'nudge' }));
    cleanups.push(async () => {
      await Promise.all(queues.map((q) => q.close()));
      queueConnection.disconnect();
    });
    const backlog = async () => {
      let n = 0;
      for (const queue of queues) n += await queue.getJobCountByTypes('waiting', 'active', 'prioritized');
      return n;
    };
    /** Lets the worker finish the announcements a phase queued, so the next phase starts from quiet. */
    const drain = async (limitMs: number): Promise<{ drainMs: number; left: number }> => {
      const t0 = Date.now();
      // Without a worker (--roles=web) the announcements simply wait in Redis.
      if (roles === 'web') return { drainMs: 0, left: await backlog() };
      for (;;) {
        const left = await backlog();
        if (left === 0 || Date.now() - t0 > limitMs) return { drainMs: Date.now() - t0, left };
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };

    let phaseCounter = 0;
    const mixFor = (): RequestMix => {
      phaseCounter += 1;
      return {
        teamId,
        channelId: 'C0BENCH',
        users,
        idPrefix: `b${Date.now().toString(36)}p${phaseCounter}`,
        // Reactions in different phases are to different messages (a kudos per message and giver, ever).
        messageTsSeconds: 1_700_000_000 + phaseCounter,
        // The load generator serves the real response_urls when it collects answers (Nudge's phases).
        responseUrlBase: `${sandbox.url}/response/unused`,
        homeShare,
        reactionShare,
      };
    };
    const phases: Phase[] = [];
    /** One phase's load, with the CPU the serving process (and Nudge's worker) used while it ran. */
    const measuredLoad = async (target: Phase['target'], spec: LoadSpec) => {
      const serverPid = (target === 'Nudge' ? nudge : bareBolt).child.pid;
      const running = worker && worker.child.exitCode === null && worker.child.signalCode === null;
      const workerPid = target === 'Nudge' && roles === 'split' && running ? worker?.child.pid : undefined;
      const before = { server: processCpuSeconds(serverPid), worker: processCpuSeconds(workerPid) };
      let after = before;
      const result = await runInWorker(spec, () => {
        after = { server: processCpuSeconds(serverPid), worker: processCpuSeconds(workerPid) };
      });
      return {
        result,
        loadAverage: loadavg()[0] ?? 0,
        serverCpu: after.server - before.server,
        ...(workerPid ? { workerCpu: after.worker - before.worker } : {}),
      };
    };
    for (const [target, port] of [
      ['bare Bolt', barePort],
      ['Nudge', nudgePort],
    ] as const) {
      const url = `http://127.0.0.1:${port}/slack/events`;
      // Nudge confirms a kudos through the response_url once its job has run: wait for those answers too
      // (not with --roles=web, where no worker runs them).
      const base = {
        url,
        signingSecret,
        timeoutMs: 10_000,
        connections,
        ...(target === 'Nudge' && roles !== 'web' ? { answers: { waitMs: Math.max(60_000, duration * 3_000) } } : {}),
      };
      log(`\n${target}: warming up…`);
      await runInWorker({ ...base, mix: mixFor(), mode: 'open', rate: 50, durationMs: 3_000 });
      if (target === 'Nudge') await drain(60_000);
      for (const rate of rates) {
        const measured = await measuredLoad(target, {
          ...base,
          mix: mixFor(),
          mode: 'open',
          rate,
          durationMs: duration * 1000,
        });
        const phase: Phase = { target, load: `${rate} req/s`, rate, ...measured };
        if (target === 'Nudge') {
          const drained = await drain(Math.max(30_000, duration * 2_000));
          phase.drainMs = drained.drainMs;
          phase.backlogLeft = drained.left;
        }
        phases.push(phase);
        const { result } = measured;
        log(
          `  ${phase.load}: p50 ${ms(percentile(result.latencies, 50))} ms, p99 ${ms(percentile(result.latencies, 99))} ms, errors ${result.errors}`,
        );
      }
      if (target === 'Nudge' && roles !== 'web') {
        // Everything on this machine at once: the worker records and announces what the web process queues.
        const measured = await measuredLoad(target, {
          ...base,
          mix: mixFor(),
          mode: 'closed',
          rate: 0,
          durationMs: ceilingDuration * 1000,
        });
        phases.push({ target, load: `${sharedCeiling} (${connections} in flight)`, ...measured });
        log(`  ${sharedCeiling}: ${perSecond(measured.result).toFixed(0)} req/s`);
        await drain(60_000);
      }
    }

    // The ceilings side by side: rounds alternating bare Bolt and Nudge, so a machine whose speed drifts (a
    // shared VM) weighs on both alike; each target's ceiling is its median round. Nudge's web tier runs alone, as
    // when workers run on other machines: the worker is stopped, and every request acknowledged must then be
    // found as a job waiting in Redis. (With --roles=all there is no separate worker to stop.)
    const nudgeCeilingLabel = roles === 'all' ? 'ceiling, one process' : webTierCeiling;
    if (roles !== 'all') {
      await worker?.stop();
      worker = undefined;
    }
    log(`\nceiling rounds (${ceilingRounds} × ${roundSeconds.toFixed(0)} s each, alternating):`);
    for (let round = 1; round <= ceilingRounds; round += 1) {
      for (const [target, port] of [
        ['bare Bolt', barePort],
        ['Nudge', nudgePort],
      ] as const) {
        const spec: LoadSpec = {
          url: `http://127.0.0.1:${port}/slack/events`,
          signingSecret,
          timeoutMs: 10_000,
          connections,
          mix: mixFor(),
          mode: 'closed',
          rate: 0,
          durationMs: roundSeconds * 1000,
        };
        const queuedBefore = target === 'Nudge' && roles !== 'all' ? await backlog() : 0;
        const measured = await measuredLoad(target, spec);
        const label = target === 'Nudge' ? nudgeCeilingLabel : 'ceiling';
        const phase: Phase = { target, load: `${label} (${connections} in flight), round ${round}`, ...measured };
        if (target === 'Nudge' && roles !== 'all') {
          phase.queued = { acknowledged: measured.result.completed, found: (await backlog()) - queuedBefore };
        }
        phases.push(phase);
        log(`  round ${round}, ${target}: ${perSecond(measured.result).toFixed(0)} req/s`);
      }
    }

    log(
      `\nload average at the end: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
    printReport(phases, { rates, ceilingRounds, nudgeCeilingLabel, log });
  } finally {
    await cleanup();
  }
}

await main();
process.exit(0);
