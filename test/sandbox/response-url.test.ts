import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox, SeededWorkspace, SlackDriver } from '../../src/sandbox/index.ts';
import { captureServer, clientFor, manualClock, sandboxWithWorkspace } from './support.ts';

let sandbox: Sandbox;
let workspace: SeededWorkspace;
let clock: ReturnType<typeof manualClock>;
let app: Awaited<ReturnType<typeof captureServer>>;
let driver: SlackDriver;

beforeEach(async () => {
  clock = manualClock();
  ({ sandbox, workspace } = await sandboxWithWorkspace({ now: clock.now }));
  app = await captureServer();
  driver = sandbox.driver({ appUrl: app.url, signingSecret: 'response-secret' });
});
afterEach(async () => {
  await app.close();
  await sandbox.close();
});

/** Posts the way Bolt's respond() does. */
function respond(url: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function commandResponseUrl(): Promise<string> {
  const response = await driver.command({
    teamId: 'T0ACME0001',
    userId: 'U0BOB00001',
    channelId: 'C0GENERAL1',
    command: '/nudge',
    text: 'help',
  });
  return response.responseUrl ?? '';
}

describe('response_url', () => {
  test('a default response is an ephemeral for the user who ran the command, and is recorded', async () => {
    const url = await commandResponseUrl();
    const response = await respond(url, { text: 'Here is how Nudge works' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(sandbox.ephemerals({ userId: 'U0BOB00001' })).toEqual([
      expect.objectContaining({ channelId: 'C0GENERAL1', text: 'Here is how Nudge works', source: 'response_url' }),
    ]);
    expect(sandbox.messages('C0GENERAL1')).toEqual([]);
    expect(sandbox.responseUrlPosts()).toEqual([
      expect.objectContaining({
        url,
        teamId: 'T0ACME0001',
        userId: 'U0BOB00001',
        channelId: 'C0GENERAL1',
        body: { text: 'Here is how Nudge works' },
        status: 200,
      }),
    ]);
  });

  test('response_type in_channel posts into the conversation as the app', async () => {
    const url = await commandResponseUrl();
    await respond(url, { response_type: 'in_channel', text: 'Kudos to Alice!' });
    expect(sandbox.messages('C0GENERAL1')).toEqual([
      expect.objectContaining({ text: 'Kudos to Alice!', user: workspace.botUserId, source: 'response_url' }),
    ]);
    expect(sandbox.ephemerals()).toEqual([]);
  });

  test('replace_original and delete_original act on the message an interaction came from', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'Join coffee?' });
    const clicked = await driver.interaction({
      teamId: 'T0ACME0001',
      userId: 'U0ALICE001',
      payload: {
        type: 'block_actions',
        container: { type: 'message', message_ts: posted.ts, channel_id: 'C0GENERAL1' },
      },
    });
    await respond(clicked.responseUrl ?? '', { replace_original: true, text: 'You are in!' });
    expect(sandbox.messages('C0GENERAL1')).toEqual([expect.objectContaining({ ts: posted.ts, text: 'You are in!' })]);
    await respond(clicked.responseUrl ?? '', { delete_original: true });
    expect(sandbox.messages('C0GENERAL1')).toEqual([]);
  });

  test('a response_url takes five posts within thirty minutes', async () => {
    const url = await commandResponseUrl();
    for (let index = 0; index < 5; index += 1) expect((await respond(url, { text: `#${index}` })).status).toBe(200);
    const sixth = await respond(url, { text: 'one too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });

    const later = await commandResponseUrl();
    clock.advance(30 * 60_000 + 1);
    const expired = await respond(later, { text: 'too late' });
    expect(expired.status).toBe(404);
    expect(sandbox.responseUrlPosts().map((post) => post.error ?? 'ok')).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'used_url',
      'expired_url',
    ]);
    expect(sandbox.ephemerals()).toHaveLength(5);
  });

  test('Block Kit limits apply to response_url messages too', async () => {
    const url = await commandResponseUrl();
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const response = await respond(url, { text: 'too many', blocks });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, error: 'invalid_blocks' });
    expect(sandbox.ephemerals()).toEqual([]);
  });
});
