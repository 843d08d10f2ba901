import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordedCall, UserSpec, WorkspaceSpec } from '../../src/sandbox/index.ts';
import { runCoffee } from '../support/coffee-command.ts';
import { waitForDeliveredRound } from '../support/delivered-round.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { sleep } from '../support/wait.ts';

/**
 * What people can trust about coffee pairings: a block is never told, not even by a count in a tiny channel;
 * `/coffee run`, `status`, `pause` and `skip` say what really happens; and a group sees each other's check-in.
 */

const teamId = 'T0TRUST';
const person = (id: string, extra: Partial<UserSpec> = {}): UserSpec => ({
  id,
  name: id.slice(2).toLowerCase(),
  realName: id.slice(2),
  tz: 'UTC',
  title: 'Engineer',
  ...extra,
});
const workspace: WorkspaceSpec = {
  teamId,
  name: 'Trust Co',
  users: [
    person('U0ANA', { isAdmin: true }),
    ...['U0BEN', 'U0CAT', 'U0DEE', 'U0EDD', 'U0FLO', 'U0GIL'].map((id) => person(id)),
  ],
  channels: [
    // Three people, one of whom blocked another: whoever is left out must not learn it, nor anyone else.
    { id: 'C0TRIO', name: 'trio', members: ['U0ANA', 'U0BEN', 'U0CAT'], botIsMember: true },
    { id: 'C0TRIOREV', name: 'trio-reviewed', members: ['U0ANA', 'U0BEN', 'U0CAT'], botIsMember: true },
    { id: 'C0FOUR', name: 'four', members: ['U0ANA', 'U0DEE', 'U0EDD', 'U0FLO', 'U0GIL'], botIsMember: true },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ label: 'coffee-trust', workspaces: [workspace] });
  await waitForMember(h.service.deps.db, teamId, 'U0GIL');
});
afterAll(async () => {
  await h?.stop();
});

const db = () => h.service.deps.db;
const coffee = (text: string, userId: string, channelId: string) => runCoffee(h, { teamId, userId, channelId, text });

async function programmeIn(channelId: string) {
  return await db()
    .selectFrom('programmes')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirstOrThrow();
}

/** The words a person can read in a message, view or reply: top-level and Block Kit `text` values, not ids or keys. */
function visibleText(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(visibleText);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'text' && typeof inner === 'string' ? [inner] : visibleText(inner),
  );
}

/** Everything Nudge showed anyone in this workspace: posts, updates, Home tabs, replies, and the acks collected. */
function everythingShown(acks: string[]): string {
  const calls = [
    ...h.sandbox.callsTo('chat.postMessage', { teamId }),
    ...h.sandbox.callsTo('chat.postEphemeral', { teamId }),
    ...h.sandbox.callsTo('chat.update', { teamId }),
    ...h.sandbox.callsTo('views.publish', { teamId }),
    ...h.sandbox.callsTo('views.open', { teamId }),
  ].filter((c) => c.status === 200);
  const replies = h.sandbox.responseUrlPosts().filter((p) => p.teamId === teamId);
  return [...calls.flatMap((c) => visibleText(c.args)), ...replies.flatMap((p) => visibleText(p.body)), ...acks].join(
    '\n',
  );
}

/** Opens the person's Home tab and returns what it shows. */
async function openHome(userId: string): Promise<string> {
  const opened = Date.now();
  await h.driver.event({ teamId, event: { type: 'app_home_opened', user: userId, tab: 'home' } });
  const call = await h.sandbox.waitFor(
    () =>
      h.sandbox
        .callsTo('views.publish', { teamId })
        .find((c) => c.at >= opened && c.args.user_id === userId && c.status === 200),
    { timeoutMs: 20_000, description: `Home for ${userId}` },
  );
  return visibleText(call.args.view).join('\n');
}

const checkinPosts = (channel: string): RecordedCall[] =>
  h.sandbox
    .callsTo('chat.postMessage', { teamId })
    .filter((c) => c.status === 200 && c.args.channel === channel && String(c.args.text).includes('Did you get'));

async function clickCheckin(userId: string, groupId: string, channel: string, ts: string, answer: string) {
  const response = await h.driver.interaction({
    teamId,
    userId,
    payload: {
      type: 'block_actions',
      channel: { id: channel },
      message: { ts, text: 'Did you get a chance to meet?' },
      actions: [
        {
          action_id: `pairing_checkin_${answer}`,
          block_id: 'pairing_checkin',
          type: 'button',
          value: `${groupId}|${answer}`,
        },
      ],
    },
  });
  expect(response.status).toBe(200);
}

const isoWeekday = (date: Date) => date.getUTCDay() || 7;
const inUtc = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);

describe('blocks stay confidential on every surface', () => {
  const acks: string[] = [];
  let leftOut = '';
  let pair: { id: string; members: string[]; conversation_id: string | null } | undefined;

  test('the person left out of a three-person round hears a neutral, true reason; nobody hears of the block', async () => {
    acks.push(await coffee('start coffee', 'U0ANA', 'C0TRIO'));
    acks.push(await coffee('block <@U0CAT|cat>', 'U0BEN', 'C0TRIO'));
    acks.push(await coffee('run', 'U0ANA', 'C0TRIO'));
    const programme = await programmeIn('C0TRIO');
    const { round, groups } = await waitForDeliveredRound(
      db(),
      { workspaceId: teamId, programmeId: programme.id },
      30_000,
    );
    // No trio (Ben blocked Cat), so one pair and one person out: Ben or Cat.
    expect(groups).toHaveLength(1);
    pair = groups[0]!;
    leftOut = ['U0BEN', 'U0CAT'].find((u) => !pair!.members.includes(u))!;
    const notice = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .callsTo('chat.postMessage', { teamId })
          .find((c) => c.status === 200 && String(c.args.text).includes('No pairing for you this round in <#C0TRIO>')),
      { timeoutMs: 20_000, description: 'the unmatched notice' },
    );
    const dm = (notice.response as { channel: string }).channel;
    const opened = h.sandbox
      .callsTo('conversations.open', { teamId })
      .find((c) => (c.response as { channel?: { id?: string } }).channel?.id === dm);
    expect(opened?.args.users).toBe(leftOut);
    expect(String(notice.args.text)).toContain('an odd number of people took part this round');

    // The approver's preview of the same three people counts groups only ("1 group"), never who is left out.
    acks.push(await coffee('start coffee', 'U0ANA', 'C0TRIOREV'));
    await db()
      .updateTable('programmes')
      .set({ approval_required: true })
      .where('channel_id', '=', 'C0TRIOREV')
      .execute();
    acks.push(await coffee('run', 'U0ANA', 'C0TRIOREV'));
    const preview = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .callsTo('chat.postMessage', { teamId })
          .find((c) => c.status === 200 && String(c.args.text).includes('Round preview for <#C0TRIOREV>')),
      { timeoutMs: 20_000 },
    );
    expect(String(preview.args.text)).toContain('<#C0TRIOREV>: 1 group.');
    expect(JSON.stringify(preview.args)).not.toMatch(/unmatched|left out|without a group/i);

    // App Home for the person left out, the blocked/blocking pair and the admin.
    for (const userId of ['U0ANA', 'U0BEN', 'U0CAT']) acks.push(await openHome(userId));
    acks.push(await coffee('status', leftOut, 'C0TRIO'));
    expect(round.status).toBe('delivered');
  });

  test('check-ins are shared: each member’s answer shows on the group’s check-in message, once per change', async () => {
    const programme = await programmeIn('C0TRIO');
    const round = await db()
      .selectFrom('rounds')
      .selectAll()
      .where('programme_id', '=', programme.id)
      .executeTakeFirstOrThrow();
    const group = pair!;
    const channel = group.conversation_id!;
    await h.service.deps.queues.runNow('pairing.checkin', { workspaceId: teamId, roundId: round.id });
    const posted = await h.sandbox.waitFor(() => checkinPosts(channel)[0], { timeoutMs: 20_000 });
    const ts = (posted.response as { ts: string }).ts;
    const updatesOf = () =>
      h.sandbox.callsTo('chat.update', { teamId }).filter((c) => c.status === 200 && c.args.ts === ts);
    const [first, second] = group.members as [string, string];

    await clickCheckin(first, group.id, channel, ts, 'met');
    await h.sandbox.waitFor(() => updatesOf().length === 1, { timeoutMs: 20_000, description: 'first update' });
    await clickCheckin(second, group.id, channel, ts, 'not_this_time');
    const shared = await h.sandbox.waitFor(
      () =>
        updatesOf().find(
          (c) =>
            String(c.args.text).includes(`<@${first}>: we met ✓`) &&
            String(c.args.text).includes(`<@${second}>: not this time`),
        ),
      { timeoutMs: 20_000, description: 'both answers on the check-in message' },
    );
    expect(shared.args.channel).toBe(channel);
    // The buttons stay, so either can still change their answer.
    expect(JSON.stringify(shared.args.blocks)).toContain('pairing_checkin_met');
    const message = h.sandbox.messages(channel).find((m) => m.ts === ts)!;
    expect(message.text).toContain(`<@${first}>: we met ✓`);
    expect(message.text).toContain(`<@${second}>: not this time`);

    // A double click (the same answer twice more) changes nothing: no further update.
    const before = updatesOf().length;
    await clickCheckin(first, group.id, channel, ts, 'met');
    await clickCheckin(first, group.id, channel, ts, 'met');
    await h.sandbox.waitFor(
      () =>
        h.sandbox.responseUrlPosts().filter((p) => p.userId === first && JSON.stringify(p.body).includes('Noted'))
          .length >= 3,
      { timeoutMs: 20_000 },
    );
    await sleep(500);
    expect(updatesOf()).toHaveLength(before);
    const rows = await db().selectFrom('round_checkins').selectAll().where('group_id', '=', group.id).execute();
    expect(rows.map((r) => [r.user_id, r.answer]).sort()).toEqual(
      [
        [first, 'met'],
        [second, 'not_this_time'],
      ].sort(),
    );
    // A retried job rewrites the same content: the message reads the same.
    const text = h.sandbox.messages(channel).find((m) => m.ts === ts)!.text;
    await h.service.deps.queues.runNow('pairing.checkin-update', {
      workspaceId: teamId,
      groupId: group.id,
      userId: second,
      answeredAt: 1,
    });
    await h.sandbox.waitFor(() => updatesOf().length === before + 1, { timeoutMs: 20_000 });
    expect(h.sandbox.messages(channel).find((m) => m.ts === ts)!.text).toBe(text);
  });

  test('the close post counts groups, not people left out, and nothing anywhere names a block', async () => {
    const programme = await programmeIn('C0TRIO');
    const round = await db()
      .selectFrom('rounds')
      .selectAll()
      .where('programme_id', '=', programme.id)
      .executeTakeFirstOrThrow();
    await h.service.deps.queues.runNow('pairing.close', { workspaceId: teamId, roundId: round.id });
    const close = await h.sandbox.waitFor(
      () => h.sandbox.messages('C0TRIO').find((m) => m.text.includes('Round 1 is done')),
      {
        timeoutMs: 20_000,
      },
    );
    expect(close.text).toContain('Round 1 is done: 1 group, 100% met');
    // The one message that may say "block" is Ben's own confirmation, in his ack to `/coffee block`.
    const shown = everythingShown(acks.filter((a) => !a.includes('never pair you with')));
    expect(shown).toContain('No pairing for you this round');
    expect(shown).not.toMatch(/block|asked never|unmatched|left out/i);
  });
});

describe('run, status, pause and skip say what really happens', () => {
  let programmeId = '';
  let groups: Array<{ id: string; members: string[] }> = [];

  test('`/coffee run` after today’s round says when it ran and how many groups it made, and shows the real next round', async () => {
    expect(await coffee('start coffee', 'U0ANA', 'C0FOUR')).toContain('Started');
    expect(await coffee('run', 'U0ANA', 'C0FOUR')).toContain('Pairing now');
    programmeId = (await programmeIn('C0FOUR')).id;
    const delivered = await waitForDeliveredRound(db(), { workspaceId: teamId, programmeId }, 30_000);
    groups = delivered.groups;
    expect(groups).toHaveLength(2);
    // A programme of some weeks whose round day is today: today's round is the one just run.
    const now = h.service.deps.clock.now();
    const { send_hour: sendHour } = await programmeIn('C0FOUR');
    await db()
      .updateTable('programmes')
      .set({ weekday: isoWeekday(now), created_at: new Date(now.getTime() - 21 * 24 * 3600 * 1000) })
      .where('id', '=', programmeId)
      .execute();
    const nextWeek = new Date(
      `${new Date(now.getTime() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10)}T${String(sendHour).padStart(2, '0')}:00:00Z`,
    );
    const ranAt = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(delivered.round.created_at);
    const rounds = await db().selectFrom('rounds').select('id').where('programme_id', '=', programmeId).execute();

    const again = await coffee('run', 'U0ANA', 'C0FOUR');
    expect(again).toContain(`Today’s round already ran at ${ranAt} your time (2 groups)`);
    expect(again).toContain(`Next round: *${inUtc(nextWeek)}* (your time).`);
    expect(again).not.toContain('Pairing now');
    const status = await coffee('status', 'U0DEE', 'C0FOUR');
    expect(status).toContain(`Next round: *${inUtc(nextWeek)}* (your time).`);
    expect(status).toContain('Your current group: <@');
    await sleep(500);
    expect(await db().selectFrom('rounds').select('id').where('programme_id', '=', programmeId).execute()).toEqual(
      rounds,
    ); // A programme its admins paused runs nothing, and says so rather than promising intros.
    await db().updateTable('programmes').set({ status: 'paused' }).where('id', '=', programmeId).execute();
    expect(await coffee('run', 'U0ANA', 'C0FOUR')).toContain('This programme is paused, so no round runs');
    expect(await coffee('status', 'U0DEE', 'C0FOUR')).toContain('Next round: none while this programme is paused.');
    await db().updateTable('programmes').set({ status: 'active' }).where('id', '=', programmeId).execute();
  });

  test('a pause until a date that has passed is refused and changes nothing', async () => {
    const stateOfFlo = () =>
      db()
        .selectFrom('programme_members')
        .selectAll()
        .where('programme_id', '=', programmeId)
        .where('user_id', '=', 'U0FLO')
        .executeTakeFirst();
    const before = await stateOfFlo();
    const answer = await coffee('pause until 2020-01-31', 'U0FLO', 'C0FOUR');
    expect(answer).toContain('2020-01-31 has already passed, so nothing changed');
    expect(await stateOfFlo()).toEqual(before);
    expect(await coffee('status', 'U0FLO', 'C0FOUR')).not.toContain('You are paused');
  });

  test('skip is one round, said the same way; status stops showing a group you skipped or left', async () => {
    const [skipGroup, leaveGroup] = groups as [(typeof groups)[0], (typeof groups)[0]];
    const skipper = skipGroup.members[0]!;
    expect(await coffee('skip', skipper, 'C0FOUR')).toMatch(/^You are out of this round\. /);
    expect(await coffee('status', skipper, 'C0FOUR')).not.toContain('Your current group');
    // The rest of the group no longer see the skipper in it (nor an empty group, if nobody is left).
    for (const other of skipGroup.members.slice(1)) {
      const theirs = await coffee('status', other, 'C0FOUR');
      expect(theirs).not.toContain(`<@${skipper}>`);
      expect(theirs).not.toContain('Your current group: .');
    }
    // A second skip (or a double click) changes nothing: still one round.
    expect(await coffee('skip', skipper, 'C0FOUR')).toBe(
      'You are already out of this round; you will be in the next one.',
    );
    const state = await db()
      .selectFrom('programme_members')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .where('user_id', '=', skipper)
      .executeTakeFirstOrThrow();
    expect(state.skip_next).toBe(false);

    const leaver = leaveGroup.members[0]!;
    expect(await coffee('status', leaver, 'C0FOUR')).toContain('Your current group');
    expect(await coffee('leave', leaver, 'C0FOUR')).toContain('You have left this programme, and this round’s group');
    const status = await coffee('status', leaver, 'C0FOUR');
    expect(status).toContain('You left this programme');
    expect(status).not.toContain('Your current group');
    // Everywhere skip is explained, it is explained the same way.
    const meaning = 'sits out one round (the current one if you are in a group, otherwise the next)';
    expect(await coffee('help', 'U0GIL', 'C0FOUR')).toContain(`\`/coffee skip\` ${meaning}`);
    const intro = h.sandbox
      .callsTo('chat.postMessage', { teamId })
      .find((c) => c.status === 200 && JSON.stringify(c.args.metadata ?? {}).includes('pairing.intro.'))!;
    expect(JSON.stringify(intro.args.blocks)).toContain(meaning);
    const home = await openHome('U0GIL');
    expect(home).toContain(meaning);
    expect(home).toContain('Skip one round');
    expect(`${await coffee('help', 'U0GIL', 'C0FOUR')}\n${home}\n${JSON.stringify(intro.args)}`).not.toMatch(
      /next round only|skip` for one round|Skip next round/,
    );
  });
});
