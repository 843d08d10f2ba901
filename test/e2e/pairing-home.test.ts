import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCoffee, startCoffeeAndCrossTeam } from '../support/coffee-command.ts';
import { waitForDeliveredRound } from '../support/delivered-round.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { sleep } from '../support/wait.ts';

/** The Home tab's member controls: the same confidential pause/skip/leave as `/coffee`, one click each. */

let h: Harness;
const teamId = 'T0HOME';
let coffeeId = '';
let crossTeamId = '';

beforeAll(async () => {
  h = await startHarness({ label: 'coffee-home', workspaces: [pairingWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0IDA');
  ({ coffeeId, crossTeamId } = await startCoffeeAndCrossTeam(h, teamId));
});
afterAll(async () => {
  await h?.stop();
});

const coffee = (text: string, userId: string, channelId: string) => runCoffee(h, { teamId, userId, channelId, text });

interface Home {
  id: string;
  json: string;
  buttons: Array<{ action_id: string; value: string; block_id: string }>;
}

/** The next Home tab published for this person after `after`. */
async function publishedHome(userId: string, after: number): Promise<Home> {
  const call = await h.sandbox.waitFor(
    () =>
      h.sandbox
        .callsTo('views.publish', { teamId })
        .find((c) => c.at >= after && c.args.user_id === userId && c.status === 200),
    { timeoutMs: 20_000, description: `Home for ${userId}` },
  );
  const view = call.args.view as { blocks: Array<{ type: string; block_id?: string; elements?: unknown[] }> };
  const buttons = view.blocks
    .filter((b) => b.type === 'actions' && b.block_id?.startsWith('pairing_home_'))
    .flatMap((b) =>
      (b.elements as Array<{ action_id: string; value: string }>).map((e) => ({ ...e, block_id: b.block_id! })),
    );
  return { id: (call.response as { view: { id: string } }).view.id, json: JSON.stringify(view), buttons };
}

async function openHome(userId: string): Promise<Home> {
  const opened = Date.now();
  await h.driver.event({ teamId, event: { type: 'app_home_opened', user: userId, tab: 'home' } });
  return await publishedHome(userId, opened);
}

const controlsOf = (home: Home, programmeId: string) =>
  home.buttons.filter((b) => b.value === programmeId).map((b) => b.action_id.replace('pairing_home_', ''));

async function click(userId: string, home: Home, actionId: string, value: string): Promise<Home> {
  const clicked = Date.now();
  const response = await h.driver.interaction({
    teamId,
    userId,
    payload: {
      type: 'block_actions',
      container: { type: 'view', view_id: home.id },
      actions: [{ action_id: actionId, block_id: `pairing_home_${value}`, type: 'button', value }],
    },
  });
  expect(response.status).toBe(200);
  return await publishedHome(userId, clicked);
}

async function stateOf(userId: string, programmeId: string) {
  return await h.service.deps.db
    .selectFrom('programme_members')
    .select(['status', 'skip_next', 'paused_until'])
    .where('programme_id', '=', programmeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Everything Nudge said anywhere (but the one-time welcome DM opening Home sends): posts, ephemerals, replies. */
const said = () =>
  h.sandbox
    .callsTo('chat.postMessage', { teamId })
    .filter((c) => !JSON.stringify(c.args.metadata ?? {}).includes('onboarding.welcome')).length +
  h.sandbox.callsTo('chat.postEphemeral', { teamId }).length +
  h.sandbox.responseUrlPosts().filter((p) => p.teamId === teamId).length;

describe('Home tab member controls', () => {
  test('each programme the person is in shows their own controls; a programme whose channel they are not in shows none', async () => {
    const home = await openHome('U0GUS');
    expect(controlsOf(home, coffeeId)).toEqual(['pause', 'skip', 'leave']);
    expect(controlsOf(home, crossTeamId)).toEqual([]);
    expect(home.json).toContain('<#C0XTEAM> — cross team, every Monday: join the channel to take part');
    expect(home.json).toContain('<#C0COFFEE> — coffee, every Monday: you take part');
    // Ben is in both channels.
    const ben = await openHome('U0BEN');
    expect(controlsOf(ben, crossTeamId)).toEqual(['pause', 'skip', 'leave']);
  });

  test('pause, resume, skip, undo skip, leave and rejoin change only the clicker’s state, tell nobody, and republish Home', async () => {
    const before = said();
    let home = await openHome('U0GUS');

    home = await click('U0GUS', home, 'pairing_home_pause', coffeeId);
    expect(await stateOf('U0GUS', coffeeId)).toMatchObject({ status: 'paused', paused_until: null });
    expect(home.json).toContain('<#C0COFFEE> — coffee, every Monday: you are paused');
    expect(controlsOf(home, coffeeId)).toEqual(['resume', 'leave']);
    // The same state the command reads and writes.
    expect(await coffee('status', 'U0GUS', 'C0COFFEE')).toContain('You are paused');

    home = await click('U0GUS', home, 'pairing_home_resume', coffeeId);
    expect(await stateOf('U0GUS', coffeeId)).toMatchObject({ status: 'active' });
    expect(controlsOf(home, coffeeId)).toEqual(['pause', 'skip', 'leave']);

    home = await click('U0GUS', home, 'pairing_home_skip', coffeeId);
    expect(await stateOf('U0GUS', coffeeId)).toMatchObject({ status: 'active', skip_next: true });
    expect(home.json).toContain('you sit out the next round');
    expect(controlsOf(home, coffeeId)).toEqual(['pause', 'unskip', 'leave']);

    home = await click('U0GUS', home, 'pairing_home_unskip', coffeeId);
    expect(await stateOf('U0GUS', coffeeId)).toMatchObject({ status: 'active', skip_next: false });

    home = await click('U0GUS', home, 'pairing_home_leave', coffeeId);
    expect(await stateOf('U0GUS', coffeeId)).toMatchObject({ status: 'left' });
    expect(controlsOf(home, coffeeId)).toEqual(['rejoin']);
    expect(await coffee('status', 'U0GUS', 'C0COFFEE')).toContain('You left this programme');

    home = await click('U0GUS', home, 'pairing_home_rejoin', coffeeId);
    expect(await stateOf('U0GUS', coffeeId)).toMatchObject({ status: 'active' });

    // Confidential: no message, ephemeral or reply to anyone (the status commands answered in their ack).
    expect(said()).toBe(before);
    const rows = await h.service.deps.db.selectFrom('programme_members').select(['user_id', 'programme_id']).execute();
    expect(rows).toEqual([{ user_id: 'U0GUS', programme_id: coffeeId }]);
  });

  test('a forged or unknown programme id changes nothing and publishes nothing', async () => {
    const home = await openHome('U0DAN');
    const published = h.sandbox.callsTo('views.publish', { teamId }).length;
    for (const value of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', '', JSON.stringify({ id: coffeeId })]) {
      const response = await h.driver.interaction({
        teamId,
        userId: 'U0DAN',
        payload: {
          type: 'block_actions',
          container: { type: 'view', view_id: home.id },
          actions: [{ action_id: 'pairing_home_leave', type: 'button', value }],
        },
      });
      expect(response.status).toBe(200);
    }
    await sleep(500);
    expect(await stateOf('U0DAN', coffeeId)).toBeUndefined();
    expect(h.sandbox.callsTo('views.publish', { teamId }).length).toBe(published);
  });

  test('skip from Home after the intro does what /coffee skip does: out of the group, and the partner is told', async () => {
    expect(await coffee('run', 'U0ADA', 'C0COFFEE')).toContain('Pairing now');
    const { groups } = await waitForDeliveredRound(
      h.service.deps.db,
      { workspaceId: teamId, programmeId: coffeeId },
      30_000,
    );
    const pair = groups.find((g) => g.members.length === 2)!;
    const [skipper, partner] = pair.members as [string, string];
    const home = await openHome(skipper);
    await click(skipper, home, 'pairing_home_skip', coffeeId);
    const after = await h.service.deps.db
      .selectFrom('round_groups')
      .selectAll()
      .where('id', '=', pair.id)
      .executeTakeFirstOrThrow();
    expect(after.dropped).toEqual([skipper]);
    // One skip is one round: out of this one, so not out of the next as well.
    expect((await stateOf(skipper, coffeeId))?.skip_next ?? false).toBe(false);
    const told = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .callsTo('chat.postMessage', { teamId })
          .find((c) => c.status === 200 && String(c.args.text).includes('had to skip')),
      { timeoutMs: 20_000 },
    );
    const dm = (told.response as { channel: string }).channel;
    expect(h.sandbox.messages(dm).length).toBeGreaterThan(0);
    expect(String(told.args.text)).toContain('<#C0COFFEE>');
    // Told to the partner alone, in their own DM with Nudge.
    const opened = h.sandbox
      .callsTo('conversations.open', { teamId })
      .filter((c) => (c.response as { channel?: { id?: string } }).channel?.id === dm);
    expect(opened.map((c) => c.args.users)).toContain(partner);
  });
});
