import { WebAPIPlatformError } from '@slack/web-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkMessageBlocks, type Sandbox, type SeededWorkspace } from '../../src/sandbox/index.ts';
import { captureServer, clientFor, sandboxWithWorkspace } from './support.ts';

let sandbox: Sandbox;
let workspace: SeededWorkspace;

beforeAll(async () => {
  ({ sandbox, workspace } = await sandboxWithWorkspace({ rateLimits: 'off' }));
});
afterAll(async () => {
  await sandbox.close();
});

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, actionId = 'a') => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
});
const modal = (overrides: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'Give kudos' },
  blocks: [section('hi')],
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data;
}

describe('message blocks', () => {
  test('50 blocks post; 51 are invalid_blocks with a json-pointer message and nothing is stored', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const fifty = Array.from({ length: 50 }, () => ({ type: 'divider' }));
    await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'fifty', blocks: fifty });
    const data = await rejection(
      client.chat.postMessage({ channel: 'C0GENERAL1', text: 'too many', blocks: [...fifty, { type: 'divider' }] }),
    );
    expect(data.error).toBe('invalid_blocks');
    expect(data.response_metadata?.messages).toEqual(['[ERROR] must be less than 51 items [json-pointer:/blocks]']);
    expect(sandbox.messages('C0GENERAL1').map((message) => message.text)).toEqual(['fifty']);
  });

  test.each([
    ['section text over 3000', [section('x'.repeat(3001))], '/blocks/0/text/text'],
    [
      'header text over 150',
      [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      '/blocks/0/text/text',
    ],
    [
      'more than 10 fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }],
      '/blocks/0/fields',
    ],
    [
      'a field over 2000',
      [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }],
      '/blocks/0/fields/0/text',
    ],
    [
      'more than 25 actions elements',
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, index) => button('b', `a${index}`)) }],
      '/blocks/0/elements',
    ],
    [
      'button text over 75',
      [{ type: 'actions', elements: [button('b'.repeat(76))] }],
      '/blocks/0/elements/0/text/text',
    ],
    [
      'action_id over 255',
      [{ type: 'actions', elements: [button('ok', 'a'.repeat(256))] }],
      '/blocks/0/elements/0/action_id',
    ],
    ['block_id over 255', [{ type: 'divider', block_id: 'b'.repeat(256) }], '/blocks/0/block_id'],
  ])('%s is invalid_blocks', async (_name, blocks, pointer) => {
    const data = await rejection(
      clientFor(sandbox, workspace.botToken).chat.postMessage({ channel: 'C0GENERAL1', text: 't', blocks }),
    );
    expect(data.error).toBe('invalid_blocks');
    expect(data.response_metadata?.messages?.[0]).toContain(`[json-pointer:${pointer}]`);
  });

  test('the same limits apply to chat.update and chat.postEphemeral', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'ok' });
    const tooLong = [section('x'.repeat(3001))];
    expect(
      (await rejection(client.chat.update({ channel: 'C0GENERAL1', ts: posted.ts ?? '', blocks: tooLong }))).error,
    ).toBe('invalid_blocks');
    expect(
      (
        await rejection(
          client.chat.postEphemeral({ channel: 'C0GENERAL1', user: 'U0BOB00001', text: 't', blocks: tooLong }),
        )
      ).error,
    ).toBe('invalid_blocks');
  });

  test('property: any count of valid sections up to 50 passes, any count above fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.string({ minLength: 1, maxLength: 200 }), (count, text) => {
        const result = checkMessageBlocks(Array.from({ length: count }, () => section(text)));
        const tooMuchText = count * text.length > 12_000;
        if (count <= 50 && !tooMuchText) expect(result).toEqual({ ok: true });
        else expect(result.ok).toBe(false);
      }),
    );
  });
});

describe('views', () => {
  test('views.publish takes 100 blocks; 101 are invalid_arguments with response_metadata.messages', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const hundred = Array.from({ length: 100 }, () => ({ type: 'divider' }));
    await client.views.publish({ user_id: 'U0BOB00001', view: { type: 'home', blocks: hundred } });
    const data = await rejection(
      client.views.publish({
        user_id: 'U0BOB00001',
        view: { type: 'home', blocks: [...hundred, { type: 'divider' }] },
      }),
    );
    expect(data.error).toBe('invalid_arguments');
    expect(data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 101 items [json-pointer:/view/blocks]',
    ]);
    expect((sandbox.homeView('T0ACME0001', 'U0BOB00001') as { blocks: unknown[] }).blocks).toHaveLength(100);
  });

  test.each([
    ['title over 24', { title: { type: 'plain_text', text: 't'.repeat(25) } }, '/view/title/text'],
    ['submit over 24', { submit: { type: 'plain_text', text: 's'.repeat(25) } }, '/view/submit/text'],
    ['close over 24', { close: { type: 'plain_text', text: 'c'.repeat(25) } }, '/view/close/text'],
    ['private_metadata over 3000', { private_metadata: 'p'.repeat(3001) }, '/view/private_metadata'],
    ['callback_id over 255', { callback_id: 'c'.repeat(256) }, '/view/callback_id'],
  ])('modal %s is invalid_arguments from views.open', async (_name, overrides, pointer) => {
    const app = await captureServer();
    try {
      const { triggerId = '' } = await sandbox
        .driver({ appUrl: app.url, signingSecret: 'secret' })
        .command({ teamId: 'T0ACME0001', userId: 'U0ALICE001', channelId: 'C0GENERAL1', command: '/nudge', text: '' });
      const client = clientFor(sandbox, workspace.botToken);
      const data = await rejection(client.views.open({ trigger_id: triggerId, view: modal(overrides) as never }));
      expect(data.error).toBe('invalid_arguments');
      expect(data.response_metadata?.messages?.join('\n')).toContain(`[json-pointer:${pointer}]`);
      // A refused view does not use up the trigger.
      await client.views.open({ trigger_id: triggerId, view: modal() as never });
      expect(sandbox.openViews().filter((view) => view.triggerId === triggerId)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
