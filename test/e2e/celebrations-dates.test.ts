import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { upsertCelebrationSettings } from '../../src/db/queries/celebration-settings.ts';
import { formatDate } from '../../src/domain/celebrations/occasions.ts';
import { saveCelebrationProfile } from '../../src/domain/celebrations/profiles.ts';
import { addDays, zonedParts } from '../../src/domain/time/zoned-time.ts';
import { commandAnswer, type OpenView } from '../../src/sandbox/index.ts';
import { celebrationsWorkspace, worldZones } from '../support/celebrations-workspace.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0DATES';

beforeAll(async () => {
  // Kiri's Slack status says they are on parental leave for another month: no ask reaches them meanwhile.
  const spec = celebrationsWorkspace(teamId);
  const inAMonth = Math.floor(Date.now() / 1000) + 30 * 24 * 3600;
  const users = (spec.users ?? []).map((u) =>
    u.id === 'U0KIRI' ? { ...u, status: { text: 'Parental leave', emoji: ':baby:', expiration: inAMonth } } : u,
  );
  h = await startHarness({ label: 'cel-dates', workspaces: [{ ...spec, users }] });
  await waitForMember(h.service.deps.db, teamId, 'U0KIRI');
});
afterAll(async () => {
  await h?.stop();
});

const db = () => h.service.deps.db;
const profile = (userId: string) =>
  db()
    .selectFrom('celebration_profiles')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
const settingsRow = () =>
  db().selectFrom('celebration_settings').selectAll().where('workspace_id', '=', teamId).executeTakeFirst();

async function opened(callbackId: string, userId: string, after: number): Promise<OpenView> {
  return await h.sandbox.waitFor(() =>
    h.sandbox
      .openViews()
      .find(
        (v) => v.updatedAt >= after && v.view.callback_id === callbackId && v.userId === userId && v.state === 'open',
      ),
  );
}

async function clickHome(userId: string, actionId: string, value?: string) {
  return await h.driver.interaction({
    teamId,
    userId,
    payload: { type: 'block_actions', actions: [{ action_id: actionId, type: 'button', ...(value ? { value } : {}) }] },
  });
}

async function command(userId: string, text: string) {
  return await h.driver.command({ teamId, userId, channelId: 'C0SHIP', command: '/celebrate', text });
}

/** Opens the Home tab and returns the first view published after that which shows `expected` (jobs may lag). */
async function homeOf(userId: string, expected?: string): Promise<string> {
  const after = Date.now();
  await h.driver.event({ teamId, event: { type: 'app_home_opened', user: userId, tab: 'home' } });
  return await h.sandbox.waitFor(() =>
    h.sandbox
      .callsTo('views.publish')
      .filter((c) => c.at >= after && c.args.user_id === userId && c.status === 200)
      .map((c) => JSON.stringify(c.args.view))
      .find((view) => expected === undefined || view.includes(expected)),
  );
}

function datesSubmission(
  view: OpenView,
  v: { month?: string; day?: string; birthday?: string; start?: string; anniversary?: string },
) {
  const select = (value: string | undefined) => (value ? { value, text: { type: 'plain_text', text: value } } : null);
  return {
    type: 'view_submission',
    view: {
      id: view.id,
      callback_id: 'celebrations_dates',
      state: {
        values: {
          dates_birthday_month: { birthdayMonth: { type: 'static_select', selected_option: select(v.month) } },
          dates_birthday_day: { birthdayDay: { type: 'static_select', selected_option: select(v.day) } },
          dates_birthday_visibility: {
            birthdayVisibility: { type: 'radio_buttons', selected_option: select(v.birthday ?? 'dm') },
          },
          dates_start_date: { startDate: { type: 'datepicker', selected_date: v.start ?? null } },
          dates_anniversary_visibility: {
            anniversaryVisibility: { type: 'radio_buttons', selected_option: select(v.anniversary ?? 'dm') },
          },
        },
      },
    },
  };
}

describe('people add their own dates', () => {
  test('from App Home: private by default, bad dates answered inline, nothing saved until they are right', async () => {
    const home = await homeOf('U0DEV', 'Add my dates');
    expect(home).toContain('"text":"Celebrations"');
    expect(home).toContain('Add my dates');
    expect(home).not.toContain('Celebrations admin');

    const started = Date.now();
    await clickHome('U0DEV', 'celebrations_open_dates');
    const view = await opened('celebrations_dates', 'U0DEV', started);
    // Private unless the person chooses otherwise.
    expect(JSON.stringify(view.view.blocks)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Just me (a DM from Nudge)"},"value":"dm"}',
    );

    const answer = async (values: Parameters<typeof datesSubmission>[1]) =>
      (await h.driver.interaction({ teamId, userId: 'U0DEV', payload: datesSubmission(view, values) })).json;
    expect(await answer({ month: '2', day: '30' })).toEqual({
      response_action: 'errors',
      errors: { dates_birthday_day: 'That month has no day 30.' },
    });
    expect(await answer({ month: '4' })).toEqual({
      response_action: 'errors',
      errors: { dates_birthday_day: 'Choose the day of your birthday too.' },
    });
    expect(await answer({ start: '2999-01-01' })).toEqual({
      response_action: 'errors',
      errors: { dates_start_date: "A start date can't be in the future." },
    });
    expect(await profile('U0DEV')).toBeUndefined();

    const saved = await h.driver.interaction({
      teamId,
      userId: 'U0DEV',
      payload: datesSubmission(view, {
        month: '2',
        day: '29',
        birthday: 'channel',
        start: '2019-05-02',
        anniversary: 'none',
      }),
    });
    // Saved, with a plain note: no celebrations channel is chosen yet, so the channel birthday waits.
    const confirmation = saved.json as { response_action: string; view: { title: { text: string } } };
    expect(confirmation).toMatchObject({ response_action: 'update', view: { title: { text: 'Dates saved' } } });
    const note = JSON.stringify(confirmation.view);
    expect(note).toContain('Your dates are saved');
    expect(note).toContain("your birthday can't be celebrated in the channel yet, because no celebrations channel");
    expect(note).not.toContain(':warning:');
    expect(await profile('U0DEV')).toMatchObject({
      birthday_month: 2,
      birthday_day: 29,
      birthday_visibility: 'channel',
      start_date: '2019-05-02',
      anniversary_visibility: 'none',
      source: 'self',
    });
    const after = await homeOf('U0DEV', 'Edit my dates');
    expect(after).toContain('Feb 29 · celebrated in the channel');
    expect(after).toContain('2019-05-02 · not celebrated');
    expect(after).toContain('Edit my dates');
    expect(after).not.toContain('waiting for a channel');
  });

  test('admins see how many celebrations wait for a channel, with a button to choose one', async () => {
    const home = await homeOf('U0ADA', 'waiting for a channel');
    expect(home).toContain('*1 celebration waiting for a channel.*');
    expect(home).toContain(
      '"accessory":{"type":"button","action_id":"celebrations_open_settings","style":"primary","text":{"type":"plain_text","text":"Choose a channel"}}',
    );
    await saveCelebrationProfile(db(), {
      workspaceId: teamId,
      userId: 'U0OPS',
      profile: {
        birthdayMonth: null,
        birthdayDay: null,
        startDate: '2020-01-15',
        birthdayVisibility: 'dm',
        anniversaryVisibility: 'channel',
      },
      now: new Date(),
    });
    expect(await homeOf('U0ADA', '2 celebrations waiting')).toContain('*2 celebrations waiting for a channel.*');
    await db()
      .deleteFrom('celebration_profiles')
      .where('workspace_id', '=', teamId)
      .where('user_id', '=', 'U0OPS')
      .execute();

    // The button opens the celebration settings, where the channel is chosen.
    const started = Date.now();
    await clickHome('U0ADA', 'celebrations_open_settings');
    await opened('celebrations_settings', 'U0ADA', started);
  });

  test('/celebrate dates opens the same modal with what is saved', async () => {
    const started = Date.now();
    const response = await command('U0DEV', 'dates');
    expect(response.status).toBe(200);
    const view = await opened('celebrations_dates', 'U0DEV', started);
    expect(JSON.stringify(view.view.blocks)).toContain('"initial_date":"2019-05-02"');
  });
});

describe('admins', () => {
  test('settings are for admins only, checked on the server, and drive the schedules', async () => {
    expect(((await command('U0DEV', 'settings')).json as { text: string }).text).toContain('Only Nudge admins');
    const started = Date.now();
    await command('U0ADA', 'settings');
    const view = await opened('celebrations_settings', 'U0ADA', started);
    const field = (block: string, action: string, value: unknown) => ({ [block]: { [action]: value } });
    const values = (overrides: Record<string, unknown> = {}) => ({
      ...field('celebrations_channel', 'channelId', { selected_conversation: 'C0PARTY' }),
      ...field('celebrations_post_hour', 'postHour', { selected_option: { value: '9' } }),
      ...field('celebrations_weekend_rule', 'weekendRule', { selected_option: { value: 'monday' } }),
      ...field('celebrations_digest_channel', 'digestChannelId', { selected_conversation: 'C0SHIP' }),
      ...field('celebrations_digest_weekday', 'digestWeekday', { selected_option: { value: '5' } }),
      ...field('celebrations_digest_hour', 'digestHour', { selected_option: { value: '16' } }),
      ...field('celebrations_paused', 'paused', { selected_options: [] }),
      ...overrides,
    });
    const submit = async (userId: string, overrides?: Record<string, unknown>) =>
      (
        await h.driver.interaction({
          teamId,
          userId,
          payload: {
            type: 'view_submission',
            view: { id: view.id, callback_id: 'celebrations_settings', state: { values: values(overrides) } },
          },
        })
      ).json;

    expect(await submit('U0DEV')).toMatchObject({
      response_action: 'errors',
      errors: { celebrations_channel: expect.stringContaining('Only Nudge admins') },
    });
    expect(
      await submit('U0ADA', {
        celebrations_post_hour: { postHour: { selected_option: { value: '24' } } },
        celebrations_weekend_rule: { weekendRule: { selected_option: { value: 'sunday' } } },
      }),
    ).toEqual({
      response_action: 'errors',
      errors: {
        celebrations_post_hour: 'Choose an hour from 00:00 to 23:00.',
        celebrations_weekend_rule: 'Choose Friday before, Monday after, or keep the date.',
      },
    });
    expect(await settingsRow()).toBeUndefined();

    expect(await submit('U0ADA')).toBeUndefined();
    expect(await settingsRow()).toMatchObject({
      channel_id: 'C0PARTY',
      post_hour: 9,
      weekend_rule: 'monday',
      digest_channel_id: 'C0SHIP',
      digest_weekday: 5,
      digest_hour: 16,
      paused: false,
    });
    const queue = h.service.deps.queues.queue('nudge-messages');
    expect(
      await eventually(
        async () => (await queue.getJobScheduler(`ws.${teamId}.celebrations.digest`)) ?? undefined,
        'digest',
      ),
    ).toMatchObject({ pattern: '0 16 * * 5', tz: 'UTC' });
    expect(await queue.getJobScheduler(`ws.${teamId}.celebrations.tick`)).toMatchObject({
      pattern: '*/15 * * * *',
      tz: 'UTC',
    });
  });

  test('App Home shows admins the next 30 days (public ones by name, private ones only counted) and pause', async () => {
    const today = new Date();
    const inDays = (n: number) =>
      addDays({ year: today.getUTCFullYear(), month: today.getUTCMonth() + 1, day: today.getUTCDate() }, n);
    const soon = inDays(5);
    const later = inDays(10);
    const past = inDays(-60);
    const save = async (userId: string, date: { month: number; day: number }, visibility: string) =>
      expect(
        await saveCelebrationProfile(db(), {
          workspaceId: teamId,
          userId,
          profile: {
            birthdayMonth: String(date.month),
            birthdayDay: String(date.day),
            startDate: null,
            birthdayVisibility: visibility,
            anniversaryVisibility: 'none',
          },
          now: today,
        }),
      ).toEqual({ ok: true });
    await save('U0BERLIN', soon, 'channel');
    await save('U0UTC', later, 'dm');
    await save('U0NYC', past, 'channel');
    await db()
      .updateTable('celebration_profiles')
      .set({ start_date: formatDate({ ...soon, year: soon.year - 5 }), anniversary_visibility: 'channel' })
      .where('workspace_id', '=', teamId)
      .where('user_id', '=', 'U0BERLIN')
      .execute();

    const home = await homeOf('U0ADA', '5 years');
    expect(home).toContain('Celebrations admin');
    expect(home).toContain('Posting in <#C0PARTY> at 09:00');
    expect(home).not.toContain('waiting for a channel');
    expect(home).toContain('<@U0BERLIN>, birthday');
    expect(home).toContain('<@U0BERLIN>, 5 years :trophy:');
    expect(home).toContain('Plus 1 private one (DM only), not listed.');
    expect(home).not.toContain('<@U0UTC>');
    expect(home).not.toContain('<@U0NYC>');
    expect(home).toContain('Pause celebrations');

    // A non-admin's click changes nothing; an admin's pauses, and the digest stops being scheduled.
    const refusedAt = Date.now();
    await clickHome('U0DEV', 'celebrations_toggle_pause', 'pause');
    await h.sandbox.waitFor(() =>
      h.sandbox
        .openViews()
        .find(
          (v) =>
            v.updatedAt >= refusedAt && v.userId === 'U0DEV' && JSON.stringify(v.view).includes('Only Nudge admins'),
        ),
    );
    expect((await settingsRow())?.paused).toBe(false);
    await clickHome('U0ADA', 'celebrations_toggle_pause', 'pause');
    await eventually(async () => ((await settingsRow())?.paused ? true : undefined), 'paused');
    const queue = h.service.deps.queues.queue('nudge-messages');
    await eventually(
      async () => ((await queue.getJobScheduler(`ws.${teamId}.celebrations.digest`)) ? undefined : true),
      'digest unscheduled',
    );
    expect(await homeOf('U0ADA', 'Resume celebrations')).toContain('Resume celebrations');
    await clickHome('U0ADA', 'celebrations_toggle_pause', 'resume');
    await eventually(async () => ((await settingsRow())?.paused === false ? true : undefined), 'resumed');
  });

  test('CSV import: a preview with every row error first, nothing saved until confirmed, then only the good rows', async () => {
    expect(((await command('U0DEV', 'import')).json as { text: string }).text).toContain('Only Nudge admins');
    const started = Date.now();
    await command('U0ADA', 'import');
    const view = await opened('celebrations_import', 'U0ADA', started);
    const submit = async (csv: string, userId = 'U0ADA') =>
      await h.driver.interaction({
        teamId,
        userId,
        payload: {
          type: 'view_submission',
          view: {
            id: view.id,
            callback_id: 'celebrations_import',
            state: { values: { celebrations_csv: { csv: { type: 'plain_text_input', value: csv } } } },
          },
        },
      });
    expect((await submit('name,birthday\nx,01-01')).json).toEqual({
      response_action: 'errors',
      errors: {
        celebrations_csv:
          'Line 1: unknown column "name". Use person, birthday, start_date and visibility (or birthday_visibility, anniversary_visibility).',
      },
    });
    expect((await submit('person,birthday\nU0OPS,01-01', 'U0DEV')).json).toMatchObject({ response_action: 'errors' });

    const csv = [
      'person,birthday,start_date,visibility',
      'ops@party.test,12-24,2020-01-15,channel', // good
      'U0PM,1990-07-04,,', // good: year ignored, visibility left to the person (none)
      'U0DEV,,2018-03-01,', // good: keeps the birthday DEV set themselves
      'nobody@party.test,01-01,,', // unknown email
      'U0LAGOS,02-30,,', // no such date
      'U0DELHI,03-14,2999-01-01,', // future start date
      'U0GONE,05-05,,', // left
      'U0ROBOT,05-05,,', // a bot
      'U0KTM,05-05,,everyone', // bad visibility
      'OPS@party.test,11-11,,', // the same person again
      'U0SYD,,,', // nothing to import
    ].join('\n');
    const preview = await submit(csv);
    const update = preview.json as {
      response_action: string;
      view: { callback_id: string; blocks: unknown[]; submit?: { text: string } };
    };
    expect(update.response_action).toBe('update');
    expect(update.view.callback_id).toBe('celebrations_import_confirm');
    expect(update.view.submit?.text).toBe('Import 3');
    const text = JSON.stringify(update.view.blocks);
    expect(text).toContain(
      '3 rows are ready to import; 8 rows have errors and will be skipped.* Nothing has been saved yet.',
    );
    for (const expected of [
      'Line 5 (nobody@party.test): No member of this workspace has the email nobody@party.test.',
      'Line 6 (U0LAGOS): Birthday \\"02-30\\" is not a date',
      "Line 7 (U0DELHI): A start date can't be in the future.",
      'Line 8 (U0GONE): This person has left the workspace.',
      'Line 9 (U0ROBOT): This is a bot, not a person.',
      'Line 10 (U0KTM): Visibility \\"everyone\\" must be channel, dm or none.',
      'Line 11 (OPS@party.test): The same person is already on line 2.',
      'Line 12 (U0SYD): Nothing to import: give a birthday or a start date.',
    ]) {
      expect(text).toContain(expected);
    }
    // Nothing saved by the preview.
    expect(await profile('U0OPS')).toBeUndefined();
    expect(await profile('U0PM')).toBeUndefined();
    expect((await profile('U0DEV'))?.start_date).toBe('2019-05-02');

    // The confirm step re-checks everything and saves the good rows in one go.
    const confirmView = await h.sandbox.waitFor(() =>
      h.sandbox.openViews().find((v) => v.id === view.id && v.view.callback_id === 'celebrations_import_confirm'),
    );
    const confirmed = await h.driver.interaction({
      teamId,
      userId: 'U0ADA',
      payload: { type: 'view_submission', view: { id: confirmView.id, callback_id: 'celebrations_import_confirm' } },
    });
    expect(JSON.stringify(confirmed.json)).toContain('Saved dates for 3 people.');
    expect(await profile('U0OPS')).toMatchObject({
      birthday_month: 12,
      birthday_day: 24,
      start_date: '2020-01-15',
      birthday_visibility: 'channel',
      anniversary_visibility: 'channel',
      source: 'import',
    });
    expect(await profile('U0PM')).toMatchObject({
      birthday_month: 7,
      birthday_day: 4,
      birthday_visibility: 'none',
      anniversary_visibility: 'none',
    });
    expect(await profile('U0DEV')).toMatchObject({
      birthday_month: 2,
      birthday_day: 29,
      birthday_visibility: 'channel',
      start_date: '2018-03-01',
    });
    for (const userId of ['U0LAGOS', 'U0DELHI', 'U0GONE', 'U0ROBOT', 'U0KTM', 'U0SYD']) {
      expect(await profile(userId), userId).toBeUndefined();
    }
  });

  test('"Ask everyone for dates" DMs each person without dates once, ever', async () => {
    const asks = () =>
      h.sandbox
        .callsTo('chat.postMessage')
        .filter((c) => c.status === 200 && String(c.args.text).startsWith('Nudge can celebrate your birthday'));
    await clickHome('U0DEV', 'celebrations_ask_dates');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asks()).toHaveLength(0);

    const started = Date.now();
    await clickHome('U0ADA', 'celebrations_ask_dates');
    const confirmation = await h.sandbox.waitFor(() =>
      h.sandbox
        .openViews()
        .find(
          (v) =>
            v.updatedAt >= started && v.userId === 'U0ADA' && JSON.stringify(v.view).includes('Nudge is sending a DM'),
        ),
    );
    // Active people with no dates: everyone but the bot, the one who left, the four who have dates and Kiri, away.
    const withDates = ['U0DEV', 'U0OPS', 'U0PM', 'U0BERLIN', 'U0UTC', 'U0NYC'];
    const expected = ['U0ADA', 'U0BAKER', 'U0PAGO', 'U0LAGOS', 'U0DELHI', 'U0KTM', 'U0SYD'].filter(
      (id) => !withDates.includes(id),
    );
    expect(JSON.stringify(confirmation.view)).toContain(`sending a DM to ${expected.length} people`);
    await h.sandbox.waitFor(() => asks().length === expected.length);
    // Each person is marked asked right after their DM; the job may still be finishing the last one.
    const askedIds = async () =>
      (
        await db()
          .selectFrom('celebration_profiles')
          .select('user_id')
          .where('workspace_id', '=', teamId)
          .where('asked_at', 'is not', null)
          .execute()
      )
        .map((r) => r.user_id)
        .sort();
    await eventually(
      async () => ((await askedIds()).length === expected.length ? true : undefined),
      'all marked asked',
    );
    expect(await askedIds()).toEqual([...expected].sort());

    await clickHome('U0ADA', 'celebrations_ask_dates');
    await h.sandbox.waitFor(() =>
      h.sandbox.openViews().find((v) => v.userId === 'U0ADA' && JSON.stringify(v.view).includes('been asked already')),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asks()).toHaveLength(expected.length);
    const toKiri = h.sandbox.callsTo('conversations.open').filter((c) => String(c.args.users).includes('U0KIRI'));
    expect(toKiri).toEqual([]);
  });

  test('the weekly wins digest: shipped projects and a kudos summary, once', async () => {
    const kudos = await h.driver.command({
      teamId,
      userId: 'U0ADA',
      channelId: 'C0SHIP',
      command: '/kudos',
      text: '<@U0DEV> for the search launch',
    });
    expect((await commandAnswer(h.sandbox, kudos)).text).toContain('Kudos sent');
    await db()
      .insertInto('celebrations')
      .values({
        workspace_id: teamId,
        title: 'Search 3',
        url: 'https://party.test/search',
        channel_id: 'C0SHIP',
        contributor_ids: JSON.stringify(['U0DEV', 'U0OPS']),
        source: 'modal',
        request_key: 'seed-search',
        created_at: new Date(Date.now() - 3600_000),
        posted_at: new Date(),
        post_ts: '1.1',
      })
      .execute();
    await h.service.deps.queues.enqueue('celebrations.digest', { workspaceId: teamId });
    await h.service.deps.queues.enqueue('celebrations.digest', { workspaceId: teamId });
    const digest = await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0SHIP').find((m) => m.text.includes('This week’s wins')),
    );
    expect(digest.text).toContain('<https://party.test/search|Search 3> — <@U0DEV> and <@U0OPS>');
    expect(digest.text).toContain('*Kudos*: 1 kudos from 1 person · most thanked: <@U0DEV> (1)');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.sandbox.messages('C0SHIP').filter((m) => m.text.includes('This week’s wins'))).toHaveLength(1);
  });

  test('someone who leaves is purged from celebration data, by user_change or by the daily sync', async () => {
    await db()
      .insertInto('celebration_posts')
      .values({
        workspace_id: teamId,
        user_id: 'U0OPS',
        occasion: 'birthday',
        occasion_year: 2026,
        occasion_date: '2026-12-24',
        observed_date: '2026-12-24',
        moment: new Date('2026-12-24T15:00:00Z'),
        delivery: 'channel',
        channel_id: 'C0PARTY',
        send_key: 'celebrations.test',
        status: 'posted',
        created_at: new Date(),
      })
      .execute();
    expect(await profile('U0OPS')).toBeDefined();
    await h.driver.event({
      teamId,
      event: {
        type: 'user_change',
        user: { id: 'U0OPS', team_id: teamId, name: 'ops', deleted: true, profile: { real_name: 'Ops Person' } },
      },
    });
    await eventually(async () => ((await profile('U0OPS')) ? undefined : true), 'profile purged');
    expect(
      await db().selectFrom('celebration_posts').select('user_id').where('workspace_id', '=', teamId).execute(),
    ).toEqual([]);
    const search = await db()
      .selectFrom('celebrations')
      .select('contributor_ids')
      .where('workspace_id', '=', teamId)
      .where('request_key', '=', 'seed-search')
      .executeTakeFirstOrThrow();
    expect(search.contributor_ids).toEqual(['U0DEV']);

    // The daily members sync sees a deactivation the events missed.
    expect(await profile('U0PM')).toBeDefined();
    h.sandbox.setUserDeleted(teamId, 'U0PM', true);
    await h.service.deps.queues.enqueue('members.sync', { workspaceId: teamId, reason: 'test-daily' });
    await eventually(async () => ((await profile('U0PM')) ? undefined : true), 'purged by the sync');
  });

  test('the celebrations tick runs on the real workers: someone past 09:00 local on their birthday is posted once', async () => {
    await upsertCelebrationSettings(db(), teamId, { weekend_rule: 'keep', paused: false, updated_at: new Date() });
    // Whatever the time of day the suite runs, one of these zones is between 10:00 and 20:00 now.
    const nowDate = new Date();
    const pick = worldZones
      .map((z) => ({ ...z, local: zonedParts(nowDate, z.tz) }))
      .find((z) => z.local.hour >= 10 && z.local.hour < 20);
    if (!pick) throw new Error('no zone between 10:00 and 20:00');
    expect(
      await saveCelebrationProfile(db(), {
        workspaceId: teamId,
        userId: pick.id,
        profile: {
          birthdayMonth: String(pick.local.month),
          birthdayDay: String(pick.local.day),
          startDate: null,
          birthdayVisibility: 'channel',
          anniversaryVisibility: 'none',
        },
        now: nowDate,
      }),
    ).toEqual({ ok: true });
    await h.service.deps.queues.enqueue('celebrations.tick', { workspaceId: teamId });
    await h.service.deps.queues.enqueue('celebrations.tick', { workspaceId: teamId });
    const posted = () => h.sandbox.messages('C0PARTY').filter((m) => m.text.includes(`Happy birthday, <@${pick.id}>!`));
    await h.sandbox.waitFor(() => posted().length > 0);
    await eventually(
      async () =>
        (
          await db()
            .selectFrom('celebration_posts')
            .select('status')
            .where('workspace_id', '=', teamId)
            .where('user_id', '=', pick.id)
            .executeTakeFirst()
        )?.status === 'posted'
          ? true
          : undefined,
      'recorded as posted',
    );
    await h.service.deps.queues.enqueue('celebrations.tick', { workspaceId: teamId });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(posted()).toHaveLength(1);
  });
});
