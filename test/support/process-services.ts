import { randomBytes } from 'node:crypto';
import { createDatabase, type Db } from '../../src/db/database.ts';
import { type Sandbox, startSandbox, type WorkspaceSpec } from '../../src/sandbox/index.ts';
import { createTestDatabase } from './databases.ts';
import { signingSecret } from './harness.ts';
import { nudgeEnv, type RunningMain } from './processes.ts';
import { startRedisProcess } from './redis-server.ts';

/** What tests that run Nudge as real `web`/`worker` processes share: Slack, Redis, Postgres and the env. */
export interface ProcessServices {
  sandbox: Sandbox;
  redis: Awaited<ReturnType<typeof startRedisProcess>>;
  /** A small pool for the test's own checks. */
  db: Db;
  /** The environment every spawned process gets (add PORT for a web process). */
  env: Record<string, string>;
  /** Stops the processes, then the services. */
  stop(processes: RunningMain[]): Promise<void>;
}

/** A sandbox with one workspace (its bot token in the env), a private redis-server and a fresh database. */
export async function startProcessServices(workspace: WorkspaceSpec): Promise<ProcessServices> {
  const sandbox = await startSandbox({ rateLimits: 'off' });
  const seeded = sandbox.createWorkspace(workspace);
  const redis = await startRedisProcess();
  const databaseUrl = await createTestDatabase();
  const db = createDatabase(databaseUrl, { max: 2 });
  const env = nudgeEnv({
    signingSecret,
    botToken: seeded.botToken,
    apiUrl: sandbox.apiUrl,
    databaseUrl,
    redisUrl: redis.url,
    encryptionKey: randomBytes(32).toString('base64'),
  });
  return {
    sandbox,
    redis,
    db,
    env,
    async stop(processes) {
      await Promise.allSettled(processes.map((run) => run.stop()));
      await db.destroy();
      await redis.stop();
      await sandbox.close();
    },
  };
}
