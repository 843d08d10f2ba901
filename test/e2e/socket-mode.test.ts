import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandAnswer } from '../../src/sandbox/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';

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
