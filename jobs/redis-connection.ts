import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../src/config.ts';

export type RedisTarget = Pick<Config, 'redisCa' | 'redisSentinel'> & { redisUrl: string };

/**
 * A Redis connection as the config describes it: REDIS_URL directly (TLS with `rediss://`, trusting REDIS_CA_FILE
 * when given, the host name always checked), or the primary that the sentinels name, followed through failovers.
 * BullMQ duplicates it for its blocking connections, so those inherit all of this.
 */
export function createRedis(target: RedisTarget, options: RedisOptions): Redis {
  const tls = target.redisUrl.startsWith('rediss://') ? { tls: target.redisCa ? { ca: target.redisCa } : {} } : {};
  const sentinel = target.redisSentinel;
  if (!sentinel) return new Redis(target.redisUrl, { ...options, ...tls });
  // The URL's host is the primary's name; ioredis asks the sentinels where it is, on every (re)connect.
  return new Redis(target.redisUrl, {
    ...options,
    sentinels: sentinel.sentinels.map(({ host, port }) => ({ host, port })),
    name: sentinel.name,
    ...(sentinel.password ? { sentinelPassword: sentinel.password } : {}),
    // A connection still open to a primary that was demoted (a planned failover) answers writes with READONLY:
    // reconnecting asks the sentinels again and reaches the new primary.
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  });
}
