import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { RedisSentinel } from '../../src/config.ts';
import { reservePort } from './ports.ts';
import { startRedisProcess } from './redis-server.ts';
import { eventually } from './wait.ts';

type RedisProcess = Awaited<ReturnType<typeof startRedisProcess>>;

/** A primary, its replica and three sentinels watching them, on loopback, as a small HA Redis is deployed. */
export interface SentinelGroup {
  /** What Nudge is given (REDIS_SENTINELS, REDIS_SENTINEL_NAME). */
  settings: RedisSentinel;
  primary: RedisProcess;
  replica: RedisProcess;
  /** Waits until every sentinel names the replica as the primary, and the replica says it is one. */
  untilReplicaPromoted(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

const name = 'nudge-primary';
// Quick enough for a test: the primary counts as down after 1 s without an answer, by two sentinels of three.
const downAfterMillis = 1_000;
const failoverTimeoutMillis = 5_000;

async function startSentinel(primaryPort: number): Promise<{ port: number; child: ChildProcess; dir: string }> {
  const port = await reservePort();
  const dir = mkdtempSync(join(tmpdir(), 'nudge-sentinel-'));
  // Sentinel rewrites its configuration file as it learns the topology, so each needs its own, writable.
  const file = join(dir, 'sentinel.conf');
  writeFileSync(
    file,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 PRIMARY_PORT 2`,
      `sentinel down-after-milliseconds ${name} ${downAfterMillis}`,
      `sentinel failover-timeout ${name} ${failoverTimeoutMillis}`,
      `sentinel parallel-syncs ${name} 1`,
      '',
    ]
      .join('\n')
      .replace('PRIMARY_PORT', String(primaryPort)),
  );
  const child = spawn('redis-server', [file, '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('+monitor master')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis sentinel exited with ${code}:\n${output}`)));
  });
  return { port, child, dir };
}

/** Asks one server something, on a short-lived connection that never retries by itself. */
async function ask<T>(port: number, question: (client: Redis) => Promise<T>): Promise<T | undefined> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return await question(client);
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

const sentinelCommand = (client: Redis, ...args: string[]) => client.call('SENTINEL', ...args) as Promise<unknown>;

export async function startSentinelGroup(): Promise<SentinelGroup> {
  const primary = await startRedisProcess();
  const replica = await startRedisProcess(undefined, { args: ['--replicaof', '127.0.0.1', String(primary.port)] });
  await eventually(
    async () =>
      (await ask(replica.port, (c) => c.info('replication')))?.includes('master_link_status:up') ? true : undefined,
    'the replica in sync',
    15_000,
  );
  const sentinels = await Promise.all([0, 1, 2].map(() => startSentinel(primary.port)));
  // A failover needs the sentinels to know the replica and each other (they meet through the primary).
  await eventually(
    async () => {
      for (const { port } of sentinels) {
        const known = await ask(port, async (c) => ({
          replicas: (await sentinelCommand(c, 'REPLICAS', name)) as unknown[],
          others: (await sentinelCommand(c, 'SENTINELS', name)) as unknown[],
        }));
        if (!known || known.replicas.length < 1 || known.others.length < 2) return undefined;
      }
      return true;
    },
    'the sentinels to know the replica and each other',
    30_000,
  );
  return {
    settings: { sentinels: sentinels.map(({ port }) => ({ host: '127.0.0.1', port })), name, password: undefined },
    primary,
    replica,
    async untilReplicaPromoted(timeoutMs) {
      await eventually(
        async () => {
          for (const { port } of sentinels) {
            const address = (await ask(port, (c) => sentinelCommand(c, 'GET-MASTER-ADDR-BY-NAME', name))) as
              | string[]
              | undefined;
            if (address?.[1] !== String(replica.port)) return undefined;
          }
          const role = await ask(replica.port, (c) => c.info('replication'));
          return role?.includes('role:master') ? true : undefined;
        },
        'the sentinels to promote the replica',
        timeoutMs,
      );
    },
    async stop() {
      for (const { child, dir } of sentinels) {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      }
      await Promise.allSettled([primary.stop(), replica.stop()]);
    },
  };
}
