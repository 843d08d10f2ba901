import pg from 'pg';
import { startTestPostgres } from '../../test/support/postgres-server.ts';
import { startRedisProcess } from '../../test/support/redis-server.ts';

/**
 * A fresh database and a Redis for one benchmark run: on servers you provide (BENCH_DATABASE_URL,
 * BENCH_REDIS_URL), or else the embedded PostgreSQL and a private redis-server, as in the tests. What it starts is
 * stopped through `cleanups`.
 */
export async function startBenchServices(
  label: string,
  cleanups: Array<() => unknown>,
): Promise<{ databaseUrl: string; databaseName: string; redisUrl: string }> {
  const given = process.env.BENCH_DATABASE_URL;
  const postgres = given ? undefined : await startTestPostgres();
  if (postgres) cleanups.push(() => postgres.stop());
  const serverUrl = given ?? postgres!.url;
  const dbName = `nudge_bench_${label}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${dbName}`;
  const redis = process.env.BENCH_REDIS_URL
    ? { url: process.env.BENCH_REDIS_URL, stop: async () => {} }
    : await startRedisProcess();
  cleanups.push(() => redis.stop());
  return { databaseUrl: databaseUrl.href, databaseName: dbName, redisUrl: redis.url };
}
