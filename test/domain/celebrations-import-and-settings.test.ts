import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { applyCelebrationImport } from '../../src/domain/celebrations/import-dates.ts';
import { saveCelebrationProfile } from '../../src/domain/celebrations/profiles.ts';
import { defaultCelebrationSettings, loadCelebrationSettings } from '../../src/domain/celebrations/settings.ts';
import {
  type CelebrationSettingsInput,
  setCelebrationsPaused,
  updateCelebrationSettings,
} from '../../src/domain/celebrations/update-settings.ts';
import { celebrationsWorkspace } from '../support/celebrations-workspace.ts';
import { createMigratedDatabase, seedWorkspaceSpec } from '../support/domain-db.ts';

let db: Db;
const now = new Date('2027-04-14T12:00:00Z');

beforeAll(async () => {
  db = await createMigratedDatabase();
  // Two workspaces with the same people, admin and user IDs.
  await seedWorkspaceSpec(db, celebrationsWorkspace('TA'), now);
  await seedWorkspaceSpec(db, celebrationsWorkspace('TB'), now);
});
afterAll(async () => {
  await db?.destroy();
});

async function profiles(workspaceId: string) {
  return await db
    .selectFrom('celebration_profiles')
    .select([
      'user_id',
      'birthday_month',
      'birthday_day',
      'start_date',
      'birthday_visibility',
      'anniversary_visibility',
      'source',
    ])
    .where('workspace_id', '=', workspaceId)
    .orderBy('user_id')
    .execute();
}

describe('date import', () => {
  test('an admin imports by ID or email; bad rows are reported by line and the good ones saved', async () => {
    // Dev chose a birthday already: an import of their start date keeps it.
    await saveCelebrationProfile(db, {
      workspaceId: 'TA',
      userId: 'U0DEV',
      profile: {
        birthdayMonth: '7',
        birthdayDay: '1',
        startDate: null,
        birthdayVisibility: 'dm',
        anniversaryVisibility: 'none',
      },
      now,
    });
    const csv = [
      'person,birthday,start_date,visibility',
      'U0OPS,03-14,2019-05-02,channel',
      'PM@party.test,--12-25,,dm',
      'U0DEV,,2021-09-01,',
      'U0NOBODY,01-01,,',
      'U0GONE,02-02,,',
      'U0ROBOT,02-03,,',
      'U0ADA,02-30,,',
    ].join('\n');
    const result = await applyCelebrationImport(db, { workspaceId: 'TA', actorId: 'U0ADA', csv, now });
    expect(result.ok).toBe(true);
    if (!result.ok || !('saved' in result)) throw new Error('the import was refused');
    expect(result.saved).toBe(3);
    expect(result.errors.map((e) => [e.line, e.person])).toEqual([
      [5, 'U0NOBODY'],
      [6, 'U0GONE'],
      [7, 'U0ROBOT'],
      [8, 'U0ADA'],
    ]);
    expect(await profiles('TA')).toEqual([
      {
        user_id: 'U0DEV',
        birthday_month: 7,
        birthday_day: 1,
        start_date: '2021-09-01',
        birthday_visibility: 'dm',
        anniversary_visibility: 'none',
        source: 'import',
      },
      {
        user_id: 'U0OPS',
        birthday_month: 3,
        birthday_day: 14,
        start_date: '2019-05-02',
        birthday_visibility: 'channel',
        anniversary_visibility: 'channel',
        source: 'import',
      },
      {
        user_id: 'U0PM',
        birthday_month: 12,
        birthday_day: 25,
        start_date: null,
        birthday_visibility: 'dm',
        anniversary_visibility: 'dm',
        source: 'import',
      },
    ]);
    // The same people exist in TB, which has no dates at all.
    expect(await profiles('TB')).toEqual([]);
  });

  test('someone who is not an admin imports nothing', async () => {
    const csv = 'person,birthday\nU0OPS,05-05';
    expect(await applyCelebrationImport(db, { workspaceId: 'TB', actorId: 'U0DEV', csv, now })).toEqual({
      ok: false,
      refused: 'not_admin',
    });
    expect(await profiles('TB')).toEqual([]);
  });
});

describe('settings', () => {
  const good: CelebrationSettingsInput = {
    channelId: 'C0PARTY',
    paused: false,
    postHour: '9',
    weekendRule: 'monday',
    digestChannelId: 'C0SHIP',
    digestWeekday: '5',
    digestHour: '16',
  };

  test('every bad field is reported at once and nothing is saved', async () => {
    const result = await updateCelebrationSettings(db, {
      workspaceId: 'TA',
      actorId: 'U0ADA',
      settings: { ...good, channelId: 'party', postHour: '24', weekendRule: 'sunday', digestWeekday: '0' },
      now,
    });
    expect(result).toMatchObject({ ok: false, errors: {} });
    expect(Object.keys((result as { errors: object }).errors).sort()).toEqual([
      'channelId',
      'digestWeekday',
      'postHour',
      'weekendRule',
    ]);
    expect(await loadCelebrationSettings(db, 'TA')).toEqual(defaultCelebrationSettings);
  });

  test('an admin saves them in their own workspace only; pause and resume keep the rest', async () => {
    expect(await updateCelebrationSettings(db, { workspaceId: 'TA', actorId: 'U0ADA', settings: good, now })).toEqual({
      ok: true,
    });
    const saved = {
      ...defaultCelebrationSettings,
      channelId: 'C0PARTY',
      postHour: 9,
      weekendRule: 'monday',
      digestChannelId: 'C0SHIP',
      digestWeekday: 5,
      digestHour: 16,
    };
    expect(await loadCelebrationSettings(db, 'TA')).toEqual(saved);
    expect(await loadCelebrationSettings(db, 'TB')).toEqual(defaultCelebrationSettings);

    expect(await setCelebrationsPaused(db, { workspaceId: 'TA', actorId: 'U0ADA', paused: true, now })).toEqual({
      ok: true,
    });
    expect(await loadCelebrationSettings(db, 'TA')).toEqual({ ...saved, paused: true });
    await setCelebrationsPaused(db, { workspaceId: 'TA', actorId: 'U0ADA', paused: false, now });
    expect(await loadCelebrationSettings(db, 'TA')).toEqual(saved);
  });

  test('someone who is not an admin changes nothing', async () => {
    expect(await updateCelebrationSettings(db, { workspaceId: 'TB', actorId: 'U0DEV', settings: good, now })).toEqual({
      ok: false,
      refused: 'not_admin',
    });
    expect(await setCelebrationsPaused(db, { workspaceId: 'TB', actorId: 'U0DEV', paused: true, now })).toEqual({
      ok: false,
      refused: 'not_admin',
    });
    expect(await loadCelebrationSettings(db, 'TB')).toEqual(defaultCelebrationSettings);
  });
});
