import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { type Sandbox, type SeededWorkspace, startSandbox } from '../../src/sandbox/index.ts';
import { createTestDatabase } from '../support/databases.ts';
import { defaultWorkspace, signingSecret } from '../support/harness.ts';
import { reservePort } from '../support/ports.ts';
import { runMain } from '../support/processes.ts';
import { eventually } from '../support/wait.ts';

let sandbox: Sandbox;
let workspace: SeededWorkspace;

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: 'off' });
  workspace = sandbox.createWorkspace(defaultWorkspace);
});
afterAll(async () => {
  await sandbox?.close();
});

describe('the nudge process', () => {
  test('refuses to boot with every bad or missing variable listed at once', async () => {
    const run = runMain([], {
      PORT: 'not-a-port',
      SLACK_BOT_TOKEN: 'xoxp-wrong-kind',
      DATABASE_URL: 'mysql://nope',
      REDIS_URL: 'http://nope',
      NUDGE_ENCRYPTION_KEY: 'short',
    });
    expect(await run.exited).toBe(1);
    const output = run.output();
    for (const name of [
      'SLACK_SIGNING_SECRET',
      'DATABASE_URL',
      'REDIS_URL',
      'NUDGE_ENCRYPTION_KEY',
      'PORT',
      'SLACK_BOT_TOKEN',
    ]) {
      expect(output).toContain(`${name}:`);
    }
    expect(output).not.toContain('xoxp-wrong-kind');
    expect(output).not.toMatch(/\n\s+at /);
  });

  test('serves Slack and readiness, then closes in order within 10 s of SIGTERM', async () => {
    const port = await reservePort();
    const run = runMain(['all'], {
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: workspace.botToken,
      SLACK_API_URL: sandbox.apiUrl,
      DATABASE_URL: await createTestDatabase(),
      REDIS_URL: inject('redisUrl'),
      PORT: String(port),
      NUDGE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'info',
    });
    try {
      const ready = await eventually(
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
          return response?.status === 200 ? response : undefined;
        },
        'readiness',
        30_000,
      );
      expect(ready.status).toBe(200);
      const driver = sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret });
      const help = await driver.command({
        teamId: workspace.teamId,
        userId: 'U0BOB',
        channelId: 'C0GENERAL',
        command: '/nudge',
        text: 'help',
      });
      expect(help.status).toBe(200);

      const signalledAt = Date.now();
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      expect(run.output()).toContain('shutting down');
      expect(run.output()).not.toContain(workspace.botToken);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });
});
