import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findMembers } from '../../src/db/queries/members.ts';
import type { WorkspaceSpec } from '../../src/sandbox/index.ts';
import { runCoffee } from '../support/coffee-command.ts';
import { type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { eventually } from '../support/wait.ts';

/** One Enterprise Grid organisation, E0GRID, with two workspaces; Nudge is installed once, org-wide. */
const north: WorkspaceSpec = {
  teamId: 'T0NORTH',
  name: 'North',
  enterpriseId: 'E0GRID',
  enterpriseName: 'Grid Corp',
  users: [
    { id: 'W0ANN', name: 'ann', realName: 'Ann North', tz: 'Europe/Oslo', isAdmin: true },
    { id: 'W0BEN', name: 'ben', realName: 'Ben North', tz: 'Europe/Oslo' },
  ],
  channels: [{ id: 'C0NORTH', name: 'north', members: ['W0ANN', 'W0BEN'], botIsMember: true }],
  usergroups: [{ id: 'S0NORTHOPS', handle: 'north-ops', name: 'North Ops', users: ['W0BEN'] }],
};
const south: WorkspaceSpec = {
  teamId: 'T0SOUTH',
  name: 'South',
  enterpriseId: 'E0GRID',
  enterpriseName: 'Grid Corp',
  users: [
    { id: 'W0CAT', name: 'cat', realName: 'Cat South', tz: 'Africa/Johannesburg' },
    { id: 'W0DAN', name: 'dan', realName: 'Dan South', tz: 'Africa/Johannesburg' },
  ],
  channels: [{ id: 'C0SOUTH', name: 'south', members: ['W0CAT', 'W0DAN'], botIsMember: true }],
  usergroups: [{ id: 'S0SOUTHOPS', handle: 'south-ops', name: 'South Ops', users: ['W0DAN'] }],
};

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ oauth: true, workspaces: [north, south], label: 'org-install' });
  const installed = await installViaOAuth(h, 'E0GRID');
  expect(installed.status).toBe(200);
});
afterAll(async () => {
  await h?.stop();
});

const refusedForMissingTeam = () =>
  h.sandbox.calls.filter((c) => (c.response as { error?: string } | undefined)?.error === 'missing_argument');

/** The install's own sync has listed both workspaces. */
const everyoneSynced = () =>
  eventually(async () => {
    const ids = (await findMembers(h.service.deps.db, 'E0GRID')).map((m) => m.user_id);
    return ['W0ANN', 'W0BEN', 'W0CAT', 'W0DAN'].every((id) => ids.includes(id)) ? true : undefined;
  }, 'both workspaces synced');

describe('an org-wide (Enterprise Grid) install', () => {
  test('is one Nudge workspace, keyed by the organisation', async () => {
    const rows = await h.service.deps.db.selectFrom('workspaces').select(['id', 'is_enterprise_install']).execute();
    expect(rows).toEqual([{ id: 'E0GRID', is_enterprise_install: true }]);
  });

  test("syncs every granted workspace's people, naming each workspace to users.list", async () => {
    await everyoneSynced();
    const lists = h.sandbox.callsTo('users.list');
    expect(lists.map((c) => c.args.team_id).sort()).toEqual(['T0NORTH', 'T0SOUTH']);
    expect(lists.every((c) => (c.response as { ok?: boolean }).ok)).toBe(true);
    expect(refusedForMissingTeam()).toEqual([]);
  });

  test('a sync stopped by a 429 in the second workspace resumes there, without listing the first again', async () => {
    await everyoneSynced();
    const before = h.sandbox.callsTo('users.list').length;
    h.sandbox.inject({ method: 'users.list', teamId: 'T0SOUTH', kind: 'ratelimited', retryAfterSeconds: 1 });
    await h.service.deps.queues.enqueue('members.sync', { workspaceId: 'E0GRID', reason: 'test-resume' });
    const calls = () => h.sandbox.callsTo('users.list').slice(before);
    await h.sandbox.waitFor(() => calls().some((c) => c.args.team_id === 'T0SOUTH' && c.status === 200), {
      description: 'the second workspace listed after the 429',
      timeoutMs: 20_000,
    });
    expect(calls().map((c) => [c.args.team_id, c.status])).toEqual([
      ['T0NORTH', 200],
      ['T0SOUTH', 429],
      ['T0SOUTH', 200],
    ]);
  });

  test('kudos to a user group expand it in the workspace the command came from', async () => {
    const response = await h.driver.command({
      teamId: 'T0SOUTH',
      userId: 'W0CAT',
      channelId: 'C0SOUTH',
      command: '/kudos',
      text: '<!subteam^S0SOUTHOPS|@south-ops> for keeping the lights on',
    });
    expect(response.status).toBe(200);
    const expanded = await h.sandbox.waitFor(
      () => h.sandbox.callsTo('usergroups.users.list').find((c) => c.args.usergroup === 'S0SOUTHOPS'),
      { description: 'the group expanded' },
    );
    expect(expanded.args.team_id).toBe('T0SOUTH');
    expect(expanded.response).toMatchObject({ ok: true, users: ['W0DAN'] });
    const kudos = await eventually(() =>
      h.service.deps.db
        .selectFrom('kudos')
        .select(['recipient_id', 'giver_id'])
        .where('workspace_id', '=', 'E0GRID')
        .executeTakeFirst(),
    );
    expect(kudos).toEqual({ recipient_id: 'W0DAN', giver_id: 'W0CAT' });
    expect(refusedForMissingTeam()).toEqual([]);
  });

  test('coffee teams from user groups: the settings modal and the round read each group in its own workspace', async () => {
    await eventually(async () => {
      const ids = (await findMembers(h.service.deps.db, 'E0GRID')).map((m) => m.user_id);
      return ids.includes('W0ANN') ? true : undefined;
    }, 'ann synced');
    const coffee = (text: string) => runCoffee(h, { teamId: 'T0NORTH', userId: 'W0ANN', channelId: 'C0NORTH', text });
    expect(await coffee('start coffee')).toContain('Started');

    expect(await coffee('settings')).toBe('');
    const offered = await h.sandbox.waitFor(
      () => h.sandbox.openViews().find((v) => v.userId === 'W0ANN' && v.view.callback_id === 'coffee_settings'),
      { description: 'the settings modal' },
    );
    expect(JSON.stringify(offered.view)).toContain('S0NORTHOPS');
    const modalList = h.sandbox.callsTo('usergroups.list')[0];
    expect(modalList?.args.team_id).toBe('T0NORTH');

    await h.service.deps.db
      .updateTable('programmes')
      .set({ team_source: 'usergroup', team_usergroup_ids: [] })
      .where('workspace_id', '=', 'E0GRID')
      .where('channel_id', '=', 'C0NORTH')
      .execute();
    const before = h.sandbox.callsTo('usergroups.list').length;
    expect(await coffee('run')).toContain('Pairing now');
    await eventually(async () => {
      const cached = await h.service.deps.db
        .selectFrom('pairing_usergroups')
        .select('usergroup_id')
        .where('workspace_id', '=', 'E0GRID')
        .execute();
      return cached.length === 2 ? true : undefined;
    }, 'both workspaces’ groups read');
    const roundLists = h.sandbox.callsTo('usergroups.list').slice(before);
    expect(roundLists.map((c) => c.args.team_id).sort()).toEqual(['T0NORTH', 'T0SOUTH']);
    const reads = h.sandbox.callsTo('usergroups.users.list').filter((c) => c.args.usergroup === 'S0NORTHOPS');
    expect(reads.map((c) => [c.args.team_id, (c.response as { ok?: boolean }).ok])).toEqual([['T0NORTH', true]]);
    expect(refusedForMissingTeam()).toEqual([]);
  });
});
