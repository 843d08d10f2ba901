import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { embeddedPostgresProblem } from './embedded-postgres-preflight.ts';
import { freePort } from './free-port.ts';
import { importEmbeddedPostgres } from './import-embedded-postgres.ts';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const databaseName = 'nudge';

/**
 * A real PostgreSQL from the embedded-postgres package's binaries, for an install with no DATABASE_URL. Its data
 * lives under `<dataDir>/postgres`, so it survives restarts; only loopback connections are accepted.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const runningAsRoot = process.getuid?.() === 0;
  const problem = embeddedPostgresProblem(dataDir, { runningAsRoot });
  if (problem) throw new Error(problem);
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const directory = resolve(dataDir, 'postgres');
  mkdirSync(resolve(dataDir), { recursive: true });
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'nudge',
    password: 'nudge',
    persistent: true,
    // initdb refuses to run as root; the package then creates a dedicated OS user for the server.
    createPostgresUser: runningAsRoot,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(directory, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const admin = new pg.Client({ connectionString: `postgres://nudge:nudge@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [databaseName]);
    if (exists.rowCount === 0) await admin.query(`create database ${databaseName}`);
  } finally {
    await admin.end();
  }
  return { url: `postgres://nudge:nudge@127.0.0.1:${port}/${databaseName}`, stop: () => server.stop() };
}
