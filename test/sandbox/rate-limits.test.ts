import { WebAPIRateLimitedError, WebClientEvent } from '@slack/web-api';
import { afterEach, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { clientFor, manualClock, sandboxWithWorkspace } from './support.ts';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function rateLimited(promise: Promise<unknown>): Promise<WebAPIRateLimitedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebAPIRateLimitedError);
  return error as WebAPIRateLimitedError;
}

describe('Slack tiers', () => {
  test('chat.postMessage allows a short burst per channel, then 429 with Retry-After; nothing is stored', async () => {
    const clock = manualClock();
    const seeded = await sandboxWithWorkspace({ now: clock.now });
    sandbox = seeded.sandbox;
    const client = clientFor(sandbox, seeded.workspace.botToken, { rejectRateLimitedCalls: true });
    for (const text of ['a', 'b', 'c']) await client.chat.postMessage({ channel: 'C0GENERAL1', text });

    const error = await rateLimited(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'd' }));
    expect(error.retryAfter).toBe(3);
    expect(sandbox.messages('C0GENERAL1').map((message) => message.text)).toEqual(['a', 'b', 'c']);
    const [refused] = sandbox.callsTo('chat.postMessage').filter((call) => call.status === 429);
    expect(refused).toMatchObject({ rateLimited: true, response: { ok: false, error: 'ratelimited' } });

    // Another channel has its own budget.
    await client.chat.postMessage({ channel: 'U0BOB00001', text: 'elsewhere' });
    clock.advance(1000);
    expect((await rateLimited(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'd' }))).retryAfter).toBe(2);
    clock.advance(2000);
    await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'd' });
    expect(sandbox.messages('C0GENERAL1').map((message) => message.text)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('the raw 429 carries Retry-After in whole seconds and the Slack body', async () => {
    const clock = manualClock();
    const seeded = await sandboxWithWorkspace({ now: clock.now });
    sandbox = seeded.sandbox;
    const post = () =>
      fetch(`${seeded.sandbox.apiUrl}users.list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${seeded.workspace.botToken}` },
      });
    for (let index = 0; index < 20; index += 1) expect((await post()).status).toBe(200);
    clock.advance(15_000);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(await refused.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  test('a Tier 2 method allows 20 calls a minute per workspace; other workspaces are unaffected', async () => {
    const clock = manualClock();
    const seeded = await sandboxWithWorkspace({ now: clock.now });
    sandbox = seeded.sandbox;
    const other = sandbox.createWorkspace({ teamId: 'T0OTHER001', name: 'Other' });
    const client = clientFor(sandbox, seeded.workspace.botToken, { rejectRateLimitedCalls: true });
    for (let index = 0; index < 20; index += 1) await client.users.list({ limit: 1 });
    expect((await rateLimited(client.users.list({ limit: 1 }))).retryAfter).toBe(60);
    await clientFor(sandbox, other.botToken, { rejectRateLimitedCalls: true }).users.list({ limit: 1 });
    // A Tier 4 method of the same workspace has its own window.
    await client.users.info({ user: 'U0BOB00001' });
    clock.advance(60_000);
    await client.users.list({ limit: 1 });
    expect(sandbox.callsTo('users.list', { teamId: 'T0ACME0001' }).filter((call) => call.status === 429)).toHaveLength(
      1,
    );
  });

  test('the SDK without rejectRateLimitedCalls waits Retry-After and retries to success', async () => {
    const clock = manualClock();
    const seeded = await sandboxWithWorkspace({ now: clock.now, timeScale: 30 });
    sandbox = seeded.sandbox;
    const client = clientFor(sandbox, seeded.workspace.botToken, { retryConfig: { retries: 1 } });
    const rateLimitedEvents: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => {
      rateLimitedEvents.push(seconds);
      clock.advance(seconds * 1000);
    });
    for (const text of ['a', 'b', 'c', 'd']) await client.chat.postMessage({ channel: 'C0GENERAL1', text });
    expect(rateLimitedEvents).toEqual([1]);
    expect(sandbox.messages('C0GENERAL1')).toHaveLength(4);
  }, 10_000);
});

describe('options', () => {
  test('timeScale shortens windows; Retry-After stays a whole number of seconds of at least 1', async () => {
    const clock = manualClock();
    const seeded = await sandboxWithWorkspace({ now: clock.now, timeScale: 60 });
    sandbox = seeded.sandbox;
    const client = clientFor(sandbox, seeded.workspace.botToken, { rejectRateLimitedCalls: true });
    for (let index = 0; index < 20; index += 1) await client.users.list({ limit: 1 });
    expect((await rateLimited(client.users.list({ limit: 1 }))).retryAfter).toBe(1);
    const [refused] = sandbox.callsTo('users.list').filter((call) => call.status === 429);
    expect(refused?.rateLimited).toBe(true);
    clock.advance(1000);
    await client.users.list({ limit: 1 });
  });

  test("rateLimits: 'off' admits everything", async () => {
    const seeded = await sandboxWithWorkspace({ rateLimits: 'off' });
    sandbox = seeded.sandbox;
    const client = clientFor(sandbox, seeded.workspace.botToken, { rejectRateLimitedCalls: true });
    for (let index = 0; index < 30; index += 1)
      await client.chat.postMessage({ channel: 'C0GENERAL1', text: `${index}` });
    expect(sandbox.messages('C0GENERAL1')).toHaveLength(30);
  });
});
