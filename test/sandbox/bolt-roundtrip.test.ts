import { App, MemoryInstallationStore } from '@slack/bolt';
import { afterEach, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { reservePort } from '../support/ports.ts';
import { sandboxWithWorkspace, silentLogger } from './support.ts';

/**
 * The sandbox against the real thing: a Bolt App with its HTTPReceiver, verifying the driver's signatures and
 * talking to the sandbox through its own WebClient. This is the setup the bot's integration tests will use.
 */

const SIGNING_SECRET = 'bolt-roundtrip-secret';

let sandbox: Sandbox | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  await sandbox?.close();
  app = undefined;
  sandbox = undefined;
});

describe('Bolt HTTP receiver + WebClient against the sandbox', () => {
  test('signed commands, events and actions reach listeners, whose Slack calls the sandbox records', async () => {
    const seeded = await sandboxWithWorkspace();
    sandbox = seeded.sandbox;
    const { workspace } = seeded;
    app = new App({
      signingSecret: SIGNING_SECRET,
      token: workspace.botToken,
      clientOptions: { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 } },
      logger: silentLogger,
    });
    app.command('/nudge', async ({ ack, respond }) => {
      await ack();
      await respond({ text: 'Nudge help' });
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Hi <@${event.user}>` } }] },
      });
    });
    app.action('join', async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: 'You joined' });
    });
    const port = await reservePort();
    await app.start(port);
    const driver = sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
    const current = sandbox;

    const command = await driver.command({
      teamId: 'T0ACME0001',
      userId: 'U0BOB00001',
      channelId: 'C0GENERAL1',
      command: '/nudge',
      text: 'help',
    });
    expect(command.status).toBe(200);
    const [ephemeral] = await current.waitFor(() => {
      const found = current.ephemerals({ userId: 'U0BOB00001' });
      return found.length > 0 && found;
    });
    expect(ephemeral).toMatchObject({ text: 'Nudge help', channelId: 'C0GENERAL1' });

    const event = await driver.event({
      teamId: 'T0ACME0001',
      event: { type: 'app_home_opened', user: 'U0ALICE001', channel: 'D0SBX00001', tab: 'home' },
    });
    expect(event.status).toBe(200);
    const home = await current.waitFor(() => current.homeView('T0ACME0001', 'U0ALICE001'));
    expect(home).toMatchObject({ type: 'home', blocks: [{ text: { text: 'Hi <@U0ALICE001>' } }] });

    const posted = current.addUserMessage({ channelId: 'C0GENERAL1', userId: 'U0ALICE001', text: 'placeholder' });
    const action = await driver.interaction({
      teamId: 'T0ACME0001',
      userId: 'U0BOB00001',
      payload: {
        type: 'block_actions',
        container: { type: 'message', message_ts: posted.ts, channel_id: 'C0GENERAL1' },
        actions: [{ type: 'button', action_id: 'join', block_id: 'b', value: 'x', action_ts: '1' }],
      },
    });
    expect(action.status).toBe(200);
    await current.waitFor(() => current.messages('C0GENERAL1').find((message) => message.text === 'You joined'));
    expect(current.callsTo('views.publish')).toHaveLength(1);
  });

  test('an event retry reaches Bolt with the same event_id and context.retryNum', async () => {
    const seeded = await sandboxWithWorkspace();
    sandbox = seeded.sandbox;
    app = new App({
      signingSecret: SIGNING_SECRET,
      token: seeded.workspace.botToken,
      clientOptions: { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 } },
      logger: silentLogger,
    });
    const seen: Array<{ eventId: unknown; retryNum: unknown; retryReason: unknown }> = [];
    app.event('app_mention', async ({ body, context }) => {
      seen.push({ eventId: body.event_id, retryNum: context.retryNum, retryReason: context.retryReason });
    });
    const port = await reservePort();
    await app.start(port);
    const driver = sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
    const event = { type: 'app_mention', user: 'U0BOB00001', channel: 'C0GENERAL1', text: 'hi', ts: '1.000001' };
    const first = await driver.event({ teamId: 'T0ACME0001', event });
    await driver.event({ teamId: 'T0ACME0001', event, eventId: first.eventId, retryNum: 2, retryReason: 'http_error' });
    const current = sandbox;
    await current.waitFor(() => seen.length === 2);
    expect(seen).toEqual([
      { eventId: first.eventId, retryNum: undefined, retryReason: undefined },
      { eventId: first.eventId, retryNum: 2, retryReason: 'http_error' },
    ]);
  });

  test('Bolt refuses a forged signature and a stale timestamp with 401', async () => {
    const seeded = await sandboxWithWorkspace();
    sandbox = seeded.sandbox;
    app = new App({
      signingSecret: SIGNING_SECRET,
      token: seeded.workspace.botToken,
      clientOptions: { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 } },
      logger: silentLogger,
    });
    const port = await reservePort();
    await app.start(port);
    const appUrl = `http://127.0.0.1:${port}/slack/events`;
    const body = JSON.stringify({ type: 'event_callback', team_id: 'T0ACME0001', event: { type: 'app_mention' } });
    const forged = await sandbox
      .driver({ appUrl, signingSecret: 'not-the-secret' })
      .signedPost({ body, contentType: 'application/json' });
    expect(forged.status).toBe(401);
    const stale = await sandbox
      .driver({ appUrl, signingSecret: SIGNING_SECRET })
      .signedPost({ body, contentType: 'application/json', timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(401);
  });

  test('an OAuth install through Bolt stores a working installation', async () => {
    const port = await reservePort();
    const redirectUri = `http://127.0.0.1:${port}/slack/oauth_redirect`;
    const seeded = await sandboxWithWorkspace({ oauth: { clientId: '123.456', clientSecret: 'client-secret' } });
    sandbox = seeded.sandbox;
    const installationStore = new MemoryInstallationStore();
    app = new App({
      signingSecret: SIGNING_SECRET,
      clientId: '123.456',
      clientSecret: 'client-secret',
      stateSecret: 'state-secret',
      scopes: ['chat:write', 'users:read'],
      redirectUri,
      installationStore,
      installerOptions: {
        directInstall: true,
        authorizationUrl: `${sandbox.url}/oauth/v2/authorize`,
        clientOptions: { slackApiUrl: sandbox.apiUrl },
        redirectUriPath: '/slack/oauth_redirect',
      },
      clientOptions: { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 } },
      logger: silentLogger,
    });
    app.event('app_mention', async ({ event, say }) => {
      await say(`hello <@${event.user}>`);
    });
    await app.start(port);

    const install = await fetch(`http://127.0.0.1:${port}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorizeUrl = new URL(install.headers.get('location') ?? '');
    expect(authorizeUrl.origin).toBe(sandbox.url);
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callback = await fetch(consent.headers.get('location') ?? '', {
      redirect: 'manual',
      headers: { cookie: install.headers.get('set-cookie')?.split(';')[0] ?? '' },
    });
    expect(callback.status).toBe(200);

    const installation = await installationStore.fetchInstallation({
      teamId: 'T0ACME0001',
      enterpriseId: 'E0ACME0001',
      isEnterpriseInstall: false,
    });
    expect(installation.bot).toMatchObject({
      token: seeded.workspace.botToken,
      userId: seeded.workspace.botUserId,
      id: seeded.workspace.botId,
      scopes: ['chat:write', 'users:read'],
    });

    const driver = sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
    await driver.event({
      teamId: 'T0ACME0001',
      event: { type: 'app_mention', user: 'U0BOB00001', channel: 'C0GENERAL1', text: 'hi', ts: '1.000001' },
    });
    const current = sandbox;
    const said = await current.waitFor(() => current.messages('C0GENERAL1')[0]);
    expect(said.text).toBe('hello <@U0BOB00001>');
  });
});
