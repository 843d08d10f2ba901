import type { CustomRoute } from '@slack/bolt';
import { reconcileSchedules } from '../jobs/schedules.ts';
import { startWorkers, type Workers } from '../jobs/worker.ts';
import type { Config } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createDeps, type Deps, type DepsOptions } from './deps.ts';
import { checkDatabaseReady } from './domain/health/database-ready.ts';
import { celebrationWebhookRoutes } from './http/celebration-webhooks.ts';
import { insightsRoutes } from './http/insights/insights-routes.ts';
import { type MetricsServer, startMetricsServer } from './http/metrics-server.ts';
import { createReadinessMonitor } from './http/readiness.ts';
import { operationalRoutes } from './http/routes.ts';
import { createSlackWebApp, type SlackWebApp } from './slack/app.ts';
import { kudosEmojiLookup } from './slack/kudos/kudos-emoji.ts';
import { refuseUntrustedServers } from './tls-refusals.ts';

export type Role = 'web' | 'worker';

const scheduleReconcileMillis = 5 * 60 * 1000;

export interface NudgeService {
  deps: Deps;
  web: SlackWebApp | undefined;
  workers: Workers | undefined;
  /** The HTTP port the web role listens on. */
  port: number | undefined;
  /** The separate metrics port, when one is configured (any role). */
  metricsPort: number | undefined;
  /** Ordered shutdown: stop intake, let active jobs finish (within the deadline), close queues, Postgres, Redis. */
  stop(options?: { deadlineMs?: number }): Promise<void>;
}

export interface StartOptions extends DepsOptions {
  roles: Role[];
  port?: number;
  /** Overrides the configured metrics port (tests pass 0 for any free one). */
  metricsPort?: number;
  /** More HTTP routes on the web port (the sandbox UI in sandbox mode). */
  extraRoutes?: CustomRoute[];
  workerConcurrency?: number;
  /** Benchmarks only: divides Slack pacing intervals to match a time-compressed sandbox. */
  slackTimeScale?: number;
}

function startOfDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function startNudge(config: Config, options: StartOptions): Promise<NudgeService> {
  const deps = createDeps(config, options);
  await refuseUntrustedServers(deps).catch(async (error: unknown) => {
    await deps.close();
    throw error;
  });
  if (config.migrateOnStart) {
    const { applied, newer } = await migrateToLatest(deps.db);
    if (applied.length > 0) deps.logger.info({ applied }, 'database migrated');
    if (newer.length > 0) deps.logger.info({ newer }, 'database migrated by a newer version: running on it unchanged');
  }

  if (deps.singleWorkspace) {
    const me = await deps.singleWorkspace.activate();
    // Once a day per workspace at most, however many processes boot: the job id carries the date.
    await deps.queues.enqueue('members.sync', {
      workspaceId: me.workspaceId,
      reason: `boot-${startOfDay(deps.clock.now())}`,
    });
  }

  const redis = deps.redis;
  // On the PostgreSQL queue backend the jobs live in the same database, so the postgres check covers them.
  const readinessChecks = [
    { name: 'postgres', check: () => checkDatabaseReady(deps.db) },
    ...(redis ? [{ name: 'redis', check: async () => void (await redis.ping()) }] : []),
  ];
  // Every role runs the monitor: a worker has no /readyz, but its nudge_ready gauge reads the same verdict.
  const readiness = createReadinessMonitor(readinessChecks, {
    onChange: ({ ready, checks }) =>
      ready ? deps.logger.info({ checks }, 'ready') : deps.logger.warn({ checks }, 'not ready'),
  });
  await readiness.start();
  deps.metrics.readAtScrape({ queueCounts: () => deps.queues.jobCounts(), readiness: () => readiness.current() });
  const metricsPort = options.metricsPort ?? config.metricsPort;
  // Before any role starts: a port already taken stops the boot before a job is taken or a request answered.
  let metricsServer: MetricsServer | undefined;
  if (metricsPort !== undefined) {
    metricsServer = await startMetricsServer({ registry: deps.metrics.registry, port: metricsPort, host: config.host });
  }

  let workers: Workers | undefined;
  let reconcileTimer: NodeJS.Timeout | undefined;
  if (options.roles.includes('worker')) {
    const reconcile = () =>
      reconcileSchedules(deps).catch((error: unknown) => deps.logger.warn({ err: error }, 'schedule reconcile failed'));
    await reconcile();
    // Redis can be flushed or replaced; Postgres knows what should run, so re-derive schedules regularly, and at
    // once whenever the connection comes back (a restarted Redis without persistence has lost every scheduler).
    reconcileTimer = setInterval(reconcile, scheduleReconcileMillis);
    reconcileTimer.unref();
    deps.redis?.on('ready', () => void reconcile());
    workers = startWorkers(
      {
        db: deps.db,
        sender: deps.sender,
        queues: deps.queues,
        clock: deps.clock,
        logger: deps.logger,
        secrets: deps.secrets,
        ...(options.slackTimeScale ? { slackTimeScale: options.slackTimeScale } : {}),
      },
      {
        backend: deps.workerBackend,
        metrics: deps.metrics,
        ...(options.workerConcurrency ? { concurrency: options.workerConcurrency } : {}),
      },
    );
  }

  let web: SlackWebApp | undefined;
  if (options.roles.includes('web')) {
    const routes = [
      ...operationalRoutes({
        registry: metricsPort === undefined ? deps.metrics.registry : undefined,
        readiness,
      }),
      ...celebrationWebhookRoutes({
        db: deps.db,
        secrets: deps.secrets,
        sender: deps.sender,
        queues: deps.queues,
        clock: deps.clock,
        logger: deps.logger,
      }),
      ...insightsRoutes({
        db: deps.db,
        clock: deps.clock,
        logger: deps.logger,
        encryptionKey: config.encryptionKey,
        signIn: config.slack.signIn,
      }),
      ...(options.extraRoutes ?? []),
    ];
    const kudosEmoji = kudosEmojiLookup({ db: deps.db, clock: deps.clock });
    web = createSlackWebApp({
      config,
      db: deps.db,
      queues: deps.queues,
      clock: deps.clock,
      logger: deps.logger,
      secrets: deps.secrets,
      kudosEmoji,
      metrics: deps.metrics,
      routes,
      listen: { port: options.port ?? config.port, host: config.host },
      singleWorkspace: deps.singleWorkspace,
      installationStore: deps.installationStore,
      onWorkspaceDeactivated: (workspaceId) => {
        deps.installationStore?.forget(workspaceId);
        deps.singleWorkspace?.forget();
        deps.sender.forget(workspaceId);
        kudosEmoji.forget(workspaceId);
      },
      onInstalled: async (workspaceId) => {
        await deps.queues.enqueue('members.sync', { workspaceId, reason: `install-${deps.clock.now().getTime()}` });
      },
    });
    await web.start();
  }

  let stopping: Promise<void> | undefined;
  return {
    deps,
    web,
    workers,
    port: web?.port(),
    metricsPort: metricsServer?.port,
    stop(stopOptions = {}) {
      stopping ??= (async () => {
        const deadline = Date.now() + (stopOptions.deadlineMs ?? 10_000);
        if (reconcileTimer) clearInterval(reconcileTimer);
        readiness.stop();
        if (web) await web.stop().catch(() => {});
        if (workers) {
          // Leave a little of the deadline for closing connections; jobs still running then go back to the queue.
          const graceful = workers.close();
          const budget = Math.max(0, deadline - Date.now() - 1_000);
          const finished = await Promise.race([
            graceful.then(() => true),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), budget).unref()),
          ]);
          if (!finished) {
            // A forced close can itself wait forever on a connection that went away and came back (seen after a
            // Redis restart); closing the connections below ends it, so it gets only what is left of the deadline.
            const forced = workers.close(true).then(
              () => true,
              () => true,
            );
            const closed = await Promise.race([
              forced,
              new Promise<boolean>((resolve) =>
                setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())).unref(),
              ),
            ]);
            if (!closed) deps.logger.warn('workers did not close by the shutdown deadline; closing their connections');
          }
        }
        // Scraped until the last job is done, so a draining worker's final counts are seen.
        if (metricsServer) await metricsServer.close();
        await deps.close();
      })();
      return stopping;
    },
  };
}
