import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordedCall } from '../../src/sandbox/index.ts';
import { runCoffee } from '../support/coffee-command.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { eventually, sleep } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0COFFEE';

beforeAll(async () => {
  h = await startHarness({ label: 'coffee', workspaces: [pairingWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0IDA');
});
afterAll(async () => {
  await h?.stop();
});

const coffee = (text: string, userId: string, channelId = 'C0COFFEE') =>
  runCoffee(h, { teamId, userId, channelId, text });

const introCalls = (): RecordedCall[] =>
  h.sandbox
    .callsTo('chat.postMessage')
    .filter((c) => c.status === 200 && JSON.stringify(c.args.metadata ?? {}).includes('pairing.intro.'));

/** Intros of one round only: the rounds of other tests in this file may still be delivering theirs. */
const introCallsOf = (groups: Array<{ id: string }>): RecordedCall[] =>
  introCalls().filter((c) => groups.some((g) => JSON.stringify(c.args.metadata).includes(g.id)));

async function roundFor(channelId: string) {
  return await eventually(async () => {
    const row = await h.service.deps.db
      .selectFrom('rounds as r')
      .innerJoin('programmes as p', 'p.id', 'r.programme_id')
      .select(['r.id', 'r.status', 'r.number'])
      .where('p.channel_id', '=', channelId)
      .executeTakeFirst();
    return row;
  }, `round in ${channelId}`);
}

async function groupsOf(roundId: string) {
  return await h.service.deps.db.selectFrom('round_groups').selectAll().where('round_id', '=', roundId).execute();
}

describe('a coffee round', () => {
  test('only admins or the channel creator can start or run a programme', async () => {
    expect(await coffee('start coffee', 'U0BEN')).toContain('Only Nudge admins');
    expect(await coffee('status', 'U0BEN')).toContain('no coffee programme');
    expect(await coffee('start coffee', 'U0ADA')).toContain('Started a coffee programme');
    expect(await coffee('start coffee', 'U0ADA')).toContain('already has a programme');
    expect(await coffee('run', 'U0BEN')).toContain('Only Nudge admins');
  });

  test('pause, skip and block are honoured; bots and deactivated people are never matched; the odd one is placed', async () => {
    expect(await coffee('pause', 'U0HAL')).toContain('Paused');
    expect(await coffee('skip', 'U0IDA')).toContain('sit out the next round');
    expect(await coffee('block <@U0CAT|cat>', 'U0BEN')).toContain('never pair you with <@U0CAT>');
    expect(await coffee('run', 'U0ADA')).toContain('Pairing now');

    const round = await roundFor('C0COFFEE');
    const groups = await groupsOf(round.id);
    await h.sandbox.waitFor(() => introCallsOf(groups).length === groups.length, {
      description: 'every intro',
      timeoutMs: 20_000,
    });
    const placed = groups.flatMap((g) => g.members).sort();
    // Nine humans: Hal paused, Ida skipping; seven left, so one trio and two pairs.
    expect(placed).toEqual(['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN', 'U0EVE', 'U0FAY', 'U0GUS']);
    expect(groups.map((g) => g.members.length).sort()).toEqual([2, 2, 3]);
    expect(groups.some((g) => g.members.includes('U0BEN') && g.members.includes('U0CAT'))).toBe(false);
    for (const group of groups) {
      const intro = introCallsOf([group]);
      expect(intro).toHaveLength(1);
      expect(String(intro[0]!.args.text)).toContain('Why you:');
    }
    await eventually(async () => ((await roundFor('C0COFFEE')).status === 'delivered' ? true : undefined), 'delivered');
  });

  test('a second run the same day sends nothing new', async () => {
    const before = introCalls().length;
    expect(await coffee('run', 'U0ADA')).toMatch(/^Today’s round already ran at \d\d:\d\d your time \(3 groups\)/);
    await sleep(1_000);
    expect(introCalls().length).toBe(before);
    const rounds = await h.service.deps.db.selectFrom('rounds').select('id').execute();
    expect(rounds).toHaveLength(1);
  });

  test('check-in buttons record answers, and the close post reports the met rate', async () => {
    const round = await roundFor('C0COFFEE');
    await h.service.deps.queues.runNow('pairing.checkin', { workspaceId: teamId, roundId: round.id });
    const groups = await groupsOf(round.id);
    const checkins = await h.sandbox.waitFor(
      () => {
        const calls = h.sandbox
          .callsTo('chat.postMessage')
          .filter((c) => c.status === 200 && String(c.args.text).includes('Did you get a chance to meet?'));
        return calls.length === groups.length ? calls : undefined;
      },
      { timeoutMs: 20_000 },
    );
    const group = groups[0]!;
    const message = h.sandbox
      .messages(group.conversation_id!)
      .find((m) => m.text.includes('Did you get a chance to meet?'))!;
    expect(checkins.some((c) => c.args.channel === group.conversation_id)).toBe(true);
    const clicked = await h.driver.interaction({
      teamId,
      userId: group.members[0]!,
      payload: {
        type: 'block_actions',
        channel: { id: group.conversation_id },
        message: { ts: message.ts, text: message.text },
        actions: [
          { action_id: 'pairing_checkin_met', block_id: 'pairing_checkin', type: 'button', value: `${group.id}|met` },
        ],
      },
    });
    expect(clicked.status).toBe(200);
    await eventually(
      async () =>
        h.service.deps.db.selectFrom('round_checkins').selectAll().where('group_id', '=', group.id).executeTakeFirst(),
      'check-in row',
    );
    await h.sandbox.waitFor(
      () =>
        h.sandbox
          .responseUrlPosts()
          .find((p) => p.userId === group.members[0] && JSON.stringify(p.body).includes('Noted: you met')),
      { timeoutMs: 20_000 },
    );
    // Someone outside the group cannot answer for it.
    const outsider = ['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN', 'U0EVE', 'U0FAY', 'U0GUS'].find(
      (u) => !group.members.includes(u),
    )!;
    await h.driver.interaction({
      teamId,
      userId: outsider,
      payload: {
        type: 'block_actions',
        channel: { id: group.conversation_id },
        actions: [{ action_id: 'pairing_checkin_not_this_time', type: 'button', value: `${group.id}|not_this_time` }],
      },
    });
    await sleep(300);
    expect(
      await h.service.deps.db.selectFrom('round_checkins').selectAll().where('group_id', '=', group.id).execute(),
    ).toHaveLength(1);

    await h.service.deps.queues.runNow('pairing.close', { workspaceId: teamId, roundId: round.id });
    const close = await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0COFFEE').find((m) => m.text.includes('Round 1 is done')),
    );
    expect(close.text).toContain('3 groups, 33% met');
    expect(await coffee('status', 'U0DAN')).toMatch(/Next round: \*\w+day/);
  });

  test('cross-team intros only pair people from different teams', async () => {
    const teams: Record<string, string> = {
      U0ADA: 'Core',
      U0BEN: 'Core',
      U0CAT: 'Design',
      U0DAN: 'Design',
      U0EVE: 'Sales',
      U0FAY: 'Sales',
    };
    for (const [userId, team] of Object.entries(teams)) {
      await h.service.deps.db
        .updateTable('members')
        .set({ team })
        .where('workspace_id', '=', teamId)
        .where('user_id', '=', userId)
        .execute();
    }
    expect(await coffee('start cross-team', 'U0ADA', 'C0XTEAM')).toContain('Started a cross team programme');
    await coffee('run', 'U0ADA', 'C0XTEAM');
    const round = await roundFor('C0XTEAM');
    const groups = await groupsOf(round.id);
    expect(groups.length).toBe(3);
    for (const group of groups) expect(new Set(group.members.map((m) => teams[m])).size).toBe(group.members.length);
  });

  test('the exec lottery draws one guest for the host and tells everyone else why not', async () => {
    expect(await coffee('start lottery <@U0ADA|ada>', 'U0ADA', 'C0EXEC')).toContain(
      'Started an exec lottery programme',
    );
    await coffee('run', 'U0ADA', 'C0EXEC');
    const round = await roundFor('C0EXEC');
    const groups = await groupsOf(round.id);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.members).toContain('U0ADA');
    expect(groups[0]!.members).toHaveLength(2);
    const notDrawn = ['U0BEN', 'U0CAT', 'U0DAN', 'U0EVE'].filter((u) => !groups[0]!.members.includes(u));
    await h.sandbox.waitFor(
      () => {
        const notices = h.sandbox
          .callsTo('chat.postMessage')
          .filter(
            (c) => c.status === 200 && String(c.args.text).includes('No pairing for you this round in <#C0EXEC>'),
          );
        return notices.length === notDrawn.length;
      },
      { description: 'unmatched notices', timeoutMs: 20_000 },
    );
  });

  test('approval mode: nothing is sent until an admin approves the preview', async () => {
    expect(await coffee('start coffee', 'U0ADA', 'C0REVIEW')).toContain('Started');
    await h.service.deps.db
      .updateTable('programmes')
      .set({ approval_required: true })
      .where('channel_id', '=', 'C0REVIEW')
      .execute();
    await coffee('run', 'U0ADA', 'C0REVIEW');
    const round = await roundFor('C0REVIEW');
    expect(round.status).toBe('awaiting_approval');
    const groups = await groupsOf(round.id);
    expect(groups).toHaveLength(2);
    const preview = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .callsTo('chat.postMessage')
          .find((c) => c.status === 200 && String(c.args.text).includes('Round preview for <#C0REVIEW>')),
      { timeoutMs: 20_000 },
    );
    await sleep(500);
    expect(introCallsOf(groups)).toHaveLength(0);
    const approve = {
      type: 'block_actions',
      channel: { id: preview.args.channel },
      actions: [{ action_id: 'pairing_approve', type: 'button', value: round.id }],
    };
    // A non-admin who is not the programme's creator cannot approve.
    await h.driver.interaction({ teamId, userId: 'U0BEN', payload: approve });
    await h.sandbox.waitFor(
      () =>
        h.sandbox
          .responseUrlPosts()
          .find((p) => p.userId === 'U0BEN' && JSON.stringify(p.body).includes('Only Nudge admins')),
      { timeoutMs: 20_000 },
    );
    expect((await roundFor('C0REVIEW')).status).toBe('awaiting_approval');
    await h.driver.interaction({ teamId, userId: 'U0ADA', payload: approve });
    await h.sandbox.waitFor(() => introCallsOf(groups).length === groups.length, {
      description: 'approved intros',
      timeoutMs: 20_000,
    });
    await sleep(300);
    expect(introCallsOf(groups)).toHaveLength(groups.length);
  });

  test("App Home shows each programme, the person's own state and, for admins, the round's progress", async () => {
    const opened = Date.now();
    await h.driver.event({ teamId, event: { type: 'app_home_opened', user: 'U0ADA', tab: 'home' } });
    await h.driver.event({ teamId, event: { type: 'app_home_opened', user: 'U0HAL', tab: 'home' } });
    const viewFor = (userId: string) =>
      h.sandbox.waitFor(
        () => {
          const call = h.sandbox
            .callsTo('views.publish')
            .find((c) => c.at >= opened && c.args.user_id === userId && c.status === 200);
          return call && JSON.stringify(call.args.view);
        },
        { timeoutMs: 20_000 },
      );
    const admin = await viewFor('U0ADA');
    expect(admin).toMatch(/<#C0COFFEE> — coffee, every Monday: you take part\\n {3}Round 1: 3 of 3 intros sent/);
    const paused = await viewFor('U0HAL');
    expect(paused).toContain('<#C0COFFEE> — coffee, every Monday: you are paused');
    expect(paused).not.toContain('intros sent');
  });

  test('programme settings: refused for non-managers on every path, checked field by field, saved for managers', async () => {
    expect(await coffee('settings', 'U0BEN')).toContain('Only Nudge admins or the channel’s creator');
    const started = Date.now();
    const opened = await h.driver.command({
      teamId,
      userId: 'U0ADA',
      channelId: 'C0COFFEE',
      command: '/coffee',
      text: 'settings',
    });
    expect(opened.status).toBe(200);
    const view = await h.sandbox.waitFor(
      () => h.sandbox.openViews().find((v) => v.updatedAt >= started && v.view.callback_id === 'coffee_settings'),
      { timeoutMs: 20_000 },
    );
    const submit = (userId: string, overrides: Record<string, unknown> = {}) =>
      h.driver.interaction({
        teamId,
        userId,
        payload: {
          type: 'view_submission',
          view: {
            id: view.id,
            callback_id: 'coffee_settings',
            private_metadata: view.view.private_metadata,
            state: {
              values: {
                coffee_frequency: { frequency: { selected_option: { value: 'biweekly' } } },
                coffee_weekday: { weekday: { selected_option: { value: '3' } } },
                coffee_send_hour: { sendHour: { selected_option: { value: '11' } } },
                coffee_group_size: { groupSize: { selected_option: { value: '3' } } },
                coffee_cooldown: { cooldownWeeks: { value: '12' } },
                coffee_team_source: { teamSource: { selected_option: { value: 'title' } } },
                coffee_department_source: { departmentSource: { selected_option: { value: 'directory' } } },
                coffee_approval: { approvalRequired: { selected_options: [] } },
                coffee_paused: { paused: { selected_options: [] } },
                ...overrides,
              },
            },
          },
        },
      });
    const broken = await h.driver.interaction({
      teamId,
      userId: 'U0ADA',
      payload: {
        type: 'view_submission',
        view: { id: view.id, callback_id: 'coffee_settings', private_metadata: 'null', state: { values: {} } },
      },
    });
    expect(broken.json).toMatchObject({ response_action: 'errors' });
    const forged = await submit('U0BEN');
    expect(forged.json).toMatchObject({
      response_action: 'errors',
      errors: { coffee_frequency: expect.stringContaining('Only Nudge admins') },
    });
    const bad = await submit('U0ADA', {
      coffee_cooldown: { cooldownWeeks: { value: '99' } },
      coffee_group_size: { groupSize: { selected_option: { value: '9' } } },
    });
    expect(bad.json).toMatchObject({
      response_action: 'errors',
      errors: { coffee_cooldown: expect.any(String), coffee_group_size: expect.any(String) },
    });
    const before = await h.service.deps.db
      .selectFrom('programmes')
      .selectAll()
      .where('channel_id', '=', 'C0COFFEE')
      .executeTakeFirstOrThrow();
    expect(before).toMatchObject({ frequency: 'weekly', group_size: 2 });
    const saved = await submit('U0ADA');
    expect(saved.status).toBe(200);
    const after = await h.service.deps.db
      .selectFrom('programmes')
      .selectAll()
      .where('channel_id', '=', 'C0COFFEE')
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      frequency: 'biweekly',
      weekday: 3,
      send_hour: 11,
      group_size: 3,
      cooldown_weeks: 12,
      team_source: 'title',
    });
  });
});
