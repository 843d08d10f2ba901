import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ label: 'http' });
});
afterAll(async () => {
  await h?.stop();
});

function sign(body: string, timestamp: number, secret = 'test-signing-secret-0123456789'): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

const commandBody = (teamId: string, text: string) =>
  new URLSearchParams({
    token: 'legacy',
    team_id: teamId,
    team_domain: 'acme',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0BOB',
    user_name: 'bob',
    command: '/nudge',
    text,
    api_app_id: 'A0SANDBOX01',
    response_url: 'http://127.0.0.1:1/unused',
    trigger_id: '1.2.3',
  }).toString();

async function processedEventCount(): Promise<number> {
  const row = await h.service.deps.db
    .selectFrom('processed_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('the Bolt HTTP receiver', () => {
  test('/nudge help answers with every command, ephemerally, in the ack', async () => {
    const response = await h.driver.command({
      teamId: h.workspace.teamId,
      userId: 'U0BOB',
      channelId: 'C0GENERAL',
      command: '/nudge',
      text: 'help',
    });
    expect(response.status).toBe(200);
    const body = response.json as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/nudge help');
    expect(body.blocks.length).toBeGreaterThan(0);
  });

  test('unknown /nudge text gets a specific answer and the help', async () => {
    const response = await h.driver.command({
      teamId: h.workspace.teamId,
      userId: 'U0BOB',
      channelId: 'C0GENERAL',
      command: '/nudge',
      text: 'frobnicate <everything>',
    });
    expect(response.status).toBe(200);
    const body = response.json as { text: string };
    expect(body.text).toContain("I don't know `frobnicate &lt;everything&gt;`");
  });

  test('a bad signature is refused with 401 and stores nothing', async () => {
    const before = await processedEventCount();
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: h.workspace.teamId,
      event_id: 'EvBADSIG',
      event: { type: 'app_home_opened', user: 'U0BOB', tab: 'home' },
    });
    const now = Math.floor(Date.now() / 1000);
    const response = await h.driver.signedPost({
      body,
      contentType: 'application/json',
      timestamp: now,
      signature: sign(body, now, 'wrong-secret'),
    });
    expect(response.status).toBe(401);
    expect(await processedEventCount()).toBe(before);
  });

  test('a timestamp older than five minutes is refused with 401', async () => {
    const body = commandBody(h.workspace.teamId, 'help');
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await h.driver.signedPost({
      body,
      contentType: 'application/x-www-form-urlencoded',
      timestamp: stale,
      signature: sign(body, stale),
    });
    expect(response.status).toBe(401);
  });

  test('missing signature headers are refused with 401', async () => {
    const response = await fetch(`${h.appUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: commandBody(h.workspace.teamId, 'help'),
    });
    expect(response.status).toBe(401);
  });

  test('an oversized body is refused with 413', async () => {
    const body = commandBody(h.workspace.teamId, 'x'.repeat(400 * 1024));
    const now = Math.floor(Date.now() / 1000);
    const response = await h.driver.signedPost({
      body,
      contentType: 'application/x-www-form-urlencoded',
      timestamp: now,
      signature: sign(body, now),
    });
    expect(response.status).toBe(413);
  });

  test('a correctly signed request from a workspace this install does not serve gets 401 and stores nothing', async () => {
    const before = await processedEventCount();
    const response = await h.driver.event({
      teamId: 'T0STRANGER',
      event: { type: 'app_home_opened', user: 'U0BOB', tab: 'home' },
    });
    expect(response.status).toBe(401);
    expect(await processedEventCount()).toBe(before);
    const strangers = await h.service.deps.db
      .selectFrom('workspaces')
      .select('id')
      .where('id', '=', 'T0STRANGER')
      .execute();
    expect(strangers).toEqual([]);
  });

  test('/healthz, /readyz and /metrics answer', async () => {
    expect((await fetch(`${h.appUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.appUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
    const metrics = await (await fetch(`${h.appUrl}/metrics`)).text();
    expect(metrics).toMatch(/nudge_listener_requests_total\{listener="command:\/nudge",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/nudge_slack_api_calls_total\{method="auth.test",outcome="ok"\} \d+/);
  });
});
