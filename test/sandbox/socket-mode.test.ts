import { afterEach, describe, expect, test } from 'vitest';
import type { Sandbox, SeededWorkspace } from '../../src/sandbox/index.ts';
import { sandboxWithWorkspace } from './support.ts';

let sandbox: Sandbox;
let workspace: SeededWorkspace;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await sandbox.close();
});

async function start(timings: { ackTimeoutMs?: number; eventRetryDelaysMs?: number[] } = {}) {
  ({ sandbox, workspace } = await sandboxWithWorkspace({ rateLimits: 'off', socketMode: timings }));
}

async function connectionsOpen(token: string): Promise<{ ok: boolean; url?: string; error?: string }> {
  const response = await fetch(`${sandbox.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return (await response.json()) as { ok: boolean; url?: string; error?: string };
}

/** A bare WebSocket client (Node's own), so these tests check the wire, not an SDK's reading of it. */
async function connect(): Promise<{ socket: WebSocket; received: Record<string, unknown>[] }> {
  const opened = await connectionsOpen(sandbox.appToken);
  const socket = new WebSocket(opened.url ?? '');
  sockets.push(socket);
  const received: Record<string, unknown>[] = [];
  socket.addEventListener('message', (message) => received.push(JSON.parse(String(message.data))));
  await sandbox.waitFor(() => received.find((m) => m.type === 'hello'), { description: 'hello' });
  return { socket, received };
}

const driverOverSocket = () =>
  sandbox.driver({ appUrl: 'http://127.0.0.1:9/unused', signingSecret: 'x', transport: 'socket' });

describe('apps.connections.open', () => {
  test('takes only the app-level token and returns a one-use local WebSocket URL', async () => {
    await start();
    expect(sandbox.appToken).toMatch(/^xapp-/);
    expect(await connectionsOpen(workspace.botToken)).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await connectionsOpen('xapp-1-A0OTHER-1-nope')).toEqual({ ok: false, error: 'invalid_auth' });
    const opened = await connectionsOpen(sandbox.appToken);
    expect(opened.ok).toBe(true);
    expect(opened.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);

    const { received } = await connect();
    expect(received[0]).toMatchObject({
      type: 'hello',
      num_connections: 1,
      connection_info: { app_id: 'A0SANDBOX01' },
    });

    // A URL already used (or made up) is refused at the handshake.
    const { url } = opened;
    const first = new WebSocket(url ?? '');
    sockets.push(first);
    await new Promise((resolve) => first.addEventListener('open', resolve));
    const again = new WebSocket(url ?? '');
    sockets.push(again);
    const refused = await new Promise<boolean>((resolve) => {
      again.addEventListener('open', () => resolve(false));
      again.addEventListener('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});

describe('envelopes', () => {
  test('a slash command arrives as slash_commands and the ack’s payload is the answer', async () => {
    await start();
    const { socket, received } = await connect();
    socket.addEventListener('message', (message) => {
      const envelope = JSON.parse(String(message.data)) as { envelope_id?: string; type: string };
      if (envelope.type === 'slash_commands')
        socket.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: 'Got it' } }));
    });
    const response = await driverOverSocket().command({
      teamId: workspace.teamId,
      userId: 'U0BOB00001',
      channelId: 'C0GENERAL1',
      command: '/nudge',
      text: 'help',
    });
    expect(response).toMatchObject({ status: 200, json: { text: 'Got it' } });
    const envelope = received.find((m) => m.type === 'slash_commands');
    expect(envelope).toMatchObject({
      envelope_id: expect.any(String),
      accepts_response_payload: true,
      payload: { command: '/nudge', text: 'help', team_id: workspace.teamId, user_id: 'U0BOB00001' },
    });
    expect((envelope?.payload as { response_url?: string } | undefined)?.response_url).toBe(response.responseUrl);
  });

  test('a button press arrives as interactive, and an empty ack is an empty 200 as over HTTP', async () => {
    await start();
    const { socket, received } = await connect();
    socket.addEventListener('message', (message) => {
      const envelope = JSON.parse(String(message.data)) as { envelope_id?: string };
      if (envelope.envelope_id) socket.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: {} }));
    });
    const response = await driverOverSocket().interaction({
      teamId: workspace.teamId,
      userId: 'U0BOB00001',
      payload: { type: 'block_actions', actions: [{ action_id: 'go', type: 'button', value: 'v' }] },
    });
    expect(response).toMatchObject({ status: 200, body: '' });
    expect(response.json).toBeUndefined();
    expect(received.find((m) => m.type === 'interactive')).toMatchObject({
      accepts_response_payload: false,
      payload: { type: 'block_actions', actions: [{ action_id: 'go' }], user: { id: 'U0BOB00001' } },
    });
  });

  test('an event nobody acknowledges comes again with retry_attempt and retry_reason, until acknowledged', async () => {
    await start({ ackTimeoutMs: 300, eventRetryDelaysMs: [0, 0, 0] });
    const { socket, received } = await connect();
    socket.addEventListener('message', (message) => {
      const envelope = JSON.parse(String(message.data)) as { envelope_id?: string; retry_attempt?: number };
      // The app is busy for the first two deliveries, then answers.
      if (envelope.retry_attempt === 2) socket.send(JSON.stringify({ envelope_id: envelope.envelope_id }));
    });
    const response = await driverOverSocket().event({
      teamId: workspace.teamId,
      event: { type: 'app_mention', user: 'U0BOB00001', channel: 'C0GENERAL1', text: 'hi' },
    });
    expect(response.status).toBe(200);
    const deliveries = received.filter((m) => m.type === 'events_api');
    expect(deliveries.map((m) => [m.retry_attempt, m.retry_reason, m.accepts_response_payload])).toEqual([
      [0, '', false],
      [1, 'timeout', false],
      [2, 'timeout', false],
    ]);
    expect(new Set(deliveries.map((m) => m.envelope_id)).size).toBe(3);
    expect(deliveries.map((m) => (m.payload as { event_id: string }).event_id)).toEqual(
      Array(3).fill(response.eventId),
    );
  });

  test('a command nobody acknowledges is not retried: the driver sees no answer', async () => {
    await start({ ackTimeoutMs: 300, eventRetryDelaysMs: [0, 0, 0] });
    const { received } = await connect();
    const response = await driverOverSocket().command({
      teamId: workspace.teamId,
      userId: 'U0BOB00001',
      channelId: 'C0GENERAL1',
      command: '/nudge',
      text: 'help',
    });
    expect(response.status).toBe(0);
    expect(received.filter((m) => m.type === 'slash_commands')).toHaveLength(1);
  });
});

describe('refresh', () => {
  test('requestRefresh sends every connection disconnect / refresh_requested', async () => {
    await start();
    const first = await connect();
    const second = await connect();
    expect(sandbox.socketMode.connections()).toBe(2);
    sandbox.socketMode.requestRefresh();
    for (const { received } of [first, second]) {
      const disconnect = await sandbox.waitFor(() => received.find((m) => m.type === 'disconnect'), {
        description: 'disconnect',
      });
      expect(disconnect).toMatchObject({ type: 'disconnect', reason: 'refresh_requested' });
    }
  });
});
