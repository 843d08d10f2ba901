import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { embeddedPostgresProblem, firstClosedFolder } from '../../src/embedded/embedded-postgres-preflight.ts';

const parent = mkdtempSync(join(tmpdir(), 'nudge-preflight-'));
chmodSync(parent, 0o755);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('embedded PostgreSQL preflight', () => {
  test('finds the outermost folder others cannot pass through on the way to a path', () => {
    const open = join(parent, 'open');
    const closed = join(open, 'closed');
    mkdirSync(join(closed, 'inner'), { recursive: true });
    chmodSync(open, 0o755);
    chmodSync(closed, 0o700);
    expect(firstClosedFolder(join(closed, 'inner', 'data'))).toBe(closed);
    expect(firstClosedFolder(join(open, 'not-yet-made', 'data'))).toBeUndefined();
    chmodSync(closed, 0o711);
    expect(firstClosedFolder(join(closed, 'inner', 'data'))).toBeUndefined();
  });

  test('a live postmaster.pid means the folder is in use; a stale one left by a crash does not', () => {
    const dataDir = join(parent, 'pid');
    mkdirSync(join(dataDir, 'postgres'), { recursive: true });
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    writeFileSync(pidFile, `${process.pid}\n${dataDir}\n`);
    expect(embeddedPostgresProblem(dataDir, { runningAsRoot: false })).toContain(
      `is already running (process ${process.pid})`,
    );
    writeFileSync(pidFile, '2147483646\n');
    expect(embeddedPostgresProblem(dataDir, { runningAsRoot: false })).toBeUndefined();
  });

  test('as root, a data folder the postgres user cannot reach is named with the fix', () => {
    const closed = join(parent, 'root-closed');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    const problem = embeddedPostgresProblem(join(closed, 'data'), { runningAsRoot: true });
    expect(problem).toContain(`cannot enter ${closed}`);
    expect(problem).toContain('set DATABASE_URL');
    expect(embeddedPostgresProblem(join(closed, 'data'), { runningAsRoot: false })).toBeUndefined();
  });
});
