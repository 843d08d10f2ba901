import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenView, StoredMessage } from '../../src/sandbox/index.ts';
import { celebrationsWorkspace } from '../support/celebrations-workspace.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { submitOpenedView } from '../support/view-submission.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0SHIPS';

beforeAll(async () => {
  h = await startHarness({ label: 'cel-ship', workspaces: [celebrationsWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0KIRI');
});
afterAll(async () => {
  await h?.stop();
});

const db = () => h.service.deps.db;
const celebrations = () => db().selectFrom('celebrations').selectAll().where('workspace_id', '=', teamId).execute();

async function openModal(userId: string, channelId = 'C0SHIP'): Promise<OpenView> {
  const started = Date.now();
  const response = await h.driver.command({ teamId, userId, channelId, command: '/celebrate', text: '' });
  expect(response.status).toBe(200);
  return await h.sandbox.waitFor(() =>
    h.sandbox
      .openViews()
      .find((v) => v.updatedAt >= started && v.view.callback_id === 'celebration_modal' && v.userId === userId),
  );
}

function submission(
  view: OpenView,
  values: { title?: string; url?: string; contributors?: string[]; channel?: string | null },
) {
  return {
    type: 'view_submission',
    view: {
      id: view.id,
      callback_id: 'celebration_modal',
      state: {
        values: {
          celebration_title: { title: { type: 'plain_text_input', value: values.title ?? null } },
          celebration_url: { url: { type: 'url_text_input', value: values.url ?? null } },
          celebration_contributors: {
            contributors: { type: 'multi_users_select', selected_users: values.contributors ?? [] },
          },
          celebration_channel: {
            channel: { type: 'conversations_select', selected_conversation: values.channel ?? null },
          },
        },
      },
    },
  };
}

const postsIn = (channelId: string) =>
  h.sandbox.messages(channelId).filter((m) => m.source === 'chat.postMessage' && m.text.startsWith('Shipped:'));

function buttonsOf(post: StoredMessage): Array<{ action_id: string; value: string; text: { text: string } }> {
  const actions = post.blocks?.find((b) => (b as { type: string }).type === 'actions') as
    | { elements: Array<{ action_id: string; value: string; text: { text: string } }> }
    | undefined;
  return actions?.elements ?? [];
}

async function click(userId: string, post: StoredMessage, index: number) {
  const buttons = buttonsOf(post);
  const button = buttons[index] as { action_id: string; value: string };
  const started = Date.now();
  const response = await h.driver.interaction({
    teamId,
    userId,
    payload: {
      type: 'block_actions',
      container: { type: 'message', channel_id: post.channelId, message_ts: post.ts },
      actions: [{ type: 'button', block_id: 'celebration_kudos', action_id: button.action_id, value: button.value }],
    },
  });
  expect(response.status).toBe(200);
  return await h.sandbox.waitFor(() =>
    h.sandbox
      .openViews()
      .find((v) => v.updatedAt >= started && v.view.callback_id === 'kudos_modal' && v.userId === userId),
  );
}

describe('/celebrate and the celebration post', () => {
  test('bad submissions are answered inline, field by field, and record nothing', async () => {
    const view = await openModal('U0PM');
    expect(JSON.stringify(view.view.blocks)).toContain('"initial_conversation":"C0SHIP"');
    const answer = async (values: Parameters<typeof submission>[1]) =>
      (await h.driver.interaction({ teamId, userId: 'U0PM', payload: submission(view, values) })).json as {
        response_action: string;
        errors: Record<string, string>;
      };

    expect(await answer({ title: '  ', url: 'ftp://nope', contributors: [], channel: null })).toEqual({
      response_action: 'errors',
      errors: {
        celebration_title: 'Say what shipped in 1 to 150 characters.',
        celebration_url: 'Use a link that starts with https://',
        celebration_contributors: 'Choose at least one person who made it.',
        celebration_channel: 'Choose a channel to post in.',
      },
    });
    const base = { title: 'Checkout v2', contributors: ['U0DEV'] };
    expect((await answer({ ...base, channel: 'G0HIDDEN' })).errors).toEqual({
      celebration_channel: "Nudge can't see that channel. For a private channel, invite @Nudge first.",
    });
    expect((await answer({ ...base, channel: 'C0OLD' })).errors).toEqual({
      celebration_channel: 'That channel is archived.',
    });
    expect((await answer({ ...base, contributors: ['U0DEV', 'U0ROBOT'], channel: 'C0SHIP' })).errors).toEqual({
      celebration_contributors: 'Some Bot is a bot; celebrations name people.',
    });
    expect((await answer({ ...base, contributors: ['U0GONE'], channel: 'C0SHIP' })).errors).toEqual({
      celebration_contributors: 'Gone Person has left the workspace; celebrations name people.',
    });
    expect(await celebrations()).toEqual([]);
    expect(postsIn('C0SHIP')).toEqual([]);
  });

  test('a valid submission posts once, naming the team, with a kudos button each and a :tada: seeded', async () => {
    const view = await openModal('U0PM');
    const payload = submission(view, {
      title: 'Checkout <v2> & friends',
      url: 'https://shop.party.test/releases/2',
      contributors: ['U0DEV', 'U0OPS'],
      channel: 'C0SHIP',
    });
    const first = await h.driver.interaction({ teamId, userId: 'U0PM', payload });
    expect(first.json).toMatchObject({ response_action: 'update', view: { title: { text: 'Celebrating!' } } });
    await h.driver.interaction({ teamId, userId: 'U0PM', payload });

    const post = await h.sandbox.waitFor(() => postsIn('C0SHIP')[0]);
    expect(post.text).toBe('Shipped: Checkout &lt;v2&gt; &amp; friends by <@U0DEV> and <@U0OPS>');
    expect(JSON.stringify(post.blocks)).toContain(
      '<https://shop.party.test/releases/2|Checkout &lt;v2&gt; &amp; friends>',
    );
    expect(JSON.stringify(post.blocks)).toContain('Celebrated by <@U0PM>');
    const labels = buttonsOf(post).map((e) => e.text.text);
    expect(labels).toEqual(['Send kudos to Dev Eloper', 'Send kudos to Ops Person']);
    await h.sandbox.waitFor(() => postsIn('C0SHIP')[0]?.reactions.find((r) => r.name === 'tada' && r.count === 1));
    const rows = await eventually(async () => {
      const all = await celebrations();
      return all[0]?.posted_at ? all : undefined;
    }, 'posted celebration');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'modal', created_by: 'U0PM', post_ts: post.ts, channel_id: 'C0SHIP' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(postsIn('C0SHIP')).toHaveLength(1);
  });

  test('"Send kudos" opens the Give kudos modal pre-filled; the clicker edits and sends it, and it records once', async () => {
    const post = await h.sandbox.waitFor(() => postsIn('C0SHIP')[0]);
    const celebration = (await celebrations())[0]!;
    const kudosGifts = () => db().selectFrom('kudos_gifts').selectAll().where('workspace_id', '=', teamId).execute();

    const modal = await click('U0ADA', post, 0);
    const blocks = JSON.stringify(modal.view.blocks);
    expect(blocks).toContain('"initial_users":["U0DEV"]');
    expect(blocks).toContain('"initial_value":"for shipping “Checkout <v2> & friends”"');
    // One click gives nothing: the clicker has not said anything yet.
    expect(await kudosGifts()).toEqual([]);
    expect(postsIn('C0SHIP')).toHaveLength(1);

    const values = (users: string[], reason: string) => ({
      kudos_recipients: { recipients: { type: 'multi_users_select', selected_users: users } },
      kudos_reason: { reason: { type: 'plain_text_input', value: reason } },
      kudos_value: { value: { type: 'static_select', selected_option: null } },
    });
    const reason = 'for shipping “Checkout <v2> & friends” and the tidy rollout plan';
    for (let i = 0; i < 2; i += 1) {
      const answer = await submitOpenedView(h, {
        teamId,
        userId: 'U0ADA',
        view: modal,
        values: values(['U0DEV'], reason),
      });
      expect(answer).toMatchObject({ response_action: 'update' });
    }
    const gifts = await kudosGifts();
    expect(gifts).toHaveLength(1);
    expect(gifts[0]).toMatchObject({
      giver_id: 'U0ADA',
      source: 'button',
      reason: 'for shipping “Checkout &lt;v2&gt; &amp; friends” and the tidy rollout plan',
      channel_id: celebration.post_channel_id,
      source_ts: post.ts,
    });
    // The kudos is celebrated in the launch post's thread, like any kudos for a message.
    await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0SHIP').find((m) => m.threadTs === post.ts && m.text.includes('gave kudos to <@U0DEV>')),
    );

    // A contributor cannot thank themselves: the modal says so inline and records nothing.
    const own = await click('U0DEV', post, 0);
    const refused = await submitOpenedView(h, {
      teamId,
      userId: 'U0DEV',
      view: own,
      values: values(['U0DEV'], reason),
    });
    expect(refused).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(refused)).toContain("can't give kudos to yourself");
    expect(await kudosGifts()).toHaveLength(1);
  });

  test('/celebrate help, unknown subcommands, and the webhook secret for admins only', async () => {
    const command = async (userId: string, text: string) =>
      (await h.driver.command({ teamId, userId, channelId: 'C0SHIP', command: '/celebrate', text })).json as {
        response_type: string;
        text: string;
      };
    expect((await command('U0DEV', 'help')).text).toContain('/celebrate dates');
    const unknown = await command('U0DEV', 'party');
    expect(unknown).toMatchObject({ response_type: 'ephemeral' });
    expect(unknown.text).toContain("I don't know `/celebrate party`");
    expect((await command('U0DEV', 'secret')).text).toContain('Only Nudge admins');
    expect((await command('U0DEV', 'secret rotate')).text).toContain('Only Nudge admins');
    expect((await command('U0ADA', 'secret please')).text).toContain('takes nothing or `rotate`');

    const shown = await command('U0ADA', 'secret');
    const secret = /nudge_whsec_[A-Za-z0-9_-]+/.exec(shown.text)?.[0];
    expect(secret).toBeDefined();
    expect(shown.text).toContain(`/hooks/celebrate/${teamId}`);
    expect(/nudge_whsec_[A-Za-z0-9_-]+/.exec((await command('U0ADA', 'secret')).text)?.[0]).toBe(secret);
    const rotated = /nudge_whsec_[A-Za-z0-9_-]+/.exec((await command('U0ADA', 'secret rotate')).text)?.[0];
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(secret);
    const stored = await db()
      .selectFrom('celebration_settings')
      .select('webhook_secret_sealed')
      .where('workspace_id', '=', teamId)
      .executeTakeFirstOrThrow();
    expect(stored.webhook_secret_sealed).not.toContain(rotated as string);
    expect(h.logs.text()).not.toContain(secret as string);
    expect(h.logs.text()).not.toContain(rotated as string);
  });
});
