import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { signInToInsights } from '../support/insights-sign-in.ts';
import { reservePort } from '../support/ports.ts';
import { eventually } from '../support/wait.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'nudge-zero-config-'));
// mkdtemp makes the folder private to its owner; as root, the embedded server runs as its own user and must
// be able to reach the data folder inside, as it can in a normal project checkout.
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(port: number): { child: ChildProcess; output(): string; exited: Promise<number | null> } {
  // No Slack, database or Redis settings at all: what a first `npm start` on a fresh machine sees.
  const child = spawn(process.execPath, ['src/main.ts', 'all'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), NUDGE_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

async function ready(port: number): Promise<void> {
  await eventually(
    async () => {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      return response?.status === 200 ? true : undefined;
    },
    'readiness',
    60_000,
  );
}

describe('zero configuration', () => {
  test('starts with an embedded PostgreSQL, BullMQ on PostgreSQL and the sandbox, and keeps its data across restarts', async () => {
    const port = await reservePort();
    const first = start(port);
    try {
      await ready(port);
      const readiness = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
      expect(readiness).toEqual({ status: 'ready', checks: { postgres: 'ok' } });
      expect(first.output()).toContain(`Open http://localhost:${port}/sandbox`);
      expect(first.output()).toContain('embedded PostgreSQL');
      expect(first.output()).toContain('PostgreSQL backend');
      const page = await fetch(`http://localhost:${port}/sandbox`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      // The insights page signs in through the sandbox's own Sign in with Slack: Ada, the demo's admin, once the
      // directory sync has stored her.
      const signedIn = await eventually(async () => {
        const attempt = await signInToInsights(`http://localhost:${port}`, {
          teamId: 'T0DEMO0001',
          userId: 'U0DEMOADA1',
        });
        return attempt.session ? attempt : undefined;
      }, 'Ada signed in to insights');
      const insights = await fetch(`http://localhost:${port}/insights`, {
        headers: { cookie: signedIn.session ?? '' },
      });
      expect(insights.status).toBe(200);
      expect(await insights.text()).toContain('Insights ·');
      expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(dataDir, 'encryption.key'))).toBe(true);
    } finally {
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    }
    const second = start(port);
    try {
      await ready(port);
      expect(second.output()).not.toContain('database migrated');
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  }, 180_000);
});
