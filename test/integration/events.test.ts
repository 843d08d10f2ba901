import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';
import { eventually, sleep } from '../support/wait.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ label: 'events' });
});
afterAll(async () => {
  await h?.stop();
});

describe('events', () => {
  /** Sends an event and three retries of it (same event_id, X-Slack-Retry-Num 1–3), as Slack does. */
  async function deliverFourTimes(event: Record<string, unknown>): Promise<string> {
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
    return first.eventId;
  }
  const claimsOf = (eventId: string) =>
    h.service.deps.db.selectFrom('processed_events').selectAll().where('event_id', '=', eventId).execute();
  /** Lets any duplicate work show itself before counting. */
  const quietMoment = () => sleep(500);

  test('opening the Home, delivered four times: one publish, one welcome DM', async () => {
    await deliverFourTimes({
      type: 'app_home_opened',
      user: 'U0CARA',
      channel: 'D0CARA',
      tab: 'home',
      event_ts: `${Date.now() / 1000}`,
    });
    await h.sandbox.waitFor(() => h.sandbox.homeView(h.workspace.teamId, 'U0CARA'), {
      description: 'home view published',
    });
    await h.sandbox.waitFor(() => h.sandbox.callsTo('chat.postMessage').find((c) => c.status === 200), {
      description: 'welcome DM',
    });
    await quietMoment();
    expect(h.sandbox.callsTo('views.publish').filter((c) => c.args.user_id === 'U0CARA')).toHaveLength(1);
    expect(h.sandbox.callsTo('chat.postMessage')).toHaveLength(1);
  });

  test('a kudos reaction, delivered four times: one kudos, one thank-you post, one note to the giver', async () => {
    const ts = `1700000000.${String(Date.now() % 1_000_000).padStart(6, '0')}`;
    const postsBefore = h.sandbox.callsTo('chat.postMessage').length;
    await deliverFourTimes({
      type: 'reaction_added',
      user: 'U0BOB',
      reaction: 'clap',
      item_user: 'U0ALICE',
      item: { type: 'message', channel: 'C0GENERAL', ts },
      event_ts: `${Date.now() / 1000}`,
    });
    const gifts = () =>
      h.service.deps.db
        .selectFrom('kudos_gifts')
        .select(['id', 'announced_at'])
        .where('workspace_id', '=', h.workspace.teamId)
        .where('source_ts', '=', ts)
        .execute();
    await eventually(async () => ((await gifts())[0]?.announced_at ? true : undefined), 'the kudos announced');
    await h.sandbox.waitFor(() => h.sandbox.ephemerals({ userId: 'U0BOB' }).find((e) => e.text.includes('Kudos sent')));
    await quietMoment();
    expect(await gifts()).toHaveLength(1);
    expect(h.sandbox.ephemerals({ userId: 'U0BOB' }).filter((e) => e.text.includes('Kudos sent'))).toHaveLength(1);
    // The public thank-you in the message's thread and the recipient's DM: each posted once.
    expect(h.sandbox.callsTo('chat.postMessage').length - postsBefore).toBe(2);
  });

  test('an event without a key of its own, delivered four times, is claimed once and handled once', async () => {
    const handled = () =>
      h.service.deps.db
        .selectFrom('members')
        .select('title')
        .where('workspace_id', '=', h.workspace.teamId)
        .where('user_id', '=', 'U0NEWBIE')
        .executeTakeFirst();
    const eventId = await deliverFourTimes({
      type: 'team_join',
      user: { id: 'U0NEWBIE', team_id: h.workspace.teamId, name: 'newbie', profile: { title: 'Retried Title' } },
    });
    await eventually(async () => ((await handled())?.title === 'Retried Title' ? true : undefined), 'the change');
    await quietMoment();
    expect(await claimsOf(eventId)).toHaveLength(1);
  });

  test('a user_change, delivered four times, claims nothing and writes the directory row once', async () => {
    const row = () =>
      sql<{ xmin: string; title: string }>`
        select xmin::text as xmin, title from members where workspace_id = ${h.workspace.teamId} and user_id = 'U0ALICE'`
        .execute(h.service.deps.db)
        .then((r) => r.rows[0]);
    const event = {
      type: 'user_change',
      user: { id: 'U0ALICE', team_id: h.workspace.teamId, name: 'alice', profile: { title: 'Retried Title' } },
    };
    const first = await h.driver.event({ teamId: h.workspace.teamId, event });
    const written = await eventually(async () => {
      const now = await row();
      return now?.title === 'Retried Title' ? now : undefined;
    }, 'the change');
    for (const retryNum of [1, 2, 3]) {
      await h.driver.event({ teamId: h.workspace.teamId, event, eventId: first.eventId, retryNum });
    }
    await quietMoment();
    expect((await row())?.xmin).toBe(written.xmin);
    expect(await claimsOf(first.eventId)).toHaveLength(0);
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
    await quietMoment();
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
