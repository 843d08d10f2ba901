import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import type { QueueBackend } from '../jobs/queue-backend.ts';
import { createJobQueues, type JobQueues } from '../jobs/queues.ts';
import { createRedis } from '../jobs/redis-connection.ts';
import type { Config } from './config.ts';
import { createDatabase, type Db } from './db/database.ts';
import { type Clock, systemClock } from './observability/clock.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { createSecretBox, type SecretBox } from './security/secret-box.ts';
import type { BotTokens } from './slack/platform/bot-tokens.ts';
import { createWorkerClient } from './slack/platform/clients.ts';
import { createInstallationStore, type NudgeInstallationStore } from './slack/platform/installation-store.ts';
import { createSlackSender, type SlackSender } from './slack/platform/send.ts';
import { createSingleWorkspace, type SingleWorkspace } from './slack/platform/single-workspace.ts';

export interface DepsOptions {
  clock?: Clock;
  logDestination?: DestinationStream;
  /** BullMQ key prefix on Redis; tests give each file its own so they can share one Redis. */
  queuePrefix?: string;
}

export interface Deps {
  config: Config;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  secrets: SecretBox;
  db: Db;
  /** Commands (enqueue, readiness): fails fast while Redis is away instead of queueing in memory. Absent on the PostgreSQL queue backend. */
  redis: Redis | undefined;
  /** Where workers take jobs from (a blocking Redis connection, or the PostgreSQL backend). */
  workerBackend: QueueBackend;
  queues: JobQueues;
  installationStore: NudgeInstallationStore | undefined;
  singleWorkspace: SingleWorkspace | undefined;
  tokens: BotTokens;
  sender: SlackSender;
  /** Closes everything this built, in reverse order. */
  close(): Promise<void>;
}

/** The composition root: builds every shared resource once; both entrypoints and the tests use it. */
export function createDeps(config: Config, options: DepsOptions = {}): Deps {
  const logger = createLogger({
    level: config.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics();
  const secrets = createSecretBox(config.encryptionKey);
  const db = createDatabase(config.databaseUrl, { ca: config.databaseCa });
  const queuePrefix = options.queuePrefix ?? 'nudge';
  let redis: Redis | undefined;
  let workerRedis: Redis | undefined;
  const redisUrl = config.redisUrl;
  if (redisUrl) {
    const target = { ...config, redisUrl };
    // The producer side only (adds, lookups; never a blocking command): commands issued in the same tick share
    // one write, which under a burst of requests is most of the cost of queueing their jobs.
    redis = createRedis(target, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      enableAutoPipelining: true,
    });
    workerRedis = createRedis(target, { maxRetriesPerRequest: null });
    for (const connection of [redis, workerRedis]) {
      // ioredis reconnects by itself; without a listener a lost connection would crash the process.
      connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
    }
  }
  const producerBackend: QueueBackend = redis
    ? { kind: 'redis', connection: redis, prefix: queuePrefix }
    : { kind: 'postgres', connectionString: config.databaseUrl, ca: config.databaseCa };
  const workerBackend: QueueBackend = workerRedis
    ? { kind: 'redis', connection: workerRedis, prefix: queuePrefix }
    : { kind: 'postgres', connectionString: config.databaseUrl, ca: config.databaseCa };
  const queues = createJobQueues(producerBackend, {
    onError: (error) => logger.warn({ err: error }, 'queue connection error'),
  });

  const clients = new Map<string, WebClient>();
  const clientFor = (token: string): WebClient => {
    let client = clients.get(token);
    if (!client) {
      client = createWorkerClient(token, { apiUrl: config.slack.apiUrl, metrics, logger });
      clients.set(token, client);
    }
    return client;
  };

  const mode = config.slack.mode;
  const installationStore = mode.kind === 'oauth' ? createInstallationStore({ db, secrets, clock }) : undefined;
  const singleWorkspace =
    mode.kind === 'single-workspace'
      ? createSingleWorkspace({ db, clock, token: mode.botToken, client: clientFor(mode.botToken) })
      : undefined;
  const tokens: BotTokens = singleWorkspace?.tokens ?? {
    tokenFor: async (workspaceId) => await installationStore?.findBotToken(workspaceId),
  };
  const sender = createSlackSender({ db, clock, tokens, clientFor });

  return {
    config,
    logger,
    clock,
    metrics,
    secrets,
    db,
    redis,
    workerBackend,
    queues,
    installationStore,
    singleWorkspace,
    tokens,
    sender,
    async close() {
      await queues.close().catch(() => {});
      await db.destroy().catch(() => {});
      redis?.disconnect();
      workerRedis?.disconnect();
    },
  };
}
