import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandAnswer, type WorkspaceSpec } from '../../src/sandbox/index.ts';
import { runCoffee } from '../support/coffee-command.ts';
import { waitForDeliveredRound } from '../support/delivered-round.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { fieldTeams, teamField, teamsWorkspace } from '../support/pairing-teams-workspace.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { eventually } from '../support/wait.ts';

/**
 * Cross-team from the first round: a new cross-team programme finds the profile field that holds teams, and
 * where no team data exists it says so when it starts, and its statistics say "no team data" instead of a
 * figure they cannot know.
 */

let h: Harness;
const withField = 'T0TDFIELD';
const withoutTeams = 'T0TDNONE';

/** One workspace per harness (the app serves one in single-workspace mode), started for its describe block. */
function useWorkspace(spec: WorkspaceSpec, lastMember: string) {
  beforeAll(async () => {
    h = await startHarness({ label: `coffee-team-data-${spec.teamId}`, workspaces: [spec] });
    await waitForMember(h.service.deps.db, spec.teamId, lastMember);
  });
  afterAll(async () => {
    await h?.stop();
  });
}

async function start(teamId: string, channelId: string) {
  const response = await h.driver.command({
    teamId,
    userId: 'U0ADA',
    channelId,
    command: '/coffee',
    text: 'start cross-team',
  });
  expect(response.status).toBe(200);
  return response.json as { text: string; blocks: Array<{ type: string; elements?: Array<Record<string, unknown>> }> };
}

async function programmeIn(teamId: string, channelId: string) {
  return await h.service.deps.db
    .selectFrom('programmes')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirstOrThrow();
}

describe('a new cross-team programme in a workspace whose profiles have a Team field', () => {
  useWorkspace(teamsWorkspace(withField), 'U0HAL');

  test('uses the Slack profile field that holds teams, says so, and never pairs one team from its first round', async () => {
    const answer = await start(withField, 'C0FIELDS');
    expect(answer.text).toContain('Started a cross team programme');
    expect(answer.text).toContain('from the Slack profile field *Team*');
    expect(answer.text).toContain('`/coffee settings` changes where teams come from');
    const programme = await programmeIn(withField, 'C0FIELDS');
    expect(programme).toMatchObject({ team_source: 'profile_field', team_field_id: teamField });

    expect(await runCoffee(h, { teamId: withField, userId: 'U0ADA', channelId: 'C0FIELDS', text: 'run' })).toContain(
      'Pairing now',
    );
    const { groups } = await waitForDeliveredRound(
      h.service.deps.db,
      { workspaceId: withField, programmeId: programme.id },
      30_000,
    );
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      const teams = group.members.map((m) => fieldTeams[m]).filter((t) => t !== null);
      expect(new Set(teams).size).toBe(teams.length);
    }
  });
});

describe('a new cross-team programme in a workspace with no team data', () => {
  useWorkspace(pairingWorkspace(withoutTeams), 'U0IDA');

  test('says so at the start with a button that opens the team settings', async () => {
    const answer = await start(withoutTeams, 'C0XTEAM');
    expect(answer.text).toContain('No team data');
    const programme = await programmeIn(withoutTeams, 'C0XTEAM');
    expect(programme.team_source).toBe('directory');
    const button = answer.blocks.flatMap((b) => b.elements ?? []).find((e) => e.type === 'button')!;
    expect(button.action_id).toBe('pairing_open_teams');

    const opened = Date.now();
    const click = await h.driver.interaction({
      teamId: withoutTeams,
      userId: 'U0ADA',
      payload: {
        type: 'block_actions',
        channel: { id: 'C0XTEAM' },
        actions: [{ action_id: button.action_id, block_id: 'coffee_start_teams', type: 'button' }],
      },
    });
    expect(click.status).toBe(200);
    const view = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .callsTo('views.open', { teamId: withoutTeams })
          .find((c) => c.at >= opened && c.status === 200 && JSON.stringify(c.args.view).includes('Import a CSV')),
      { timeoutMs: 20_000, description: 'the teams settings' },
    );
    expect((view.args.view as { title: { text: string } }).title.text).toBe('Teams and departments');
  });

  test('its close post says “no team data” instead of “100 % across teams”', async () => {
    const programme = await programmeIn(withoutTeams, 'C0XTEAM');
    await runCoffee(h, { teamId: withoutTeams, userId: 'U0ADA', channelId: 'C0XTEAM', text: 'run' });
    const { round } = await waitForDeliveredRound(
      h.service.deps.db,
      { workspaceId: withoutTeams, programmeId: programme.id },
      30_000,
    );
    await h.service.deps.queues.runNow('pairing.close', { workspaceId: withoutTeams, roundId: round.id });
    const close = await h.sandbox.waitFor(
      () => h.sandbox.messages('C0XTEAM').find((m) => m.text.includes(`Round ${round.number} is done`)),
      { timeoutMs: 20_000 },
    );
    expect(close.text).toContain('across teams: no team data');
    expect(close.text).not.toMatch(/\d+% across teams/);
  });

  test('the kudos cross-team board, after kudos between people whose teams are unknown, says “no team data”, not “No kudos yet”', async () => {
    for (const [giver, recipient] of [
      ['U0ADA', 'U0BEN'],
      ['U0CAT', 'U0DAN'],
      ['U0EVE', 'U0FAY'],
    ] as const) {
      const response = await h.driver.command({
        teamId: withoutTeams,
        userId: giver,
        channelId: 'C0COFFEE',
        command: '/kudos',
        text: `<@${recipient}|someone> for helping with the release`,
      });
      expect(response.status).toBe(200);
      expect(((await commandAnswer(h.sandbox, response)) as { text: string }).text).toContain('Kudos sent');
    }
    await eventually(async () => {
      const rows = await h.service.deps.db
        .selectFrom('kudos')
        .select('id')
        .where('workspace_id', '=', withoutTeams)
        .execute();
      return rows.length === 3 ? rows : undefined;
    }, 'three kudos');
    const board = await h.driver.command({
      teamId: withoutTeams,
      userId: 'U0ADA',
      channelId: 'C0COFFEE',
      command: '/kudos',
      text: 'top month cross-team',
    });
    const text = ((await commandAnswer(h.sandbox, board)) as { text: string }).text;
    expect(text).toContain('Most kudos from other teams this month');
    expect(text).toContain('No team data');
    expect(text).not.toContain('No kudos yet');
    // The other boards are not affected.
    const received = await h.driver.command({
      teamId: withoutTeams,
      userId: 'U0ADA',
      channelId: 'C0COFFEE',
      command: '/kudos',
      text: 'top month received',
    });
    expect(((await commandAnswer(h.sandbox, received)) as { text: string }).text).toContain('<@U0BEN>');
  });
});
