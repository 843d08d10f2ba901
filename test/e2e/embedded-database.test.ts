import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { reservePort } from '../support/ports.ts';
import { runMain, waitUntilReady } from '../support/processes.ts';

const runningAsRoot = process.getuid?.() === 0;
const parent = mkdtempSync(join(tmpdir(), 'nudge-embedded-'));
// mkdtemp makes the folder private to its owner; as root, the embedded server runs as its own user and must reach it.
chmodSync(parent, 0o755);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** No database, Redis or Slack settings: what someone who just cloned the repository has. */
const zeroConfig = (dataDir: string, extra: Record<string, string> = {}) => ({ NUDGE_DATA_DIR: dataDir, ...extra });

function expectOneSentence(output: string): void {
  expect(output.trim().split('\n')).toHaveLength(1);
  expect(output).not.toMatch(/^\s+at /m);
}

describe('the embedded database', () => {
  test('`npm run db:migrate` with no DATABASE_URL migrates it, once', async () => {
    const dataDir = join(parent, 'migrate');
    const first = runMain([], zeroConfig(dataDir), 'src/db/migrate-cli.ts');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain(`migrating the embedded PostgreSQL in ${dataDir}/postgres`);
    expect(first.output()).toMatch(/applied: 2026-11-23-001-foundation, /);
    const again = runMain([], zeroConfig(dataDir), 'src/db/migrate-cli.ts');
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain('database is up to date');
  }, 120_000);

  test('a second user of the same data folder is told in one sentence that it is in use, and changes nothing', async () => {
    const dataDir = join(parent, 'in-use');
    const port = await reservePort();
    const nudge = runMain(['all'], zeroConfig(dataDir, { PORT: String(port) }));
    try {
      await waitUntilReady(port, nudge);
      const migrate = runMain([], zeroConfig(dataDir), 'src/db/migrate-cli.ts');
      expect(await migrate.exited).toBe(1);
      expect(migrate.output()).toMatch(/^migration failed: the embedded PostgreSQL in .* is already running/);
      expectOneSentence(migrate.output());
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      await nudge.stop();
    }
    expect(await nudge.exited).toBe(0);
  }, 120_000);

  // Only root starts the server as a separate OS user; for anyone else the folder is their own.
  test.runIf(runningAsRoot)(
    'run as root from a folder other users cannot enter, start-up says what to do in one sentence',
    async () => {
      const closed = join(parent, 'closed');
      mkdirSync(closed, { mode: 0o700 });
      const dataDir = join(closed, 'data');
      const start = runMain(['all'], zeroConfig(dataDir, { PORT: String(await reservePort()) }));
      expect(await start.exited).toBe(1);
      expect(start.output()).toContain(
        `Nudge failed to start: run as root, Nudge starts its embedded PostgreSQL as the separate user "postgres", which cannot enter ${closed}: `,
      );
      expect(start.output()).toContain(`chmod o+x ${closed}`);
      expectOneSentence(start.output());
      const migrate = runMain([], zeroConfig(dataDir), 'src/db/migrate-cli.ts');
      expect(await migrate.exited).toBe(1);
      expect(migrate.output()).toContain(`cannot enter ${closed}`);
      expectOneSentence(migrate.output());
    },
    60_000,
  );
});
