import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres-server.ts';
import { startTestRedis } from './redis-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}

/**
 * Starts the real services the suite needs, once per run: a Postgres (embedded, or TEST_DATABASE_URL) and a
 * private redis-server on a free port (or TEST_REDIS_URL). Each test file then makes its own database and
 * Redis key prefix, so files run in parallel without seeing each other.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [postgres, redis] = await Promise.all([startTestPostgres(), startTestRedis()]);
  project.provide('databaseUrl', postgres.url);
  project.provide('redisUrl', redis.url);
  return async () => {
    await Promise.allSettled([postgres.stop(), redis.stop()]);
  };
}
