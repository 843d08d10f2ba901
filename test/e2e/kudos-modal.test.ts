import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { OpenView } from '../../src/sandbox/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0MODAL';

beforeAll(async () => {
  h = await startHarness({ label: 'modal', workspaces: [kudosWorkspace(teamId)] });
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await h.service.deps.db.deleteFrom('kudos_gifts').where('workspace_id', '=', teamId).execute();
});

async function openedModal(after: number): Promise<OpenView> {
  return await h.sandbox.waitFor(() =>
    h.sandbox
      .openViews()
      .find((v) => v.updatedAt >= after && v.view.callback_id === 'kudos_modal' && v.state === 'open'),
  );
}

function submission(view: OpenView, values: { users?: string[]; reason?: string; value?: string }) {
  return {
    type: 'view_submission',
    view: {
      id: view.id,
      callback_id: 'kudos_modal',
      private_metadata: view.view.private_metadata,
      state: {
        values: {
          kudos_recipients: { recipients: { type: 'multi_users_select', selected_users: values.users ?? [] } },
          kudos_reason: { reason: { type: 'plain_text_input', value: values.reason ?? null } },
          kudos_value: {
            value: {
              type: 'static_select',
              selected_option: values.value
                ? { value: values.value, text: { type: 'plain_text', text: values.value } }
                : null,
            },
          },
        },
      },
    },
  };
}

const gifts = () =>
  h.service.deps.db.selectFrom('kudos_gifts').selectAll().where('workspace_id', '=', teamId).execute();

describe('the Give kudos modal', () => {
  test('the global shortcut opens it; bad input is answered inline and records nothing', async () => {
    const started = Date.now();
    const opened = await h.driver.interaction({
      teamId,
      userId: 'U0GIVER',
      payload: { type: 'shortcut', callback_id: 'give_kudos' },
    });
    expect(opened.status).toBe(200);
    const view = await openedModal(started);
    expect(JSON.stringify(view.view.blocks)).toContain('#teamwork');

    const empty = await h.driver.interaction({
      teamId,
      userId: 'U0GIVER',
      payload: submission(view, { reason: 'for a great review of my PR' }),
    });
    expect(empty.json).toEqual({
      response_action: 'errors',
      errors: { kudos_recipients: 'Choose at least one person.' },
    });
    const short = await h.driver.interaction({
      teamId,
      userId: 'U0GIVER',
      payload: submission(view, { users: ['U0ALEX'], reason: 'ta' }),
    });
    expect(short.json).toMatchObject({
      response_action: 'errors',
      errors: { kudos_reason: expect.stringContaining('few words') },
    });
    const self = await h.driver.interaction({
      teamId,
      userId: 'U0GIVER',
      payload: submission(view, { users: ['U0GIVER'], reason: 'for being great all the time' }),
    });
    expect(self.json).toMatchObject({
      response_action: 'errors',
      errors: { kudos_recipients: expect.stringContaining('yourself') },
    });
    expect(await gifts()).toEqual([]);
  });

  test('a valid submission gives kudos once, even if submitted twice, and shows the allowance left', async () => {
    const started = Date.now();
    await h.driver.interaction({ teamId, userId: 'U0GIVER', payload: { type: 'shortcut', callback_id: 'give_kudos' } });
    const view = await openedModal(started);
    const payload = submission(view, {
      users: ['U0ALEX', 'U0BEA'],
      reason: 'for pairing on the <tricky> bug & fixing it',
      value: 'craft',
    });
    const first = await h.driver.interaction({ teamId, userId: 'U0GIVER', payload });
    expect(first.json).toMatchObject({ response_action: 'update', view: { title: { text: 'Kudos sent' } } });
    expect(JSON.stringify(first.json)).toContain('8 kudos of 10 left');
    await h.driver.interaction({ teamId, userId: 'U0GIVER', payload });
    const rows = await gifts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: 'modal',
      kudos_value: 'craft',
      reason: 'for pairing on the &lt;tricky&gt; bug &amp; fixing it',
    });
    // No channel of its own: the recipients still hear about it by DM.
    await h.sandbox.waitFor(
      () =>
        h.sandbox
          .callsTo('chat.postMessage')
          .filter((c) => c.status === 200 && String(c.args.text).includes('gave you kudos')).length === 2,
    );
  });

  test('the message shortcut prefills the author and celebrates in the message thread', async () => {
    const message = h.sandbox.addUserMessage({
      channelId: 'C0TEAM',
      userId: 'U0BEA',
      text: 'Here is the migration runbook',
    });
    const started = Date.now();
    await h.driver.interaction({
      teamId,
      userId: 'U0GIVER',
      payload: {
        type: 'message_action',
        callback_id: 'give_kudos_message',
        channel: { id: 'C0TEAM', name: 'team' },
        message: { type: 'message', user: 'U0BEA', ts: message.ts, text: message.text },
      },
    });
    const view = await openedModal(started);
    expect(JSON.stringify(view.view.blocks)).toContain('"initial_users":["U0BEA"]');
    await h.driver.interaction({
      teamId,
      userId: 'U0GIVER',
      payload: submission(view, { users: ['U0BEA'], reason: 'for writing the runbook everyone needed' }),
    });
    const gift = await eventually(async () => (await gifts())[0], 'gift');
    expect(gift).toMatchObject({ source: 'shortcut', channel_id: 'C0TEAM', source_ts: message.ts });
    await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0TEAM').find((m) => m.threadTs === message.ts && m.text.includes('gave kudos')),
    );
  });
});
