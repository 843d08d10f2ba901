import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { activeTracer } from '../observability/tracing.ts';
import { postgresConnection } from './postgres-connection.ts';
import { queryTracer } from './query-tracing.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

// Postgres returns bigint (int8) as text by default; counts here stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
// A calendar date stays the string it is; pg would otherwise turn it into a Date at the process's local midnight.
pg.types.setTypeParser(1082, (value) => value);

/** `url` is DATABASE_URL (its sslmode honoured); `ca` the PEM of DATABASE_CA_FILE. */
export function createDatabase(url: string, options: { max?: number; ca?: string | undefined } = {}): Db {
  const pool = new pg.Pool({
    ...postgresConnection(url, options.ca),
    max: options.max ?? 10,
    // Fail fast while Postgres is away so users get a "try again" instead of a hung request.
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (Postgres restart) emits 'error' on the pool; without a listener
  // that would crash the process. The pool replaces the client on the next checkout.
  pool.on('error', () => {});
  // A client that is checked out when its connection drops (a restart's "terminating connection", between two
  // queries of a transaction) emits 'error' on itself, where the pool's listener is not attached; unheard,
  // that would crash the process. The query in flight fails by itself and the pool discards the dead client.
  pool.on('connect', (client) => client.on('error', () => {}));
  const tracer = activeTracer();
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(tracer ? { log: queryTracer(tracer) } : {}),
  });
}
