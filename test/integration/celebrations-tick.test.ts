import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { ProcessorDeps } from '../../jobs/processor.ts';
import { processCelebrationsTick } from '../../jobs/processors/celebrations-tick.ts';
import { processMembersSync } from '../../jobs/processors/members-sync.ts';
import { upsertCelebrationSettings } from '../../src/db/queries/celebration-settings.ts';
import { createDeps } from '../../src/deps.ts';
import { planCelebrationPosts } from '../../src/domain/celebrations/plan-posts.ts';
import { saveCelebrationProfile } from '../../src/domain/celebrations/profiles.ts';
import { celebrationsWorkspace, worldZones } from '../support/celebrations-workspace.ts';
import { uniquePrefix } from '../support/databases.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * The hourly (here: stepped) celebrations job against real Postgres and the sandbox, with a clock the test moves.
 * Only the web role runs, so nothing fires on its own: every tick is the test's.
 */

const teamId = 'T0TICK';
const clock = {
  t: new Date('2027-01-01T00:00:00Z'),
  now() {
    return new Date(this.t);
  },
};
let h: Harness;

const ctx = (deps: ProcessorDeps) => ({ deps, jobId: undefined, finalAttempt: false, saveProgress: async () => {} });
const tick = (deps: ProcessorDeps = h.service.deps) => processCelebrationsTick({ workspaceId: teamId }, ctx(deps));
const db = () => h.service.deps.db;

async function settings(postHour: number, weekendRule: 'friday' | 'monday' | 'keep') {
  await upsertCelebrationSettings(db(), teamId, {
    channel_id: 'C0PARTY',
    post_hour: postHour,
    weekend_rule: weekendRule,
    paused: false,
    updated_at: clock.now(),
  });
}

async function dates(
  userId: string,
  input: {
    birthday?: [number, number];
    startDate?: string;
    birthday_visibility?: string;
    anniversary_visibility?: string;
  },
) {
  const result = await saveCelebrationProfile(db(), {
    workspaceId: teamId,
    userId,
    profile: {
      birthdayMonth: input.birthday ? String(input.birthday[0]) : null,
      birthdayDay: input.birthday ? String(input.birthday[1]) : null,
      startDate: input.startDate ?? null,
      birthdayVisibility: input.birthday_visibility ?? 'channel',
      anniversaryVisibility: input.anniversary_visibility ?? 'channel',
    },
    now: new Date('2026-11-01T00:00:00Z'),
  });
  expect(result).toEqual({ ok: true });
}

/** Who was mentioned in the celebrations channel, by which message, and at which clock time. */
const mentions = new Map<string, Array<{ at: string; ts: string; text: string }>>();
let seenMessages = 0;
function collect(): void {
  const messages = h.sandbox.messages('C0PARTY');
  for (const message of messages.slice(seenMessages)) {
    for (const m of message.text.matchAll(/<@([A-Z0-9]+)>/g)) {
      const id = m[1] as string;
      mentions.set(id, [
        ...(mentions.get(id) ?? []),
        { at: clock.now().toISOString(), ts: message.ts, text: message.text },
      ]);
    }
  }
  seenMessages = messages.length;
}

async function runTicks(fromIso: string, untilIso: string, stepMinutes: number, deps?: ProcessorDeps) {
  for (let t = new Date(fromIso).getTime(); t <= new Date(untilIso).getTime(); t += stepMinutes * 60_000) {
    clock.t = new Date(t);
    await tick(deps);
    collect();
  }
}

const dmsTo = (userId: string) =>
  h.sandbox
    .callsTo('chat.postMessage')
    .filter(
      (c) => c.status === 200 && String(c.args.channel).startsWith('D') && String(c.args.text).includes(`<@${userId}>`),
    );

beforeAll(async () => {
  h = await startHarness({
    label: 'cel-tick',
    roles: ['web'],
    workspaces: [celebrationsWorkspace(teamId)],
    clock,
    sandboxOnClock: true,
  });
  await processMembersSync({ workspaceId: teamId, reason: 'test' }, ctx(h.service.deps));
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  for (const table of ['celebration_posts', 'celebration_profiles'] as const) {
    await db().deleteFrom(table).where('workspace_id', '=', teamId).execute();
  }
  mentions.clear();
  seenMessages = h.sandbox.messages('C0PARTY').length;
});

describe('birthdays and anniversaries, tick by tick', () => {
  test('UTC−12 to UTC+14 on the same date: each person once, at the first tick after 09:00 in their own zone', async () => {
    await settings(9, 'friday');
    for (const z of worldZones) await dates(z.id, { birthday: [3, 10] });
    await dates('U0DEV', { birthday: [3, 10], birthday_visibility: 'dm' });
    await dates('U0OPS', { birthday: [3, 10], birthday_visibility: 'none' });
    // A stale row for someone who has left (the purge normally removes it): still never celebrated.
    await db()
      .insertInto('celebration_profiles')
      .values({
        workspace_id: teamId,
        user_id: 'U0GONE',
        birthday_month: 3,
        birthday_day: 10,
        birthday_visibility: 'channel',
        source: 'self',
        updated_at: clock.now(),
      })
      .execute();

    await runTicks('2027-03-08T00:00:00Z', '2027-03-12T00:00:00Z', 60);

    const firstTick: Record<string, string> = {
      U0KIRI: '2027-03-09T19:00:00.000Z',
      U0SYD: '2027-03-09T22:00:00.000Z',
      U0KTM: '2027-03-10T04:00:00.000Z', // 03:15Z: the next hourly tick
      U0DELHI: '2027-03-10T04:00:00.000Z', // 03:30Z
      U0BERLIN: '2027-03-10T08:00:00.000Z',
      U0LAGOS: '2027-03-10T08:00:00.000Z',
      U0UTC: '2027-03-10T09:00:00.000Z',
      U0NYC: '2027-03-10T14:00:00.000Z',
      U0PAGO: '2027-03-10T20:00:00.000Z',
      U0BAKER: '2027-03-10T21:00:00.000Z',
    };
    for (const [userId, at] of Object.entries(firstTick)) {
      expect(
        mentions.get(userId)?.map((m) => m.at),
        userId,
      ).toEqual([at]);
    }
    // Same moment, one post; different moments in the same tick, separate posts.
    expect(mentions.get('U0BERLIN')?.[0]?.ts).toBe(mentions.get('U0LAGOS')?.[0]?.ts);
    expect(mentions.get('U0KTM')?.[0]?.ts).not.toBe(mentions.get('U0DELHI')?.[0]?.ts);
    expect(new Set([...mentions.values()].flat().map((m) => m.ts)).size).toBe(9);
    expect(mentions.get('U0BERLIN')?.[0]?.text).toContain('Happy birthday, <@U0BERLIN>!');
    // DM only: a DM, never the channel. Nobody / left: nothing at all.
    expect(mentions.has('U0DEV')).toBe(false);
    expect(dmsTo('U0DEV')).toHaveLength(1);
    expect(mentions.has('U0OPS')).toBe(false);
    expect(dmsTo('U0OPS')).toHaveLength(0);
    expect(mentions.has('U0GONE')).toBe(false);
    const rows = await db().selectFrom('celebration_posts').selectAll().where('workspace_id', '=', teamId).execute();
    expect(rows.map((r) => [r.user_id, r.status]).sort()).toEqual(
      [...worldZones.map((z) => z.id), 'U0DEV'].sort().map((id) => [id, 'posted']),
    );

    // The same day again (a duplicated job, a clock stepping back): nothing new.
    const before = h.sandbox.callsTo('chat.postMessage').length;
    await runTicks('2027-03-09T18:00:00Z', '2027-03-11T06:00:00Z', 30);
    expect(h.sandbox.callsTo('chat.postMessage').length).toBe(before);
  });

  test('a DST change night: a skipped 02:00 posts at 03:00 after the gap, a repeated 02:00 posts once', async () => {
    await settings(2, 'keep');
    await dates('U0NYC', { birthday: [3, 14] }); // New York springs forward at 02:00 on Sunday 14 March 2027
    await dates('U0BERLIN', { startDate: '2020-10-31', birthday_visibility: 'none' }); // Berlin falls back 31 Oct

    await runTicks('2027-03-13T23:00:00Z', '2027-03-14T12:00:00Z', 15);
    expect(mentions.get('U0NYC')?.map((m) => m.at)).toEqual(['2027-03-14T07:00:00.000Z']);

    await runTicks('2027-10-30T20:00:00Z', '2027-10-31T08:00:00Z', 15);
    const berlin = mentions.get('U0BERLIN') ?? [];
    expect(berlin.map((m) => m.at)).toEqual(['2027-10-31T00:00:00.000Z']);
    expect(berlin[0]?.text).toContain('celebrates 7 years with us');
  });

  test('Feb 29: Friday before a Sunday Feb 28 in 2027, on the day in leap year 2028', async () => {
    await settings(9, 'friday');
    await dates('U0UTC', { birthday: [2, 29] });
    await runTicks('2027-02-24T00:00:00Z', '2027-03-03T00:00:00Z', 180);
    await runTicks('2028-02-24T00:00:00Z', '2028-03-03T00:00:00Z', 180);
    const posts = mentions.get('U0UTC') ?? [];
    expect(posts.map((m) => m.at)).toEqual(['2027-02-26T09:00:00.000Z', '2028-02-29T09:00:00.000Z']);
    expect(posts[0]?.text).toContain("a little early: it's on Sunday 28 February");
    expect(posts[1]?.text).not.toContain('early');
  });

  test('anniversaries note the years and highlight milestones; several on one moment share one post', async () => {
    await settings(9, 'keep');
    await dates('U0UTC', { startDate: '2022-06-09', birthday_visibility: 'none' }); // 5 years: a milestone
    await dates('U0PM', { startDate: '2024-06-09', birthday_visibility: 'none' }); // 3 years, NY
    await dates('U0OPS', { birthday: [6, 9] }); // Chicago
    await dates('U0ADA', { birthday: [6, 9], startDate: '2017-06-09' }); // London: birthday and 10 years
    await runTicks('2027-06-08T00:00:00Z', '2027-06-10T12:00:00Z', 60);
    const ada = mentions.get('U0ADA') ?? [];
    expect(ada).toHaveLength(2); // named twice in one message: the birthday and the anniversary
    expect(ada[0]?.ts).toBe(ada[1]?.ts);
    expect(ada[0]?.text).toMatch(/Happy birthday, <@U0ADA>![\s\S]*\*10 years!\* <@U0ADA>/);
    expect(mentions.get('U0UTC')?.[0]?.text).toContain('*5 years!* <@U0UTC> joined us 5 years ago');
    expect(mentions.get('U0PM')?.[0]?.text).toContain('<@U0PM> celebrates 3 years with us!');
    expect(mentions.get('U0OPS')).toHaveLength(1);
  });

  test('a restart halfway through the day: no double post, no miss', async () => {
    await settings(9, 'friday');
    for (const z of worldZones) await dates(z.id, { birthday: [6, 16] });

    // Process A runs through the early part of Wednesday 16 June 2027 (UTC)...
    await runTicks('2027-06-15T12:00:00Z', '2027-06-16T07:00:00Z', 60);
    expect([...mentions.keys()].sort()).toEqual(['U0BERLIN', 'U0DELHI', 'U0KIRI', 'U0KTM', 'U0SYD']);
    // ...then Slack takes the Lagos post but the answer is lost (a crash between post and record)...
    clock.t = new Date('2027-06-16T08:00:00Z');
    h.sandbox.inject({ method: 'chat.postMessage', kind: 'fail_after_effect', status: 500 });
    await expect(tick()).rejects.toThrow();
    collect();
    expect(mentions.get('U0LAGOS')).toHaveLength(1);
    // ...and at 09:00 it decides the UTC post and dies before sending it.
    clock.t = new Date('2027-06-16T09:00:00Z');
    expect(await planCelebrationPosts(db(), { workspaceId: teamId, now: clock.now() })).toMatchObject({ planned: 1 });

    // Process B: new pools, new sender, nothing remembered but Postgres.
    const restarted = createDeps(h.config, { clock, queuePrefix: uniquePrefix('cel-restart'), logDestination: h.logs });
    try {
      await runTicks('2027-06-16T09:00:00Z', '2027-06-17T12:00:00Z', 60, restarted);
    } finally {
      await restarted.close();
    }
    for (const z of worldZones) expect(mentions.get(z.id), z.id).toHaveLength(1);
    expect(mentions.get('U0UTC')?.[0]?.at).toBe('2027-06-16T09:00:00.000Z');
    // The lost answer was recovered from the channel's history instead of posting again.
    const lagos = await db()
      .selectFrom('celebration_posts')
      .select(['status', 'message_ts'])
      .where('workspace_id', '=', teamId)
      .where('user_id', '=', 'U0LAGOS')
      .executeTakeFirstOrThrow();
    expect(lagos).toEqual({ status: 'posted', message_ts: mentions.get('U0LAGOS')?.[0]?.ts });
  });

  test('paused: nothing is decided or posted; resumed within the day, it catches up once', async () => {
    await settings(9, 'keep');
    await upsertCelebrationSettings(db(), teamId, { paused: true, updated_at: clock.now() });
    await dates('U0UTC', { birthday: [7, 7] });
    await runTicks('2027-07-07T06:00:00Z', '2027-07-07T12:00:00Z', 60);
    expect(mentions.size).toBe(0);
    await upsertCelebrationSettings(db(), teamId, { paused: false, updated_at: clock.now() });
    await runTicks('2027-07-07T13:00:00Z', '2027-07-08T12:00:00Z', 60);
    expect(mentions.get('U0UTC')?.map((m) => m.at)).toEqual(['2027-07-07T13:00:00.000Z']);
  });
});
