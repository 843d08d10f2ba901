import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCoffee } from '../support/coffee-command.ts';
import { type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
const teams = ['T0COFFEE', 'T0OTHER'];
// Channel ids are global in Slack: the second workspace has the same people in channels of its own.
const channelOf: Record<string, string> = { T0COFFEE: 'C0XTEAM', T0OTHER: 'C1XTEAM' };
const other = pairingWorkspace('T0OTHER');

beforeAll(async () => {
  const otherChannels = (other.channels ?? []).map((c) => ({ ...c, id: c.id.replace(/^C0/, 'C1') }));
  // In the first workspace only, Ben's Slack status says he is on holiday until next week.
  const coffee = pairingWorkspace('T0COFFEE');
  const nextWeek = Math.floor(Date.now() / 1000) + 7 * 24 * 3600;
  const users = (coffee.users ?? []).map((u) =>
    u.id === 'U0BEN' ? { ...u, status: { text: 'Vacation', emoji: ':palm_tree:', expiration: nextWeek } } : u,
  );
  h = await startHarness({
    oauth: true,
    label: 'away',
    workspaces: [
      { ...coffee, users },
      { ...other, channels: otherChannels },
    ],
  });
  for (const teamId of teams) {
    expect((await installViaOAuth(h, teamId)).status).toBe(200);
    await waitForMember(h.service.deps.db, teamId, 'U0FAY', 20_000);
  }
});
afterAll(async () => {
  await h?.stop();
});

async function deliveredGroups(teamId: string) {
  const round = await eventually(
    async () =>
      await h.service.deps.db
        .selectFrom('rounds')
        .select(['id', 'status'])
        .where('workspace_id', '=', teamId)
        .where('status', '=', 'delivered')
        .executeTakeFirst(),
    `a delivered round in ${teamId}`,
    20_000,
  );
  return await h.service.deps.db
    .selectFrom('round_groups')
    .select(['members', 'conversation_id'])
    .where('workspace_id', '=', teamId)
    .where('round_id', '=', round.id)
    .execute();
}

describe('a coffee round with someone on holiday', () => {
  test('they are in no group, get no intro and no message; the same id in another workspace takes part', async () => {
    // The directory sync (users.list) stored the status.
    const ben = await h.service.deps.db
      .selectFrom('members')
      .select(['workspace_id', 'status_text', 'status_emoji'])
      .where('user_id', '=', 'U0BEN')
      .orderBy('workspace_id')
      .execute();
    expect(ben).toEqual([
      { workspace_id: 'T0COFFEE', status_text: 'Vacation', status_emoji: ':palm_tree:' },
      { workspace_id: 'T0OTHER', status_text: '', status_emoji: '' },
    ]);
    for (const teamId of teams) {
      expect(
        await runCoffee(h, { teamId, userId: 'U0ADA', channelId: channelOf[teamId]!, text: 'start coffee' }),
      ).toContain('Started a coffee programme');
      expect(await runCoffee(h, { teamId, userId: 'U0ADA', channelId: channelOf[teamId]!, text: 'run' })).toContain(
        'Pairing now',
      );
    }
    const here = await deliveredGroups('T0COFFEE');
    const there = await deliveredGroups('T0OTHER');
    expect(here.flatMap((g) => g.members).sort()).toEqual(['U0ADA', 'U0CAT', 'U0DAN', 'U0EVE', 'U0FAY']);
    expect(there.flatMap((g) => g.members).sort()).toEqual(['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN', 'U0EVE', 'U0FAY']);

    // Nothing in T0COFFEE opened a conversation with Ben or named him: no intro, no "left out" note, in public or not.
    const opened = h.sandbox
      .callsTo('conversations.open')
      .filter((c) => c.teamId === 'T0COFFEE' && String(c.args.users ?? '').includes('U0BEN'));
    expect(opened).toEqual([]);
    const naming = h.sandbox
      .callsTo('chat.postMessage')
      .filter((c) => c.teamId === 'T0COFFEE' && JSON.stringify(c.args).includes('U0BEN'));
    expect(naming).toEqual([]);
    const intros = h.sandbox
      .callsTo('chat.postMessage')
      .filter((c) => c.status === 200 && JSON.stringify(c.args.metadata ?? {}).includes('pairing.intro.'));
    expect(intros.filter((c) => c.teamId === 'T0COFFEE')).toHaveLength(here.length);
    expect(intros.filter((c) => c.teamId === 'T0OTHER')).toHaveLength(there.length);
  });
});
