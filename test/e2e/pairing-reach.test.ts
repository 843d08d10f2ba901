import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCoffee, startCoffeeAndCrossTeam } from '../support/coffee-command.ts';
import { waitForDeliveredRound } from '../support/delivered-round.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { messagesByKey } from '../support/sent-messages.ts';
import { eventually, sleep } from '../support/wait.ts';

/** `/coffee` and the intro's buttons work where Nudge tells people to use them: group DMs and the DM with Nudge. */

let h: Harness;
const teamId = 'T0REACH';
let coffeeId = '';
let crossTeamId = '';
/** People in both programmes' channels. */
const inBoth = ['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN', 'U0EVE', 'U0FAY'];
/** The people of the group DM the first test acts in (the matching differs from run to run). */
let pairedInGroupDm: string[] = [];

beforeAll(async () => {
  h = await startHarness({ label: 'coffee-reach', workspaces: [pairingWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0IDA');
  ({ coffeeId, crossTeamId } = await startCoffeeAndCrossTeam(h, teamId));
});
afterAll(async () => {
  await h?.stop();
});

const coffee = (text: string, userId: string, channelId: string) => runCoffee(h, { teamId, userId, channelId, text });

async function commandAnswer(text: string, userId: string, channelId: string) {
  const response = await h.driver.command({ teamId, userId, channelId, command: '/coffee', text });
  expect(response.status).toBe(200);
  return response.json as { text: string; response_type: string; blocks?: Array<Record<string, unknown>> };
}

async function stateOf(userId: string, programmeId: string) {
  return await h.service.deps.db
    .selectFrom('programme_members')
    .select(['status', 'skip_next', 'paused_until'])
    .where('programme_id', '=', programmeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** A DM with Nudge as Slack names it in a slash command's payload. */
const appDm = (userId: string) => `D${userId.slice(1)}APP`;

describe('in a pairing’s group DM', () => {
  test('a command acts on the programme that paired them, and the intro’s buttons work for whoever clicks, unseen by the group', async () => {
    expect(await coffee('run', 'U0ADA', 'C0COFFEE')).toContain('Pairing now');
    const { groups } = await waitForDeliveredRound(
      h.service.deps.db,
      { workspaceId: teamId, programmeId: coffeeId },
      30_000,
    );
    // Someone in both programmes' channels: only the group DM can say which programme they mean.
    const group = groups.find((g) => g.members.filter((m) => inBoth.includes(m)).length >= 2)!;
    const [first, second] = group.members.filter((m) => inBoth.includes(m)) as [string, string];
    const conversation = group.conversation_id!;
    pairedInGroupDm = group.members;

    const status = await commandAnswer('status', first, conversation);
    expect(status.response_type).toBe('ephemeral');
    expect(status.text).toContain('Next round:');
    expect(status.text).not.toContain('no coffee programme');
    const paused = await commandAnswer('pause', first, conversation);
    expect(paused.text).toContain('Paused until you `/coffee resume`');
    expect(await stateOf(first, coffeeId)).toMatchObject({ status: 'paused' });
    expect(await stateOf(first, crossTeamId)).toBeUndefined();

    // The intro carries the buttons; the sandbox sends the click as Slack does, from the intro message.
    const intro = h.sandbox.messages(conversation).find((m) => m.text.includes('Why you:'))!;
    const buttons = (intro.blocks as Array<{ type: string; elements?: Array<Record<string, string>> }>)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
    expect(buttons.map((b) => [b.action_id, (b.text as unknown as { text: string }).text, b.value])).toEqual([
      ['pairing_intro_skip', 'Skip one round', coffeeId],
      ['pairing_intro_pause', 'Pause', coffeeId],
    ]);
    const messagesBefore = h.sandbox.messages(conversation).length;
    const click = await h.driver.interaction({
      teamId,
      userId: second,
      payload: {
        type: 'block_actions',
        channel: { id: conversation },
        container: { type: 'message', channel_id: conversation, message_ts: intro.ts },
        actions: [
          { action_id: 'pairing_intro_pause', block_id: 'pairing_intro_controls', type: 'button', value: coffeeId },
        ],
      },
    });
    expect(click.status).toBe(200);
    await eventually(
      async () => ((await stateOf(second, coffeeId))?.status === 'paused' ? true : undefined),
      'paused by the button',
    );
    const answer = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .responseUrlPosts()
          .find(
            (p) => p.userId === second && p.channelId === conversation && JSON.stringify(p.body).includes('Paused'),
          ),
      { timeoutMs: 20_000 },
    );
    expect((answer.body as { response_type?: string }).response_type).toBe('ephemeral');
    expect(h.sandbox.ephemerals({ channelId: conversation, userId: second }).map((e) => e.text)).toEqual([
      expect.stringContaining('Paused: no pairings from <#C0COFFEE>'),
    ]);
    // Nobody else in the group sees anything: no message in the group DM, no ephemeral for the others.
    expect(h.sandbox.messages(conversation)).toHaveLength(messagesBefore);
    for (const other of group.members.filter((m) => m !== second))
      expect(h.sandbox.ephemerals({ channelId: conversation, userId: other })).toEqual([]);
    expect(await stateOf(first, coffeeId)).toMatchObject({ status: 'paused' });
    const others = group.members.filter((m) => m !== first && m !== second);
    // A trio or a left-out person carries a debt row; nobody else's state changed.
    for (const other of others) expect((await stateOf(other, coffeeId))?.status ?? 'active').toBe('active');
  });
});

describe('in the DM with Nudge, or a channel without a programme', () => {
  test('someone in one programme acts on it', async () => {
    const answer = await commandAnswer('skip', 'U0GUS', appDm('U0GUS'));
    // Gus is in a group of this round, so skip takes him out of it (skip is one round: the running one if in a group).
    expect(answer.text).toMatch(/^You are out of this round\./);
    const groups = await h.service.deps.db
      .selectFrom('round_groups')
      .select(['members', 'dropped'])
      .where('workspace_id', '=', teamId)
      .execute();
    expect(groups.find((g) => g.members.includes('U0GUS'))?.dropped).toContain('U0GUS');
    const status = await commandAnswer('status', 'U0HAL', 'C0REVIEW');
    expect(status.text).toContain('Next round:');
  });

  test('someone in several is asked which one, with a button each; the button does what the command would', async () => {
    const person = inBoth.find((u) => !pairedInGroupDm.includes(u))!;
    const asked = await commandAnswer('skip', person, appDm(person));
    expect(asked.response_type).toBe('ephemeral');
    expect(asked.text).toContain('Which one is `/coffee skip` for?');
    const choices = (asked.blocks ?? [])
      .map((b) => b.accessory as { action_id: string; value: string } | undefined)
      .filter((a) => a !== undefined);
    expect(choices.map((c) => c.action_id)).toEqual(['coffee_choose_programme', 'coffee_choose_programme']);
    expect(JSON.stringify(asked.blocks)).toContain('<#C0COFFEE>');
    expect(JSON.stringify(asked.blocks)).toContain('<#C0XTEAM>');
    // Nothing changes until a programme is chosen.
    expect((await stateOf(person, coffeeId))?.skip_next ?? false).toBe(false);
    expect(await stateOf(person, crossTeamId)).toBeUndefined();

    const crossTeam = choices.find((c) => c.value.startsWith(crossTeamId))!;
    const click = await h.driver.interaction({
      teamId,
      userId: person,
      payload: {
        type: 'block_actions',
        channel: { id: appDm(person) },
        actions: [
          { action_id: crossTeam.action_id, block_id: 'coffee_choice_1', type: 'button', value: crossTeam.value },
        ],
      },
    });
    expect(click.status).toBe(200);
    await eventually(
      async () => ((await stateOf(person, crossTeamId))?.skip_next ? true : undefined),
      'skip in the chosen programme',
    );
    expect((await stateOf(person, coffeeId))?.skip_next ?? false).toBe(false);
    await h.sandbox.waitFor(
      () =>
        h.sandbox
          .responseUrlPosts()
          .find((p) => p.userId === person && JSON.stringify(p.body).includes('sit out the next round')),
      { timeoutMs: 20_000 },
    );
  });
});

describe('starting a programme', () => {
  const dateToken = (text: string) => text.match(/<!date\^(\d+)\^\{date_long_pretty\}\|([^>]+)>/);

  test('tells the channel once: what it is, the first round in each reader’s own time, and how to skip, pause or leave', async () => {
    const posts = await h.sandbox.waitFor(
      () => {
        const found = messagesByKey(h.sandbox).get(`pairing.welcome.${coffeeId}`);
        return found?.length ? found : undefined;
      },
      { timeoutMs: 20_000, description: 'the welcome post' },
    );
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.channelId).toBe('C0COFFEE');
    const text = JSON.stringify(post.blocks);
    expect(text).toContain('<#C0COFFEE> now has coffee pairings, and everyone here takes part');
    for (const control of ['/coffee skip', '/coffee pause', '/coffee leave']) expect(text).toContain(control);
    expect(text).toContain('around 10:00 your time');
    // The first round's day, shown by Slack in each reader's zone: a Monday after today (never the start day).
    const token = dateToken(text)!;
    expect(token).not.toBeNull();
    const zone =
      (await h.service.deps.db.selectFrom('workspaces').select('time_zone').where('id', '=', teamId).executeTakeFirst())
        ?.time_zone ?? 'UTC';
    const at = new Date(Number(token[1]) * 1000);
    const local = (d: Date, options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options }).format(d);
    expect(local(at, { weekday: 'long' })).toBe('Monday');
    expect(local(at, { hour: '2-digit', hourCycle: 'h23' })).toBe('12');
    const days = (at.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThan(8);
    expect(token[2]).toMatch(/^Monday,? \d{1,2} \w+ \d{4}$/);
    // The cross-team channel got its own, once.
    expect(messagesByKey(h.sandbox).get(`pairing.welcome.${crossTeamId}`)).toHaveLength(1);
  });

  test('starting again, or the job running twice, posts nothing more; nobody gets a DM each', async () => {
    expect(await coffee('start coffee', 'U0ADA', 'C0COFFEE')).toContain('already has a programme');
    await h.service.deps.queues.runNow('pairing.welcome', { workspaceId: teamId, programmeId: coffeeId });
    await sleep(500);
    expect(messagesByKey(h.sandbox).get(`pairing.welcome.${coffeeId}`)).toHaveLength(1);
    expect([...messagesByKey(h.sandbox).keys()].filter((k) => k.startsWith('pairing.greet.'))).toEqual([]);
  });

  test('someone who joins later hears the same welcome, in a DM', async () => {
    await h.driver.event({
      teamId,
      event: { type: 'member_joined_channel', user: 'U0IDA', channel: 'C0XTEAM', channel_type: 'C' },
    });
    const greeting = await h.sandbox.waitFor(
      () => messagesByKey(h.sandbox).get(`pairing.greet.${crossTeamId}.U0IDA`)?.[0],
      { timeoutMs: 20_000, description: 'the joiner’s welcome' },
    );
    const channelPost = messagesByKey(h.sandbox).get(`pairing.welcome.${crossTeamId}`)![0]!;
    const blocksOf = (m: { blocks?: unknown[] }) => m.blocks as Array<{ type: string; text?: { text: string } }>;
    expect(blocksOf(greeting)[0]!.text!.text).toContain('Welcome to <#C0XTEAM>');
    expect(blocksOf(greeting)[0]!.text!.text).toContain('someone from another team');
    // The same round day and the same controls as the channel heard.
    expect(dateToken(blocksOf(greeting)[0]!.text!.text)?.[0]).toBe(
      dateToken(blocksOf(channelPost)[0]!.text!.text)?.[0],
    );
    expect(blocksOf(greeting)[1]).toEqual(blocksOf(channelPost)[1]);
  });
});
