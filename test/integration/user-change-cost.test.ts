import { WebClient } from '@slack/web-api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queueNames } from '../../jobs/contracts.ts';
import { defaultWorkspace, type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually, sleep } from '../support/wait.ts';

let h: Harness;
let dana: Record<string, unknown>;

beforeAll(async () => {
  const users = [
    ...(defaultWorkspace.users ?? []),
    { id: 'U0DANA', name: 'dana', realName: 'Dana Scientist', title: 'Researcher', email: 'dana@acme.test' },
  ];
  h = await startHarness({ label: 'user-change-cost', workspaces: [{ ...defaultWorkspace, users }] });
  await waitForMember(h.service.deps.db, h.workspace.teamId, 'U0DANA');
  // The user object exactly as Slack sends it (users.info and user_change carry the same object).
  const slack = new WebClient(h.workspace.botToken, { slackApiUrl: h.sandbox.apiUrl });
  dana = (await slack.users.info({ user: 'U0DANA' })).user as Record<string, unknown>;
  await settled();
});
afterAll(async () => {
  await h?.stop();
});

/** No job waiting or running, so the counts below move only by what the event under test does. */
async function settled(): Promise<void> {
  await eventually(async () => {
    const counts = await Promise.all(queueNames.map((name) => h.service.deps.queues.queue(name).getJobCounts()));
    return counts.every((c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) === 0) ? true : undefined;
  }, 'queues idle');
}

/** Everything a user_change could cost: a write to the person's row (its xmin), an event claim, a job, a Slack call. */
async function effects() {
  const row = await sql<{ xmin: string; title: string }>`
    select xmin::text as xmin, title from members where workspace_id = ${h.workspace.teamId} and user_id = 'U0DANA'`.execute(
    h.service.deps.db,
  );
  const claims = await h.service.deps.db
    .selectFrom('processed_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const jobs = await Promise.all(queueNames.map((name) => h.service.deps.queues.queue(name).getJobCounts()));
  return {
    rowVersion: row.rows[0]?.xmin,
    title: row.rows[0]?.title,
    claims: Number(claims.n),
    jobs: jobs.map((c) => Object.values(c).reduce((a, b) => a + b, 0)),
    slackCalls: h.sandbox.calls.length,
  };
}

async function userChange(user: Record<string, unknown>, retryOf?: string): Promise<string> {
  const response = await h.driver.event({
    teamId: h.workspace.teamId,
    event: { type: 'user_change', user, event_ts: `${Date.now() / 1000}` },
    ...(retryOf ? { eventId: retryOf, retryNum: 1, retryReason: 'http_timeout' } : {}),
  });
  expect(response.status).toBe(200);
  return response.eventId;
}

/** Lets any work the event caused show itself before counting. */
const quietMoment = () => sleep(500);

describe('user_change costs only what it changes', () => {
  test('a photo edit writes no row, claims nothing, queues no job and calls Slack for nothing', async () => {
    const before = await effects();
    expect(before.rowVersion).toBeDefined();
    const profile = (dana.profile ?? {}) as Record<string, unknown>;
    await userChange({ ...dana, profile: { ...profile, image_72: 'https://avatars.example/dana-new.png' } });
    await quietMoment();
    expect(await effects()).toEqual(before);
  });

  test('a status edit is saved, so features can tell who is away', async () => {
    const profile = (dana.profile ?? {}) as Record<string, unknown>;
    await userChange({
      ...dana,
      profile: { ...profile, status_emoji: ':palm_tree:', status_text: 'Away', status_expiration: 1_900_000_000 },
    });
    const saved = await eventually(async () => {
      const row = await h.service.deps.db
        .selectFrom('members')
        .select(['status_text', 'status_emoji', 'status_expiration'])
        .where('workspace_id', '=', h.workspace.teamId)
        .where('user_id', '=', 'U0DANA')
        .executeTakeFirst();
      return row?.status_emoji === ':palm_tree:' ? row : undefined;
    }, 'the status saved');
    expect(saved).toEqual({
      status_text: 'Away',
      status_emoji: ':palm_tree:',
      status_expiration: new Date(1_900_000_000 * 1000),
    });
    await userChange({ ...dana, profile: { ...profile, status_emoji: '', status_text: '', status_expiration: 0 } });
    await eventually(async () => {
      const row = await h.service.deps.db
        .selectFrom('members')
        .select(['status_emoji', 'status_expiration'])
        .where('workspace_id', '=', h.workspace.teamId)
        .where('user_id', '=', 'U0DANA')
        .executeTakeFirst();
      return row?.status_emoji === '' && row.status_expiration === null ? true : undefined;
    }, 'the status cleared');
  });

  test('a new title is one update, and its retries write nothing more', async () => {
    const before = await effects();
    const profile = (dana.profile ?? {}) as Record<string, unknown>;
    const changed = { ...dana, profile: { ...profile, title: 'Head of Research' } };
    const eventId = await userChange(changed);
    const after = await eventually(async () => {
      const now = await effects();
      return now.title === 'Head of Research' ? now : undefined;
    }, 'the new title saved');
    expect(after.rowVersion).not.toBe(before.rowVersion);
    for (let retry = 0; retry < 3; retry += 1) await userChange(changed, eventId);
    await quietMoment();
    expect(await effects()).toEqual({ ...before, rowVersion: after.rowVersion, title: 'Head of Research' });
  });
});
