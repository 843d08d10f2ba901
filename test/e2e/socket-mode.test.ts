import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandAnswer } from '../../src/sandbox/index.ts';
import { tryAgainText } from '../../src/slack/platform/error-replies.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { type PostgresProcess, startPostgresProcess } from '../support/postgres-server.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0SOCKET';

beforeAll(async () => {
  h = await startHarness({ label: 'socket-mode', workspaces: [kudosWorkspace(teamId)], transport: 'socket' });
  await waitForMember(h.service.deps.db, teamId, 'U0ALEX');
});
afterAll(async () => {
  await h?.stop();
});

const opens = () => h.sandbox.callsTo('apps.connections.open').filter((c) => (c.response as { ok?: boolean }).ok);

async function kudosAnswer(text: string) {
  const response = await h.driver.command({ teamId, userId: 'U0GIVER', channelId: 'C0TEAM', command: '/kudos', text });
  expect(response.status).toBe(200);
  return await commandAnswer(h.sandbox, response);
}

describe('Socket Mode', () => {
  test('with SLACK_APP_TOKEN set Nudge opens one connection through the Slack API URL and serves no HTTP endpoint', async () => {
    expect(opens()).toHaveLength(1);
    expect(h.sandbox.socketMode.connections()).toBe(1);
    const overHttp = await fetch(`${h.appUrl}/slack/events`, { method: 'POST', body: '{}' });
    expect(overHttp.status).toBe(404);
    // The probes still answer on the web port, which the service reports as it does in HTTP mode.
    expect((await fetch(`${h.appUrl}/livez`)).status).toBe(200);
    expect(h.service.port).toBe(Number(new URL(h.appUrl).port));
  });

  test('asked to refresh, Nudge reconnects with a new URL and keeps answering over the new connection', async () => {
    expect((await kudosAnswer('<@U0ALEX> for the calm handover')).text).toContain('Kudos sent to <@U0ALEX>');
    h.sandbox.socketMode.requestRefresh();
    await h.sandbox.waitFor(() => opens().length === 2 && h.sandbox.socketMode.connections() === 1, {
      timeoutMs: 30_000,
      description: 'a second apps.connections.open and exactly one open connection',
    });
    expect((await kudosAnswer('<@U0ALEX> for the second calm handover')).text).toContain('Kudos sent to <@U0ALEX>');
    const ledger = await h.service.deps.db
      .selectFrom('kudos')
      .select('recipient_id')
      .where('workspace_id', '=', teamId)
      .execute();
    expect(ledger).toHaveLength(2);
  });
});

/**
 * A listener that fails before acknowledging, over Socket Mode: the envelope is still acknowledged, with the
 * answer HTTP gives (the "try again" ephemeral for a command), and an event is acknowledged before its listener
 * runs, so Slack has nothing to send again. Postgres is stopped under the running Nudge to make the listeners fail.
 */
describe('Socket Mode when a listener fails', () => {
  let postgres: PostgresProcess;
  let failing: Harness;

  beforeAll(async () => {
    postgres = await startPostgresProcess();
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('create database nudge_socket_failures');
    await admin.end();
    const url = new URL(postgres.url);
    url.pathname = '/nudge_socket_failures';
    failing = await startHarness({
      label: 'socket-failures',
      workspaces: [kudosWorkspace(teamId)],
      transport: 'socket',
      databaseUrl: url.href,
    });
    await waitForMember(failing.service.deps.db, teamId, 'U0ALEX');
  });
  afterAll(async () => {
    await failing?.stop();
    await postgres?.stop();
  });

  const leaderboard = () =>
    failing.driver.command({ teamId, userId: 'U0GIVER', channelId: 'C0TEAM', command: '/kudos', text: 'top' });

  test('a command whose listener fails is acknowledged with "try again", as over HTTP; an event is still acknowledged', async () => {
    const tryAgain = { response_type: 'ephemeral', text: tryAgainText };
    const failures = () =>
      failing.logs.lines
        .map((line) => JSON.parse(line) as { msg?: string; err?: { message?: string } })
        .filter((entry) => entry.msg === 'listener failed before acknowledging')
        .map((entry) => entry.err?.message ?? '');
    const refusedAtAuthorization = (message: string) => message.includes('Authorization of incoming event');

    // Answered a moment ago, the workspace's status is still cached: the listener itself meets the stopped Postgres.
    expect((await leaderboard()).json).toMatchObject({ response_type: 'ephemeral' });
    await postgres.pause();
    try {
      const answer = await leaderboard();
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual(tryAgain);
      expect(failures()).toHaveLength(1);

      // Once that cache has expired, authorization fails first (Bolt's Socket Mode receiver acknowledged this one
      // with nothing): the same answer.
      await eventually(
        async () => {
          const again = await leaderboard();
          expect(again.status).toBe(200);
          expect(again.json).toEqual(tryAgain);
          return failures().some(refusedAtAuthorization) ? true : undefined;
        },
        'a command refused while authorizing',
        20_000,
      );
      expect(failures().filter((message) => !refusedAtAuthorization(message)).length).toBeGreaterThan(0);

      const event = await failing.driver.event({
        teamId,
        event: { type: 'user_change', user: { id: 'U0ALEX', team_id: teamId, name: 'alex', profile: { title: 'x' } } },
      });
      expect(event.status).toBe(200);
    } finally {
      await postgres.resume();
    }

    // With Postgres back, the same command answers with the leaderboard over the same connection.
    const back = await eventually(async () => {
      const response = await leaderboard();
      const text = (response.json as { text?: string } | undefined)?.text;
      return response.status === 200 && text !== tryAgainText ? response : undefined;
    }, 'the leaderboard once Postgres is back');
    expect(back.json).toMatchObject({ response_type: 'ephemeral' });
  }, 90_000);
});
