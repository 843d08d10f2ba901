import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ label: 'events' });
});
afterAll(async () => {
  await h?.stop();
});

describe('events', () => {
  test('an event delivered four times (original and three retries) has exactly one effect', async () => {
    const event = {
      type: 'app_home_opened',
      user: 'U0CARA',
      channel: 'D0CARA',
      tab: 'home',
      event_ts: `${Date.now() / 1000}`,
    };
    const first = await h.driver.event({ teamId: h.workspace.teamId, event });
    expect(first.status).toBe(200);
    for (const retryNum of [1, 2, 3]) {
      const retry = await h.driver.event({
        teamId: h.workspace.teamId,
        event,
        eventId: first.eventId,
        retryNum,
        retryReason: 'http_timeout',
      });
      expect(retry.status).toBe(200);
    }
    await h.sandbox.waitFor(() => h.sandbox.homeView(h.workspace.teamId, 'U0CARA'), {
      description: 'home view published',
    });
    await h.sandbox.waitFor(() => h.sandbox.callsTo('chat.postMessage').find((c) => c.status === 200), {
      description: 'welcome DM',
    });
    // Give any duplicate work time to show itself before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.sandbox.callsTo('views.publish').filter((c) => c.args.user_id === 'U0CARA')).toHaveLength(1);
    expect(h.sandbox.callsTo('chat.postMessage')).toHaveLength(1);
    const claims = await h.service.deps.db
      .selectFrom('processed_events')
      .selectAll()
      .where('event_id', '=', first.eventId)
      .execute();
    expect(claims).toHaveLength(1);
  });

  test('the Home tab welcomes the user by name with their time zone', async () => {
    await h.sandbox.waitFor(() => h.sandbox.homeView(h.workspace.teamId, 'U0CARA'));
    const view = JSON.stringify(h.sandbox.homeView(h.workspace.teamId, 'U0CARA'));
    expect(view).toContain('Welcome to Nudge');
    expect(view).toContain('Asia/Tokyo');
  });

  test('the welcome DM is sent once per person however often they open the app', async () => {
    const before = h.sandbox.callsTo('chat.postMessage').length;
    await h.driver.event({
      teamId: h.workspace.teamId,
      event: { type: 'app_home_opened', user: 'U0CARA', tab: 'messages' },
    });
    await h.driver.event({
      teamId: h.workspace.teamId,
      event: { type: 'app_home_opened', user: 'U0CARA', tab: 'home' },
    });
    await h.sandbox.waitFor(
      () => h.sandbox.callsTo('views.publish').filter((c) => c.args.user_id === 'U0CARA').length === 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.sandbox.callsTo('chat.postMessage').length).toBe(before);
  });

  test('user_change keeps the member directory fresh', async () => {
    await h.driver.event({
      teamId: h.workspace.teamId,
      event: {
        type: 'user_change',
        user: {
          id: 'U0BOB',
          team_id: h.workspace.teamId,
          name: 'bob',
          tz: 'Pacific/Auckland',
          tz_offset: 46800,
          profile: { display_name: 'Bobby', title: 'Staff Engineer' },
        },
      },
    });
    const row = await eventually(() =>
      h.service.deps.db
        .selectFrom('members')
        .selectAll()
        .where('workspace_id', '=', h.workspace.teamId)
        .where('user_id', '=', 'U0BOB')
        .where('title', '=', 'Staff Engineer')
        .executeTakeFirst(),
    );
    expect(row.time_zone).toBe('Pacific/Auckland');
    expect(row.display_name).toBe('Bobby');
  });
});
