import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCoffee } from '../support/coffee-command.ts';
import { coffeeWorkspace } from '../support/coffee-workspace.ts';
import { waitForDeliveredRound } from '../support/delivered-round.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually } from '../support/wait.ts';

/** `/coffee` and the intro's buttons work where Nudge tells people to use them: group DMs and the DM with Nudge. */

let h: Harness;
const teamId = 'T0REACH';
let coffeeId = '';
let crossTeamId = '';

beforeAll(async () => {
  h = await startHarness({ label: 'coffee-reach', workspaces: [coffeeWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0IDA');
  expect(await coffee('start coffee', 'U0ADA', 'C0COFFEE')).toContain('Started');
  expect(await coffee('start cross-team', 'U0ADA', 'C0XTEAM')).toContain('Started');
  const programmes = await h.service.deps.db.selectFrom('programmes').select(['id', 'channel_id']).execute();
  coffeeId = programmes.find((p) => p.channel_id === 'C0COFFEE')!.id;
  crossTeamId = programmes.find((p) => p.channel_id === 'C0XTEAM')!.id;
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
    const inBoth = ['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN', 'U0EVE', 'U0FAY'];
    const group = groups.find((g) => g.members.filter((m) => inBoth.includes(m)).length >= 2)!;
    const [first, second] = group.members.filter((m) => inBoth.includes(m)) as [string, string];
    const conversation = group.conversation_id!;

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
      ['pairing_intro_skip', 'Skip next round', coffeeId],
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
    for (const other of others) expect(await stateOf(other, coffeeId)).toBeUndefined();
  });
});

describe('in the DM with Nudge, or a channel without a programme', () => {
  test('someone in one programme acts on it', async () => {
    const answer = await commandAnswer('skip', 'U0GUS', appDm('U0GUS'));
    expect(answer.text).toMatch(/^You (will sit out the next round|are out of this round and the next one)/);
    expect(await stateOf('U0GUS', coffeeId)).toMatchObject({ skip_next: true });
    const status = await commandAnswer('status', 'U0HAL', 'C0REVIEW');
    expect(status.text).toContain('Next round:');
  });

  test('someone in several is asked which one, with a button each; the button does what the command would', async () => {
    const asked = await commandAnswer('skip', 'U0EVE', appDm('U0EVE'));
    expect(asked.response_type).toBe('ephemeral');
    expect(asked.text).toContain('Which one is `/coffee skip` for?');
    const choices = (asked.blocks ?? [])
      .map((b) => b.accessory as { action_id: string; value: string } | undefined)
      .filter((a) => a !== undefined);
    expect(choices.map((c) => c.action_id)).toEqual(['coffee_choose_programme', 'coffee_choose_programme']);
    expect(JSON.stringify(asked.blocks)).toContain('<#C0COFFEE>');
    expect(JSON.stringify(asked.blocks)).toContain('<#C0XTEAM>');
    // Nothing changes until a programme is chosen.
    expect(await stateOf('U0EVE', coffeeId)).toBeUndefined();
    expect(await stateOf('U0EVE', crossTeamId)).toBeUndefined();

    const crossTeam = choices.find((c) => c.value.startsWith(crossTeamId))!;
    const click = await h.driver.interaction({
      teamId,
      userId: 'U0EVE',
      payload: {
        type: 'block_actions',
        channel: { id: appDm('U0EVE') },
        actions: [
          { action_id: crossTeam.action_id, block_id: 'coffee_choice_1', type: 'button', value: crossTeam.value },
        ],
      },
    });
    expect(click.status).toBe(200);
    await eventually(
      async () => ((await stateOf('U0EVE', crossTeamId))?.skip_next ? true : undefined),
      'skip in the chosen programme',
    );
    expect(await stateOf('U0EVE', coffeeId)).toBeUndefined();
    await h.sandbox.waitFor(
      () =>
        h.sandbox
          .responseUrlPosts()
          .find((p) => p.userId === 'U0EVE' && JSON.stringify(p.body).includes('sit out the next round')),
      { timeoutMs: 20_000 },
    );
  });
});
