import type { Redis } from 'ioredis';
import type { Deps } from './deps.ts';
import { checkDatabaseReady } from './domain/health/database-ready.ts';

// OpenSSL's verdicts on a server's certificate, as Node reports them; a refusal like these is a setting to fix,
// not an outage to wait out.
const certificateCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'INVALID_CA',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/** Node's words for why TLS refused a server, when that is what the error is; undefined for anything else. */
export function tlsRefusal(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (certificateCodes.has(code) || code.startsWith('ERR_SSL_')) return error.message;
  // node-postgres's own words when the server answers the TLS request with "no".
  if (error.message === 'The server does not support SSL connections') return error.message;
  return undefined;
}

const redisFirstAnswerMillis = 10_000;

/** The first thing a Redis connection reports: ready, or its first error; after a while, nothing. */
async function firstRedisOutcome(redis: Redis): Promise<unknown> {
  if (redis.status === 'ready') return undefined;
  return await new Promise((resolve) => {
    const done = (outcome: unknown) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', done);
      resolve(outcome);
    };
    const onReady = () => done(undefined);
    const timer = setTimeout(onReady, redisFirstAnswerMillis);
    redis.once('ready', onReady);
    redis.once('error', done);
  });
}

/**
 * Fails the start when PostgreSQL's or Redis's certificate is refused, naming the settings to fix. Any other
 * trouble reaching them is left to the code that already handles an outage (a start retried by the supervisor, the
 * readiness probe), as before TLS existed.
 */
export async function refuseUntrustedServers(deps: Deps): Promise<void> {
  const database = await checkDatabaseReady(deps.db).then(
    () => undefined,
    (error: unknown) => tlsRefusal(error),
  );
  if (database) {
    throw new Error(`PostgreSQL's TLS was refused; check DATABASE_URL's sslmode and DATABASE_CA_FILE: ${database}`);
  }
  const redis = deps.redis ? tlsRefusal(await firstRedisOutcome(deps.redis)) : undefined;
  if (redis) throw new Error(`Redis's TLS was refused; check REDIS_URL (rediss://) and REDIS_CA_FILE: ${redis}`);
}
