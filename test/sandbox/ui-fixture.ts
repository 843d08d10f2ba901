import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import {
  createSandboxUi,
  type Sandbox,
  type SeededWorkspace,
  seedDemoWorkspace,
  startSandbox,
} from '../../src/sandbox/index.ts';
import { reservePort } from '../support/ports.ts';
import { silentLogger } from './support.ts';

/**
 * The sandbox UI in front of a tiny real Bolt app, mounted the way Nudge mounts it: as a custom route of the
 * app's own HTTPReceiver. Between the driver and Bolt sits a recording proxy that checks each request's Slack
 * signature independently of both the sandbox and Bolt, so tests can assert exactly what the app was sent.
 */

export const UI_SIGNING_SECRET = 'ui-test-signing-secret';
export const TEAM = 'T0DEMO0001';
export const ADA = 'U0DEMOADA1';
export const GRACE = 'U0DEMOGRC1';
export const KATHERINE = 'U0DEMOKTH1';
export const GENERAL = 'C0DEMOGEN1';
export const ENG_PRIVATE = 'C0DEMOENG1';
export const RANDOM = 'C0DEMORND1';

/** The commands the demo app's manifest would declare; only /demo has a listener. */
export const DEMO_COMMANDS = [
  { command: '/demo', description: 'Answers with a button and a select', usageHint: '[anything you like]' },
  { command: '/deploy', description: 'Ships the build', usageHint: 'staging | production' },
  { command: '/help', description: 'What the demo app does' },
];

export interface ReceivedRequest {
  contentType: string;
  /** The signature matched the raw body under the signing secret, and the timestamp was fresh. */
  verified: boolean;
  /** Form fields (commands), the decoded `payload` (interactions) or the JSON envelope (events). */
  body: Record<string, unknown>;
  status: number;
}

export interface UiFixture {
  sandbox: Sandbox;
  workspace: SeededWorkspace;
  /** e.g. http://127.0.0.1:4321/sandbox */
  uiUrl: string;
  origin: string;
  received: ReceivedRequest[];
  /** Requests of one kind: a command name, an event type, or an interaction type. */
  receivedOf(kind: string): ReceivedRequest[];
  /** Holds every answer of the app this long before it reaches the sandbox, as a slow app or network would. */
  delayAnswers(ms: number): void;
  close(): Promise<void>;
}

function verifySignature(headers: IncomingMessage['headers'], raw: string): boolean {
  const timestamp = String(headers['x-slack-request-timestamp'] ?? '');
  const expected = Buffer.from(
    `v0=${createHmac('sha256', UI_SIGNING_SECRET).update(`v0:${timestamp}:${raw}`).digest('hex')}`,
  );
  const actual = Buffer.from(String(headers['x-slack-signature'] ?? ''));
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 60;
  return fresh && actual.length === expected.length && timingSafeEqual(actual, expected);
}

function decode(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = Object.fromEntries(new URLSearchParams(raw));
  return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function startUiFixture(): Promise<UiFixture> {
  const sandbox = await startSandbox();
  const workspace = seedDemoWorkspace(sandbox);
  const received: ReceivedRequest[] = [];

  const boltPort = await reservePort();
  let answerDelayMs = 0;
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const contentType = String(req.headers['content-type'] ?? '');
      const record: ReceivedRequest = {
        contentType,
        verified: verifySignature(req.headers, raw),
        body: decode(contentType, raw),
        status: 0,
      };
      received.push(record);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      }
      fetch(`http://127.0.0.1:${boltPort}${req.url ?? '/'}`, { method: 'POST', headers, body: raw }).then(
        async (answer) => {
          record.status = answer.status;
          const text = await answer.text();
          if (answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
          res.end(text);
        },
        (error: unknown) => {
          res.writeHead(502);
          res.end(String(error));
        },
      );
    });
  });
  const proxyPort = await listen(proxy);

  const ui = createSandboxUi(sandbox, {
    appUrl: `http://127.0.0.1:${proxyPort}/slack/events`,
    signingSecret: UI_SIGNING_SECRET,
    teamId: TEAM,
    timeControls: [
      { id: 'advance-day', label: 'Advance clock a day', run: async () => 'Clock moved to Tuesday' },
      {
        id: 'broken',
        label: 'Broken control',
        run: async () => {
          throw new Error('no round configured');
        },
      },
    ],
    shortcuts: [
      { type: 'global', callbackId: 'demo_shortcut', name: 'Demo shortcut' },
      { type: 'message', callbackId: 'demo_message_shortcut', name: 'Demo message shortcut' },
    ],
    commands: DEMO_COMMANDS,
  });

  const app = new App({
    signingSecret: UI_SIGNING_SECRET,
    token: workspace.botToken,
    clientOptions: { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 } },
    logger: silentLogger,
    customRoutes: [
      {
        path: '/sandbox{/*rest}',
        method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
        handler: (req, res) => {
          if (!ui.handle(req, res)) {
            res.writeHead(404);
            res.end();
          }
        },
      },
    ],
  });
  registerDemoListeners(app);
  await app.start(boltPort);

  const origin = `http://127.0.0.1:${boltPort}`;
  return {
    sandbox,
    workspace,
    uiUrl: `${origin}/sandbox`,
    origin,
    received,
    delayAnswers(ms) {
      answerDelayMs = ms;
    },
    receivedOf(kind) {
      return received.filter(({ body }) => {
        const event = body.event as { type?: unknown } | undefined;
        return body.command === kind || event?.type === kind || body.type === kind;
      });
    },
    async close() {
      await app.stop();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await sandbox.close();
    },
  };
}

const plainText = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string) => ({ text: plainText(text), value });

/** One of most things a bot message can hold, for the renderer and the action payloads. */
export const SAMPLER_BLOCKS = [
  { type: 'header', text: { type: 'plain_text', text: 'Block Kit sampler :tada:', emoji: true } },
  {
    type: 'section',
    block_id: 'sampler_text',
    text: {
      type: 'mrkdwn',
      text: `*Bold*, _italic_, ~struck~, \`code\`, <https://example.com/docs|the docs>, <javascript:alert(1)|not a link>, <@${'U0DEMOGRC1'}>, <#C0DEMOGEN1>, <!subteam^S0DEMOENG1>, <!here>\n&gt; a quote with &lt;angle&gt; &amp; ampersand`,
    },
    accessory: {
      type: 'overflow',
      action_id: 'sampler_overflow',
      options: [option('Edit', 'edit'), option('Delete', 'delete')],
    },
  },
  {
    type: 'section',
    fields: [
      { type: 'mrkdwn', text: '*When*\nMonday 10:00' },
      { type: 'mrkdwn', text: '*Where*\n<#C0DEMOGEN1>' },
    ],
    accessory: { type: 'image', image_url: 'https://example.com/cup.png', alt_text: 'a coffee cup' },
  },
  {
    type: 'section',
    block_id: 'sampler_pick',
    text: { type: 'mrkdwn', text: 'Who should go next?' },
    accessory: { type: 'users_select', action_id: 'sampler_user', placeholder: plainText('Choose someone') },
  },
  {
    type: 'actions',
    block_id: 'sampler_actions',
    elements: [
      { type: 'button', action_id: 'sampler_met', text: plainText('We met'), style: 'primary', value: 'met' },
      {
        type: 'button',
        action_id: 'sampler_skip',
        text: plainText('Skip'),
        style: 'danger',
        value: 'skip',
        confirm: {
          title: plainText('Skip this round?'),
          text: plainText('Your partner will be told.'),
          confirm: plainText('Skip'),
          deny: plainText('Keep'),
        },
      },
      { type: 'datepicker', action_id: 'sampler_date', initial_date: '2026-01-05', placeholder: plainText('A day') },
      { type: 'multi_users_select', action_id: 'sampler_people', placeholder: plainText('People') },
      {
        type: 'external_select',
        action_id: 'sampler_project',
        placeholder: plainText('Project'),
        initial_option: option('Apollo', 'apollo'),
      },
    ],
  },
  {
    type: 'image',
    image_url: 'https://example.com/team.png',
    alt_text: 'the team at the offsite',
    title: plainText('Offsite'),
  },
  {
    type: 'rich_text',
    elements: [
      {
        type: 'rich_text_section',
        elements: [
          { type: 'text', text: 'Rich ' },
          { type: 'text', text: 'text', style: { bold: true } },
          { type: 'text', text: ' for ' },
          { type: 'user', user_id: 'U0DEMOGRC1' },
        ],
      },
      {
        type: 'rich_text_list',
        style: 'bullet',
        elements: [
          { type: 'rich_text_section', elements: [{ type: 'text', text: 'first point' }] },
          { type: 'rich_text_section', elements: [{ type: 'text', text: 'second point' }] },
        ],
      },
    ],
  },
  { type: 'divider' },
  {
    type: 'context',
    elements: [
      { type: 'image', image_url: 'https://example.com/icon.png', alt_text: 'icon' },
      { type: 'mrkdwn', text: 'Sent by the sampler :coffee:' },
    ],
  },
];

/** The "app": a slash command with a button and a select, a Home tab, a global shortcut opening a modal. */
function registerDemoListeners(app: App): void {
  app.command('/demo', async ({ ack, command }) => {
    await ack({
      response_type: 'ephemeral',
      text: 'Demo answer',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*Demo* for <@${command.user_id}>: ${command.text}` } },
        {
          type: 'actions',
          block_id: 'demo_actions',
          elements: [
            {
              type: 'button',
              action_id: 'demo_approve',
              text: { type: 'plain_text', text: 'Approve' },
              style: 'primary',
              value: 'yes',
            },
            {
              type: 'static_select',
              action_id: 'demo_pick',
              placeholder: { type: 'plain_text', text: 'Pick one' },
              options: [
                { text: { type: 'plain_text', text: 'Option A' }, value: 'a' },
                { text: { type: 'plain_text', text: 'Option B' }, value: 'b' },
              ],
            },
          ],
        },
      ],
    });
  });

  app.action('demo_approve', async ({ ack, body, client }) => {
    await ack();
    const channel = (body as { channel?: { id?: string } }).channel?.id ?? GENERAL;
    await client.chat.postMessage({
      channel,
      text: `<@${body.user.id}> approved`,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:white_check_mark: <@${body.user.id}> *approved*` } }],
    });
  });

  app.action('demo_pick', async ({ ack }) => {
    await ack();
  });

  app.action(/^sampler_/, async ({ ack }) => {
    await ack();
  });

  app.action('home_refresh', async ({ ack }) => {
    await ack();
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({
      user_id: event.user,
      view: {
        type: 'home',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Welcome home' } },
          {
            type: 'section',
            text: { type: 'mrkdwn', text: `Hi <@${event.user}>, here is what is going on.` },
            fields: [
              { type: 'mrkdwn', text: '*Kudos given*\n3' },
              { type: 'mrkdwn', text: '*Coffee rounds*\n1' },
            ],
          },
          { type: 'divider' },
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'home_refresh', text: { type: 'plain_text', text: 'Refresh' } }],
          },
          { type: 'context', elements: [{ type: 'mrkdwn', text: 'Rendered by the sandbox from Block Kit JSON' }] },
        ],
      },
    });
  });

  app.shortcut('demo_shortcut', async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'demo_modal',
        title: { type: 'plain_text', text: 'Demo modal' },
        submit: { type: 'plain_text', text: 'Send' },
        close: { type: 'plain_text', text: 'Cancel' },
        blocks: [
          {
            type: 'input',
            block_id: 'reason_block',
            label: { type: 'plain_text', text: 'Reason' },
            element: { type: 'plain_text_input', action_id: 'reason', multiline: true },
          },
          {
            type: 'input',
            block_id: 'who_block',
            optional: true,
            label: { type: 'plain_text', text: 'Who' },
            element: { type: 'multi_users_select', action_id: 'who' },
          },
        ],
      },
    });
  });

  app.view({ callback_id: 'demo_step_two', type: 'view_closed' }, async ({ ack }) => {
    await ack();
  });

  app.action('step_two_more', async ({ ack }) => {
    await ack();
  });

  app.shortcut('demo_message_shortcut', async ({ ack }) => {
    await ack();
  });

  app.view('demo_modal', async ({ ack, view, body, client }) => {
    const reason = view.state.values.reason_block?.reason?.value ?? '';
    if (reason === 'push please') {
      await ack({
        response_action: 'push',
        view: {
          type: 'modal',
          callback_id: 'demo_step_two',
          notify_on_close: true,
          title: { type: 'plain_text', text: 'Step two' },
          blocks: [
            {
              type: 'section',
              block_id: 'step_two',
              text: { type: 'mrkdwn', text: 'Pushed by the ack' },
              accessory: {
                type: 'overflow',
                action_id: 'step_two_more',
                options: [option('Start over', 'start_over')],
              },
            },
          ],
        },
      });
      return;
    }
    if (reason.length < 5) {
      await ack({ response_action: 'errors', errors: { reason_block: 'Tell us a bit more (5 characters or more).' } });
      return;
    }
    await ack();
    await client.chat.postMessage({ channel: GENERAL, text: `<@${body.user.id}> said: ${reason}` });
  });

  app.event('reaction_added', async () => {});
  app.event('reaction_removed', async () => {});
}

/** Parsed JSON from the UI endpoints, read loosely by the tests. */
export type Json = ReturnType<typeof JSON.parse>;

/** Calls a UI JSON endpoint as the browser does. */
export async function uiPost(fixture: UiFixture, path: string, body: unknown): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${fixture.uiUrl}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: fixture.origin },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

export async function uiState(fixture: UiFixture, params: Record<string, string>): Promise<Json> {
  const response = await fetch(`${fixture.uiUrl}/api/state?${new URLSearchParams(params)}`);
  return response.json();
}
