import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox, SeededWorkspace } from '../../src/sandbox/index.ts';
import { type CapturedRequest, captureServer, clientFor, sandboxWithWorkspace } from './support.ts';

const SIGNING_SECRET = 'driver-test-signing-secret';

let sandbox: Sandbox;
let workspace: SeededWorkspace;
let app: Awaited<ReturnType<typeof captureServer>>;

beforeEach(async () => {
  ({ sandbox, workspace } = await sandboxWithWorkspace());
  app = await captureServer(() => ({ status: 200, body: '' }));
});
afterEach(async () => {
  await app.close();
  await sandbox.close();
});

/** Verifies the request the way Slack documents it, independently of the sandbox's signing code. */
function verify(request: CapturedRequest, secret = SIGNING_SECRET): boolean {
  const timestamp = request.headers['x-slack-request-timestamp'] ?? '';
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${request.body}`).digest('hex')}`,
  );
  const actual = Buffer.from(request.headers['x-slack-signature'] ?? '');
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 60;
  return fresh && actual.length === expected.length && timingSafeEqual(actual, expected);
}

describe('signed requests', () => {
  test('a slash command is a signed form with the fields Slack sends', async () => {
    const driver = sandbox.driver({ appUrl: app.url, signingSecret: SIGNING_SECRET });
    const response = await driver.command({
      teamId: 'T0ACME0001',
      userId: 'U0BOB00001',
      channelId: 'C0GENERAL1',
      command: '/nudge',
      text: 'help',
    });
    expect(response.status).toBe(200);
    const [request] = app.requests;
    expect(request?.path).toBe('/slack/events');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request && verify(request)).toBe(true);
    expect(request && verify(request, 'some-other-secret')).toBe(false);
    const form = Object.fromEntries(new URLSearchParams(request?.body));
    expect(form).toMatchObject({
      team_id: 'T0ACME0001',
      team_domain: 'acme',
      enterprise_id: 'E0ACME0001',
      channel_id: 'C0GENERAL1',
      channel_name: 'general',
      user_id: 'U0BOB00001',
      user_name: 'bob',
      command: '/nudge',
      text: 'help',
      api_app_id: workspace.appId,
      is_enterprise_install: 'false',
      response_url: response.responseUrl,
      trigger_id: response.triggerId,
    });
    expect(form.token).toBeTruthy();
    expect(response.responseUrl).toMatch(new RegExp(`^${sandbox.url}/response/`));
  });

  test('an event is a signed JSON envelope; a retry repeats the event_id with retry headers', async () => {
    const driver = sandbox.driver({ appUrl: app.url, signingSecret: SIGNING_SECRET });
    const event = { type: 'app_home_opened', user: 'U0BOB00001', channel: 'D0SBX00001', tab: 'home' };
    const first = await driver.event({ teamId: 'T0ACME0001', event });
    const retry = await driver.event({ teamId: 'T0ACME0001', event, eventId: first.eventId, retryNum: 1 });
    expect(retry.eventId).toBe(first.eventId);

    const [original, retried] = app.requests;
    expect(original && verify(original)).toBe(true);
    expect(retried && verify(retried)).toBe(true);
    expect(original?.headers['content-type']).toBe('application/json');
    expect(original?.headers['x-slack-retry-num']).toBeUndefined();
    expect(retried?.headers['x-slack-retry-num']).toBe('1');
    expect(retried?.headers['x-slack-retry-reason']).toBe('http_timeout');
    const envelope = JSON.parse(original?.body ?? '{}');
    expect(envelope).toMatchObject({
      type: 'event_callback',
      team_id: 'T0ACME0001',
      enterprise_id: 'E0ACME0001',
      api_app_id: workspace.appId,
      event_id: first.eventId,
      event: { ...event, event_ts: expect.stringMatching(/^\d+\.\d{6}$/) },
      authorizations: [
        {
          team_id: 'T0ACME0001',
          user_id: workspace.botUserId,
          is_bot: true,
          enterprise_id: 'E0ACME0001',
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    });
    expect(typeof envelope.event_time).toBe('number');
    expect(JSON.parse(retried?.body ?? '{}').event_id).toBe(first.eventId);
  });

  test('an interaction is a signed payload= form, filled with what Slack adds and the message it came from', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'pick one' });
    const driver = sandbox.driver({ appUrl: app.url, signingSecret: SIGNING_SECRET });
    const response = await driver.interaction({
      teamId: 'T0ACME0001',
      userId: 'U0ALICE001',
      payload: {
        type: 'block_actions',
        container: { type: 'message', message_ts: posted.ts, channel_id: 'C0GENERAL1' },
        actions: [{ type: 'button', action_id: 'nudge_pick', value: '1' }],
      },
    });
    const [request] = app.requests;
    expect(request && verify(request)).toBe(true);
    const body = new URLSearchParams(request?.body);
    expect([...body.keys()]).toEqual(['payload']);
    const payload = JSON.parse(body.get('payload') ?? '{}');
    expect(payload).toMatchObject({
      type: 'block_actions',
      team: { id: 'T0ACME0001', domain: 'acme' },
      user: { id: 'U0ALICE001', username: 'alice', team_id: 'T0ACME0001' },
      api_app_id: workspace.appId,
      channel: { id: 'C0GENERAL1', name: 'general' },
      message: { ts: posted.ts, text: 'pick one' },
      trigger_id: response.triggerId,
      response_url: response.responseUrl,
      enterprise: { id: 'E0ACME0001' },
      is_enterprise_install: false,
    });
    expect(payload.token).toBeTruthy();
  });

  test('signedPost sends exactly what it is given, so tests can forge bad signatures and stale timestamps', async () => {
    const driver = sandbox.driver({ appUrl: app.url, signingSecret: SIGNING_SECRET });
    const stale = Math.floor(Date.now() / 1000) - 600;
    await driver.signedPost({ body: '{"type":"url_verification"}', contentType: 'application/json', timestamp: stale });
    await driver.signedPost({ body: 'x=1', contentType: 'application/x-www-form-urlencoded', signature: 'v0=bad' });
    await driver.signedPost({ path: '/other', body: '{}', contentType: 'application/json' });
    const [staleRequest, forged, elsewhere] = app.requests;
    expect(staleRequest?.headers['x-slack-request-timestamp']).toBe(String(stale));
    expect(staleRequest?.headers['x-slack-signature']).toBe(
      `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${stale}:{"type":"url_verification"}`).digest('hex')}`,
    );
    expect(forged?.headers['x-slack-signature']).toBe('v0=bad');
    expect(forged && verify(forged)).toBe(false);
    expect(elsewhere?.path).toBe('/other');
    expect(elsewhere && verify(elsewhere)).toBe(true);
  });

  test('the app’s answer comes back as status, body and parsed json', async () => {
    const answering = await captureServer(() => ({ status: 401, body: '{"error":"nope"}' }));
    try {
      const response = await sandbox
        .driver({ appUrl: answering.url, signingSecret: SIGNING_SECRET })
        .event({ teamId: 'T0UNKNOWN1', event: { type: 'app_mention' } });
      expect(response).toMatchObject({ status: 401, body: '{"error":"nope"}', json: { error: 'nope' } });
      expect(JSON.parse(answering.requests[0]?.body ?? '{}').team_id).toBe('T0UNKNOWN1');
    } finally {
      await answering.close();
    }
  });
});
