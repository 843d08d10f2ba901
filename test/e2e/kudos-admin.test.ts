import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { zonedParts, zonedTimeToInstant } from '../../src/domain/time/zoned-time.ts';
import { commandAnswer, type OpenView } from '../../src/sandbox/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually, sleep } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0ADMIN';

beforeAll(async () => {
  h = await startHarness({ label: 'admin', workspaces: [kudosWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0ADMIN');
});
afterAll(async () => {
  await h?.stop();
});

const settingsView = (after: number) =>
  h.sandbox.waitFor(() =>
    h.sandbox.openViews().find((v) => v.updatedAt >= after && v.view.callback_id === 'nudge_settings'),
  );

function settingsSubmission(view: OpenView, overrides: Record<string, unknown> = {}) {
  const field = (block: string, action: string, value: unknown) => ({ [block]: { [action]: value } });
  const values = {
    ...field('settings_time_zone', 'timeZone', { value: 'Europe/Berlin' }),
    ...field('settings_allowance', 'allowance', { value: '5' }),
    ...field('settings_allowance_period', 'allowancePeriod', { selected_option: { value: 'week' } }),
    ...field('settings_pair_cap', 'pairCap', { value: '2' }),
    ...field('settings_emoji', 'emoji', { value: ':raised_hands:' }),
    ...field('settings_values', 'values', { value: '#teamwork, craft, customer-love' }),
    ...field('settings_kudos_channel', 'kudosChannelId', { selected_conversation: 'C0KUDOS' }),
    ...field('settings_prompt_channels', 'promptChannelIds', { selected_conversations: ['C0TEAM'] }),
    ...field('settings_prompt_weekday', 'promptWeekday', { selected_option: { value: '5' } }),
    ...field('settings_prompt_hour', 'promptHour', { selected_option: { value: '15' } }),
    ...field('settings_digest', 'digestEnabled', { selected_options: [{ value: 'on' }] }),
    ...field('settings_admins', 'adminUserIds', { selected_users: [] }),
    ...overrides,
  };
  return { type: 'view_submission', view: { id: view.id, callback_id: 'nudge_settings', state: { values } } };
}

describe('admin settings', () => {
  test('/nudge settings is refused for non-admins, on the server', async () => {
    const response = await h.driver.command({
      teamId,
      userId: 'U0GIVER',
      channelId: 'C0TEAM',
      command: '/nudge',
      text: 'settings',
    });
    expect((response.json as { text: string }).text).toContain('Only Nudge admins');
    expect(h.sandbox.openViews().filter((v) => v.view.callback_id === 'nudge_settings')).toEqual([]);
  });

  test('the Home settings button shows non-admins a refusal instead of the form', async () => {
    const started = Date.now();
    await h.driver.interaction({
      teamId,
      userId: 'U0GIVER',
      payload: { type: 'block_actions', actions: [{ action_id: 'nudge_open_settings', type: 'button' }] },
    });
    const view = await h.sandbox.waitFor(() => h.sandbox.openViews().find((v) => v.updatedAt >= started));
    expect(JSON.stringify(view.view)).toContain('Only Nudge admins');
  });

  test('admins get the form; bad values are answered inline; a forged submission by a non-admin changes nothing', async () => {
    const started = Date.now();
    const response = await h.driver.command({
      teamId,
      userId: 'U0ADMIN',
      channelId: 'C0TEAM',
      command: '/nudge',
      text: 'settings',
    });
    expect(response.status).toBe(200);
    const view = await settingsView(started);
    const bad = await h.driver.interaction({
      teamId,
      userId: 'U0ADMIN',
      payload: settingsSubmission(view, {
        settings_time_zone: { timeZone: { value: 'Mars/Olympus' } },
        settings_allowance: { allowance: { value: '0' } },
      }),
    });
    expect(bad.json).toMatchObject({
      response_action: 'errors',
      errors: { settings_time_zone: expect.stringContaining('IANA'), settings_allowance: expect.any(String) },
    });
    const forged = await h.driver.interaction({ teamId, userId: 'U0GIVER', payload: settingsSubmission(view) });
    expect(forged.json).toMatchObject({
      response_action: 'errors',
      errors: { settings_time_zone: expect.stringContaining('Only Nudge admins') },
    });
    expect(
      await h.service.deps.db.selectFrom('kudos_settings').selectAll().where('workspace_id', '=', teamId).execute(),
    ).toEqual([]);
  });

  test('saved settings schedule the weekly prompt at Friday 15:00 in the workspace time zone, and it works', async () => {
    const started = Date.now();
    await h.driver.command({ teamId, userId: 'U0ADMIN', channelId: 'C0TEAM', command: '/nudge', text: 'settings' });
    const view = await settingsView(started);
    const saved = await h.driver.interaction({ teamId, userId: 'U0ADMIN', payload: settingsSubmission(view) });
    expect(saved.status).toBe(200);
    expect(saved.body).toBe('');
    const settings = await h.service.deps.db
      .selectFrom('kudos_settings')
      .selectAll()
      .where('workspace_id', '=', teamId)
      .executeTakeFirstOrThrow();
    expect(settings).toMatchObject({
      allowance: 5,
      pair_cap: 2,
      emoji: 'raised_hands',
      kudos_values: ['teamwork', 'craft', 'customer-love'],
    });

    const queue = h.service.deps.queues.queue('nudge-messages');
    const scheduler = await eventually(
      async () => (await queue.getJobScheduler(`ws.${teamId}.kudos.prompt`)) ?? undefined,
      'prompt scheduler',
    );
    expect(scheduler).toMatchObject({ pattern: '0 15 * * 5', tz: 'Europe/Berlin' });
    const next = new Date(Number(scheduler.next));
    const local = zonedParts(next, 'Europe/Berlin');
    expect({ weekday: local.weekday, hour: local.hour, minute: local.minute }).toEqual({
      weekday: 5,
      hour: 15,
      minute: 0,
    });
    expect(next.getTime()).toBe(zonedTimeToInstant(local, 'Europe/Berlin').getTime());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
    // The reconcile upserts schedulers one after another: the digest may land a moment after the prompt.
    expect(
      await eventually(async () => (await queue.getJobScheduler(`ws.${teamId}.kudos.digest`)) ?? undefined, 'digest'),
    ).toMatchObject({ pattern: '0 9 1 * *', tz: 'Europe/Berlin' });

    // Fire it now: the post appears once, and its button opens the kudos modal.
    await h.service.deps.queues.enqueue('kudos.prompt', { workspaceId: teamId });
    await h.service.deps.queues.enqueue('kudos.prompt', { workspaceId: teamId });
    const prompt = await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0TEAM').find((m) => m.text.includes('Who helped you this week?')),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.sandbox.messages('C0TEAM').filter((m) => m.text.includes('Who helped you this week?'))).toHaveLength(1);
    const clicked = Date.now();
    await h.driver.interaction({
      teamId,
      userId: 'U0BEA',
      payload: {
        type: 'block_actions',
        channel: { id: 'C0TEAM' },
        message: { ts: prompt.ts, text: prompt.text },
        actions: [{ action_id: 'kudos_open_modal', type: 'button' }],
      },
    });
    await h.sandbox.waitFor(() =>
      h.sandbox.openViews().find((v) => v.updatedAt >= clicked && v.view.callback_id === 'kudos_modal'),
    );
  });

  test("the monthly digest sums up last month's kudos in the kudos channel, once", async () => {
    const lastMonth = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    const inPreviousMonth = zonedTimeToInstant(
      { ...zonedParts(new Date(Date.now()), 'Europe/Berlin'), day: 1, hour: 0, minute: 0 },
      'Europe/Berlin',
    );
    const when = new Date(Math.max(lastMonth.getTime(), inPreviousMonth.getTime() - 5 * 24 * 3600 * 1000));
    for (const [giverId, recipientId] of [
      ['U0GIVER', 'U0ALEX'],
      ['U0ALEX', 'U0BEA'],
    ] as const) {
      const result = await giveKudos(h.service.deps.db, {
        workspaceId: teamId,
        giverId,
        recipientIds: [recipientId],
        reason: 'for last month',
        tags: ['craft'],
        channelId: null,
        source: 'command',
        requestKey: `seed-${giverId}`,
        messageLink: null,
        now: when,
      });
      expect(result.ok).toBe(true);
    }
    await h.service.deps.queues.enqueue('kudos.digest', { workspaceId: teamId });
    await h.service.deps.queues.enqueue('kudos.digest', { workspaceId: teamId });
    const digest = await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0KUDOS').find((m) => m.text.includes('Kudos in')),
    );
    expect(digest.text).toContain('2 kudos from 2 people');
    expect(digest.text).toContain('#craft (2)');
    expect(digest.text).toContain('2 pairs thanked each other for the first time');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.sandbox.messages('C0KUDOS').filter((m) => m.text.includes('Kudos in'))).toHaveLength(1);
  });

  test('App Home shows kudos stats, and admins see reciprocity flags', async () => {
    for (let i = 0; i < 2; i += 1) {
      for (const [giverId, recipientId] of [
        ['U0P01', 'U0P02'],
        ['U0P02', 'U0P01'],
      ] as const) {
        const response = await h.driver.command({
          teamId,
          userId: giverId,
          channelId: 'C0TEAM',
          command: '/kudos',
          text: `<@${recipientId}> for round ${i} of helping me out`,
        });
        expect((await commandAnswer(h.sandbox, response)).text).toContain('Kudos sent');
      }
    }
    const seeded = await h.service.deps.db
      .selectFrom('kudos')
      .select('id')
      .where('workspace_id', '=', teamId)
      .where('giver_id', 'in', ['U0P01', 'U0P02'])
      .execute();
    expect(seeded).toHaveLength(4);
    // A third round each way crosses the threshold (pair cap is 2 a week now, so seed it a week back).
    for (const [giverId, recipientId] of [
      ['U0P01', 'U0P02'],
      ['U0P02', 'U0P01'],
    ] as const) {
      await giveKudos(h.service.deps.db, {
        workspaceId: teamId,
        giverId,
        recipientIds: [recipientId],
        reason: 'for helping last week',
        tags: [],
        channelId: null,
        source: 'command',
        requestKey: `recip-${giverId}`,
        messageLink: null,
        now: new Date(Date.now() - 8 * 24 * 3600 * 1000),
      });
    }
    const opened = Date.now();
    await h.driver.event({ teamId, event: { type: 'app_home_opened', user: 'U0ADMIN', tab: 'home' } });
    await h.driver.event({ teamId, event: { type: 'app_home_opened', user: 'U0P02', tab: 'home' } });
    const publishedFor = (userId: string) =>
      h.sandbox.waitFor(() => {
        const call = h.sandbox
          .callsTo('views.publish')
          .find((c) => c.at >= opened && c.args.user_id === userId && c.status === 200);
        return call && JSON.stringify(call.args.view);
      });
    const admin = await publishedFor('U0ADMIN');
    expect(admin).toMatch(/<@U0P01> → <@U0P02> 3, back 3/);
    const member = await publishedFor('U0P02');
    expect(member).toContain('2 this week');
    expect(member).toContain('Latest kudos to you');
    expect(member).not.toContain('Reciprocity');
  });
  test('a new kudos emoji applies to the very next reaction, and the old one stops giving', async () => {
    const react = (userId: string, author: string, reaction: string) => {
      const message = h.sandbox.addUserMessage({ channelId: 'C0TEAM', userId: author, text: `update for ${reaction}` });
      return h.driver
        .event({
          teamId,
          event: {
            type: 'reaction_added',
            user: userId,
            reaction,
            item_user: author,
            item: { type: 'message', channel: 'C0TEAM', ts: message.ts },
            event_ts: `${Date.now() / 1000}`,
          },
        })
        .then(() => message.ts);
    };
    const giftFor = (ts: string) =>
      h.service.deps.db
        .selectFrom('kudos_gifts')
        .select('id')
        .where('workspace_id', '=', teamId)
        .where('source_ts', '=', ts)
        .executeTakeFirst();
    // The web process now knows the current emoji (raised_hands, saved above).
    const before = await react('U0P05', 'U0P06', 'raised_hands');
    await eventually(() => giftFor(before), 'a kudos with the current emoji');

    const started = Date.now();
    await h.driver.command({ teamId, userId: 'U0ADMIN', channelId: 'C0TEAM', command: '/nudge', text: 'settings' });
    const view = await settingsView(started);
    const emoji = { settings_emoji: { emoji: { value: ':tada:' } } };
    const saved = await h.driver.interaction({ teamId, userId: 'U0ADMIN', payload: settingsSubmission(view, emoji) });
    expect(saved.status).toBe(200);

    const withNew = await react('U0P07', 'U0P08', 'tada');
    const withOld = await react('U0P09', 'U0P10', 'raised_hands');
    await eventually(() => giftFor(withNew), 'a kudos with the new emoji at once');
    await sleep(300);
    expect(await giftFor(withOld)).toBeUndefined();
  });
});
