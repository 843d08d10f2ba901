import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { startMentorshipProgramme, updateMentorshipSettings } from '../../src/domain/mentorship/programmes.ts';
import { saveSignup } from '../../src/domain/mentorship/save-signup.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';
import { signupInput, startProgramme } from '../support/mentorship-programme.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const nextWeek = new Date('2027-03-17T12:00:00Z');
const yesterday = new Date('2027-03-09T12:00:00Z');

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const id of ['TA', 'TB']) {
    await seedWorkspace(db, { id, now });
    await seedMembers(db, id, ['U0ANA', 'U0BEN', 'U0CY']);
  }
});
afterAll(async () => {
  await db?.destroy();
});

async function programmeRow(workspaceId: string, programmeId: string) {
  return await db
    .selectFrom('mentorship_programmes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', programmeId)
    .executeTakeFirstOrThrow();
}

async function signupRows(workspaceId: string, programmeId: string) {
  return await db
    .selectFrom('mentorship_signups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .execute();
}

describe('starting a programme', () => {
  test('a channel gets one programme with the defaults; a second start in it is refused', async () => {
    const started = await startMentorshipProgramme(db, {
      workspaceId: 'TA',
      channelId: 'C0START',
      createdBy: 'U0ANA',
      now,
    });
    expect(started).toMatchObject({
      ok: true,
      settings: { cycleMonths: 3, matchingMode: 'admin', defaultCapacity: 1, maxCapacity: 3, allowSameTeam: true },
    });
    const again = await startMentorshipProgramme(db, {
      workspaceId: 'TA',
      channelId: 'C0START',
      createdBy: 'U0BEN',
      settings: { matchingMode: 'choice' },
      now,
    });
    expect(again).toEqual({
      ok: false,
      refused: 'channel_has_programme',
      programmeId: started.ok ? started.programmeId : '',
    });
    const rows = await db.selectFrom('mentorship_programmes').selectAll().where('channel_id', '=', 'C0START').execute();
    expect(rows.map((r) => [r.workspace_id, r.matching_mode])).toEqual([['TA', 'admin']]);
  });

  test('a sign-up deadline in the past is refused and nothing is created', async () => {
    const result = await startMentorshipProgramme(db, {
      workspaceId: 'TA',
      channelId: 'C0LATE',
      createdBy: 'U0ANA',
      settings: { signupDeadline: yesterday },
      now,
    });
    expect(result).toEqual({ ok: false, errors: { signupDeadline: 'The sign-up deadline must be in the future.' } });
    const rows = await db
      .selectFrom('mentorship_programmes')
      .select('id')
      .where('workspace_id', '=', 'TA')
      .where('channel_id', '=', 'C0LATE')
      .execute();
    expect(rows).toEqual([]);
  });

  test('the same channel id in another workspace is another programme', async () => {
    const a = await startProgramme(db, 'TA', now, {}, 'C0SHARED');
    const b = await startProgramme(db, 'TB', now, { matchingMode: 'choice' }, 'C0SHARED');
    expect(a).not.toBe(b);
    expect((await programmeRow('TA', a)).matching_mode).toBe('admin');
    expect((await programmeRow('TB', b)).matching_mode).toBe('choice');
    // A workspace cannot reach the other's programme by its id.
    expect(
      await updateMentorshipSettings(db, {
        workspaceId: 'TA',
        programmeId: b,
        actorId: 'U0ADMIN',
        changes: { cycleMonths: 6 },
        now,
      }),
    ).toEqual({ ok: false, refused: 'no_programme' });
    expect((await programmeRow('TB', b)).cycle_months).toBe(3);
  });
});

describe('settings', () => {
  test('every problem is returned at once, keyed by field, and nothing is saved', async () => {
    const id = await startProgramme(db, 'TA', now, { skills: ['Rust'] }, 'C0SETTINGS');
    const before = await programmeRow('TA', id);
    const result = await updateMentorshipSettings(db, {
      workspaceId: 'TA',
      programmeId: id,
      actorId: 'U0ADMIN',
      changes: {
        cycleMonths: 0,
        signupDeadline: yesterday,
        matchingMode: 'lottery' as never,
        defaultCapacity: 4,
        maxCapacity: 2,
        minSeniorityGap: -1,
        skills: ['Go', 'x'.repeat(101)],
      },
      now,
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        cycleMonths: 'A whole number of months from 1 to 12.',
        signupDeadline: 'The sign-up deadline must be in the future.',
        matchingMode: 'Choose admin matching or mentee choice.',
        defaultCapacity: 'No more than the maximum capacity.',
        minSeniorityGap: 'A whole number of levels, 0 to 10.',
        skills: 'Each skill at most 100 characters.',
      },
    });
    expect(await programmeRow('TA', id)).toEqual(before);
  });

  test('one bad field keeps the good ones from being saved too', async () => {
    const id = await startProgramme(db, 'TA', now, {}, 'C0ONEBAD');
    const result = await updateMentorshipSettings(db, {
      workspaceId: 'TA',
      programmeId: id,
      actorId: 'U0ADMIN',
      changes: { cycleMonths: 6, maxCapacity: 50 },
      now,
    });
    expect(result).toEqual({ ok: false, errors: { maxCapacity: 'A whole number of mentees from 1 to 5.' } });
    expect((await programmeRow('TA', id)).cycle_months).toBe(3);
  });

  test('valid changes are saved, with the skill list folded by the engine’s normaliser', async () => {
    const id = await startProgramme(db, 'TA', now, {}, 'C0GOOD');
    const result = await updateMentorshipSettings(db, {
      workspaceId: 'TA',
      programmeId: id,
      actorId: 'U0ADMIN',
      changes: {
        cycleMonths: 6,
        signupDeadline: nextWeek,
        matchingMode: 'choice',
        maxCapacity: 5,
        defaultCapacity: 2,
        minSeniorityGap: 1,
        allowSameTeam: false,
        skills: [' JavaScript ', 'JS', 'Node.js', 'node', 'C++', 'C#', 'C'],
      },
      now,
    });
    expect(result).toMatchObject({ ok: true });
    expect(await programmeRow('TA', id)).toMatchObject({
      cycle_months: 6,
      signup_deadline: nextWeek,
      matching_mode: 'choice',
      max_capacity: 5,
      default_capacity: 2,
      min_seniority_gap: 1,
      allow_same_team: false,
      skills: ['JavaScript', 'Node.js', 'C++', 'C#', 'C'],
    });
  });
});

describe('sign-up', () => {
  let programmeId: string;
  beforeAll(async () => {
    programmeId = await startProgramme(db, 'TA', now, { maxCapacity: 3, signupDeadline: nextWeek }, 'C0SIGNUP');
  });

  const badInputs: Array<[string, Parameters<typeof signupInput>[4], Record<string, string>]> = [
    ['a mentee with no skill to learn', { role: 'mentee', learns: [] }, { learns: 'Add at least one skill to learn.' }],
    [
      'a mentor with no skill to teach',
      { role: 'mentor', teaches: ['  '], capacity: 1 },
      { teaches: 'Add at least one skill to teach.' },
    ],
    [
      'both roles with neither list',
      { role: 'both', learns: [], teaches: [], capacity: 1 },
      { learns: 'Add at least one skill to learn.', teaches: 'Add at least one skill to teach.' },
    ],
    [
      'a capacity of 0',
      { role: 'mentor', teaches: ['Rust'], capacity: 0 },
      { capacity: 'A whole number of mentees from 1 to 3.' },
    ],
    [
      'a capacity of 50',
      { role: 'mentor', teaches: ['Rust'], capacity: 50 },
      { capacity: 'A whole number of mentees from 1 to 3.' },
    ],
    [
      'a capacity above the programme’s maximum',
      { role: 'both', teaches: ['Rust'], capacity: 4 },
      { capacity: 'A whole number of mentees from 1 to 3.' },
    ],
    ['a skill of 500 characters', { learns: ['a'.repeat(500)] }, { learns: 'Each skill at most 100 characters.' }],
    ['goals too long', { goals: 'g'.repeat(281) }, { goals: 'A few words: at most 280 characters.' }],
    ['a role that does not exist', { role: 'sponsor' as never }, { role: 'Choose mentor, mentee or both.' }],
  ];

  test.each(badInputs)('%s is refused and nothing is saved', async (_name, overrides, errors) => {
    const result = await saveSignup(db, signupInput('TA', programmeId, 'U0ANA', now, overrides));
    expect(result).toEqual({ ok: false, errors });
    expect(await signupRows('TA', programmeId)).toEqual([]);
  });

  test('a sign-up after the deadline is refused with every other problem, and nothing is saved', async () => {
    const late = new Date(nextWeek.getTime() + 1);
    const result = await saveSignup(db, signupInput('TA', programmeId, 'U0ANA', late, { goals: 'g'.repeat(281) }));
    expect(result).toEqual({
      ok: false,
      errors: { deadline: 'Sign-up for this programme has closed.', goals: 'A few words: at most 280 characters.' },
    });
    expect(await signupRows('TA', programmeId)).toEqual([]);
  });

  test('saving again updates the one sign-up; a mentor’s capacity defaults to the programme’s', async () => {
    const first = await saveSignup(db, signupInput('TA', programmeId, 'U0BEN', now, { learns: ['JS', 'JavaScript'] }));
    expect(first).toEqual({ ok: true, role: 'mentee', learns: ['JS'], teaches: [], capacity: null });
    const second = await saveSignup(
      db,
      signupInput('TA', programmeId, 'U0BEN', now, { role: 'both', learns: ['Go'], teaches: ['Rust', 'rust'] }),
    );
    expect(second).toEqual({ ok: true, role: 'both', learns: ['Go'], teaches: ['Rust'], capacity: 1 });
    const rows = await signupRows('TA', programmeId);
    expect(rows.map((r) => [r.user_id, r.role, r.learns, r.teaches, r.capacity])).toEqual([
      ['U0BEN', 'both', ['Go'], ['Rust'], 1],
    ]);
  });

  test('a workspace cannot sign up to another workspace’s programme', async () => {
    const result = await saveSignup(db, signupInput('TB', programmeId, 'U0BEN', now));
    expect(result).toEqual({ ok: false, refused: 'no_programme' });
    expect(await signupRows('TB', programmeId)).toEqual([]);
  });
});
