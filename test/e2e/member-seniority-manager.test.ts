import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erasePerson } from '../../src/domain/privacy/erase-person.ts';
import { purgeDepartedMembers } from '../../src/domain/retention/purge-departed-members.ts';
import type { UserSpec, WorkspaceSpec } from '../../src/sandbox/index.ts';
import { type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually } from '../support/wait.ts';

/**
 * Each person's seniority level and manager, end to end through signed HTTP: read from Slack profile fields whose
 * labels say so (the directory sync reads the labels with team.profile.get; a user_change carries the values), and
 * from the admin's CSV import, whose word wins over the profile. Two workspaces share the same user ids.
 */

let h: Harness;
const teamId = 'T0PEOPLE';
const otherTeamId = 'T0OTHERS';
const levelField = 'Xf0LEVEL01';
const managerField = 'Xf0MANAGER';
const teamField = 'Xf0TEAM001';

const person = (id: string, name: string, fields: Record<string, string>, extra: Partial<UserSpec> = {}): UserSpec => ({
  id,
  name,
  realName: `${name[0]!.toUpperCase()}${name.slice(1)} Person`,
  tz: 'Europe/London',
  email: `${name}@people.test`,
  profileFields: Object.fromEntries(
    Object.entries(fields).map(([id, value]) => [
      id,
      { value, label: id === levelField ? 'Job level' : id === managerField ? 'Reports to' : 'Team' },
    ]),
  ),
  ...extra,
});

function workspace(id: string): WorkspaceSpec {
  return {
    teamId: id,
    name: `People ${id}`,
    users: [
      person('U0ADA', 'ada', { [levelField]: 'Principal', [teamField]: 'Core' }, { isAdmin: true }),
      person('U0BEN', 'ben', { [levelField]: 'L3', [managerField]: 'U0ADA' }),
      person('U0CAT', 'cat', {}),
      person('U0DAN', 'dan', {}),
      person('U0EVE', 'eve', {}),
      person('U0FAY', 'fay', {}),
      person('U0HAL', 'hal', {}),
      { id: 'U0BOT', name: 'robot', realName: 'Robot', isBot: true },
      { id: 'U0GONE', name: 'gone', realName: 'Gone Person', deleted: true, email: 'gone@people.test' },
    ],
  };
}

beforeAll(async () => {
  h = await startHarness({
    oauth: true,
    label: 'people-facts',
    workspaces: [workspace(teamId), workspace(otherTeamId)],
  });
  for (const id of [teamId, otherTeamId]) {
    expect((await installViaOAuth(h, id)).status).toBe(200);
    await waitForMember(h.service.deps.db, id, 'U0DAN');
  }
});
afterAll(async () => {
  await h?.stop();
});

const db = () => h.service.deps.db;

async function factsOf(workspaceId: string) {
  const rows = await db()
    .selectFrom('members')
    .select(['user_id', 'seniority', 'manager_id', 'profile_seniority', 'admin_seniority'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', ['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN'])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.user_id, r]));
}

async function userChange(workspaceId: string, userId: string, fields: Record<string, string>) {
  const response = await h.driver.event({
    teamId: workspaceId,
    event: {
      type: 'user_change',
      user: {
        id: userId,
        team_id: workspaceId,
        name: userId.toLowerCase(),
        tz: 'Europe/London',
        profile: {
          real_name: `${userId} Person`,
          email: `${userId.slice(2).toLowerCase()}@people.test`,
          fields: Object.fromEntries(Object.entries(fields).map(([id, value]) => [id, { value, alt: '' }])),
        },
      },
    },
  });
  expect(response.status).toBe(200);
}

describe('from Slack profile fields', () => {
  test('a user_change carrying a level field and a manager field sets them, in that workspace only', async () => {
    // The sync read the labels before anyone's values arrive.
    await eventually(
      async () =>
        db()
          .selectFrom('profile_field_definitions')
          .select('fields')
          .where('workspace_id', '=', teamId)
          .executeTakeFirst(),
      'the profile field labels',
    );
    await userChange(teamId, 'U0CAT', { [levelField]: 'Senior', [managerField]: 'U0ADA', [teamField]: '7' });
    await eventually(async () => ((await factsOf(teamId)).U0CAT?.seniority === 4 ? true : undefined), 'Cat saved');
    expect((await factsOf(teamId)).U0CAT).toMatchObject({ seniority: 4, manager_id: 'U0ADA' });
    // The same user id in the other workspace is another person.
    expect((await factsOf(otherTeamId)).U0CAT).toMatchObject({ seniority: null, manager_id: null });

    // A level nobody can read and a manager typed as a name are unknown, never guessed.
    await userChange(teamId, 'U0CAT', { [levelField]: 'Wizard', [managerField]: 'Ada Person' });
    await eventually(async () => ((await factsOf(teamId)).U0CAT?.seniority === null ? true : undefined), 'Cat cleared');
    expect((await factsOf(teamId)).U0CAT).toMatchObject({ seniority: null, manager_id: null });
  });

  test('a directory sync through users.list, which carries no custom fields, keeps the fields a user_change stored', async () => {
    const fieldsOf = async () =>
      db()
        .selectFrom('members')
        .select(['profile_fields', 'synced_at', 'profile_seniority'])
        .where('workspace_id', '=', teamId)
        .where('user_id', '=', 'U0EVE')
        .executeTakeFirstOrThrow();
    await userChange(teamId, 'U0EVE', { [levelField]: 'Senior', [teamField]: 'Growth' });
    await eventually(async () => ((await fieldsOf()).profile_seniority === 4 ? true : undefined), 'Eve saved');
    const before = await fieldsOf();
    expect(before.profile_fields).toEqual({ [levelField]: 'Senior', [teamField]: 'Growth' });

    await h.service.deps.queues.enqueue('members.sync', { workspaceId: teamId, reason: 'fields-kept' });
    await eventually(
      async () => ((await fieldsOf()).synced_at.getTime() > before.synced_at.getTime() ? true : undefined),
      'the directory synced again',
    );
    expect(await fieldsOf()).toMatchObject({
      profile_fields: { [levelField]: 'Senior', [teamField]: 'Growth' },
      profile_seniority: 4,
    });
  });
});

describe('the admin’s CSV import', () => {
  async function interaction(payload: Record<string, unknown>) {
    const response = await h.driver.interaction({ teamId, userId: 'U0ADA', payload });
    expect(response.status).toBe(200);
    return response.json as
      | { response_action?: string; errors?: Record<string, string>; view?: { private_metadata?: string } }
      | undefined;
  }
  const submit = (callbackId: string, extra: Record<string, unknown>) =>
    interaction({ type: 'view_submission', view: { id: 'V0PEOPLEIMPORT', callback_id: callbackId, ...extra } });
  const preview = (csv: string) =>
    submit('coffee_teams_import', { state: { values: { coffee_teams_csv: { csv: { value: csv } } } } });

  test('accepts seniority and manager columns, previews every row’s problem, and its word wins over the profile', async () => {
    await userChange(teamId, 'U0BEN', { [levelField]: 'L3', [managerField]: 'U0ADA' });
    await eventually(async () => ((await factsOf(teamId)).U0BEN?.seniority === 3 ? true : undefined), 'Ben saved');

    expect((await preview('user,favourite\nU0BEN,x'))?.errors?.coffee_teams_csv).toContain(
      'Use user, team, department, seniority and manager.',
    );
    expect((await preview('user\nU0BEN'))?.errors?.coffee_teams_csv).toContain(
      'needs a team or a department column, or a seniority or a manager column',
    );

    const csv = [
      'user,seniority,manager',
      'U0BEN,staff,ada@people.test',
      'cat@people.test,6,',
      '<@U0DAN>,,<@U0BEN>',
      'U0ADA,Wizard,',
      'U0ADA,2,U0ADA',
      'U0ADA,2,nobody@people.test',
      'U0ADA,2,U0BOT',
      'U0ADA,2,gone@people.test',
      'U0ADA,,',
      'U0ADA,11,',
    ].join('\n');
    const shown = await preview(csv);
    expect(shown?.response_action).toBe('update');
    const text = JSON.stringify(shown?.view);
    expect(text).toContain('3 rows are ready to import; 7 rows have errors');
    for (const line of [
      'Line 2: <@U0BEN> — level 5, manager <@U0ADA>',
      'Line 3: <@U0CAT> — level 6',
      'Line 4: <@U0DAN> — manager <@U0BEN>',
      'Line 5 (U0ADA): Seniority \\"Wizard\\" is not a level: give a level from 1 to 10 or a word such as junior, mid, senior, staff or principal.',
      'Line 6 (U0ADA): The same person is already on line 5. Nobody is their own manager.',
      'Line 7 (U0ADA): The same person is already on line 5. Manager: No member of this workspace has the email nobody@people.test.',
      'Line 8 (U0ADA): The same person is already on line 5. The manager is a bot, not a person.',
      'Line 9 (U0ADA): The same person is already on line 5. The manager has left the workspace.',
      'Line 10 (U0ADA): The same person is already on line 5. Nothing to import: give a seniority or a manager.',
      'Line 11 (U0ADA): The same person is already on line 5. Seniority \\"11\\" is not a level',
    ]) {
      expect(text).toContain(line);
    }
    // A preview saves nothing: Ben still has what his profile says (L3, managed by Ada).
    expect((await factsOf(teamId)).U0BEN).toMatchObject({ seniority: 3, manager_id: 'U0ADA', admin_seniority: null });

    const done = await submit('coffee_teams_import_confirm', {
      private_metadata: shown?.view?.private_metadata,
      state: { values: {} },
    });
    expect(JSON.stringify(done)).toContain('for 3 people');
    const facts = await factsOf(teamId);
    expect(facts.U0BEN).toMatchObject({ seniority: 5, manager_id: 'U0ADA', profile_seniority: 3 });
    expect(facts.U0CAT).toMatchObject({ seniority: 6 });
    expect(facts.U0DAN).toMatchObject({ seniority: null, manager_id: 'U0BEN' });
    expect((await factsOf(otherTeamId)).U0DAN).toMatchObject({ seniority: null, manager_id: null });

    // Ben's profile changes later: the profile's copy follows, the admin's level still wins.
    await userChange(teamId, 'U0BEN', { [levelField]: 'Junior', [managerField]: 'U0CAT' });
    await eventually(
      async () => ((await factsOf(teamId)).U0BEN?.profile_seniority === 2 ? true : undefined),
      'Ben’s profile saved',
    );
    expect((await factsOf(teamId)).U0BEN).toMatchObject({ seniority: 5, manager_id: 'U0ADA' });

    // `-` withdraws the admin's word: the profile applies again.
    const handBack = await preview('user,seniority,manager\nU0BEN,-,-');
    expect(JSON.stringify(handBack?.view)).toContain(
      'Line 2: <@U0BEN> — level from the Slack profile, manager from the Slack profile',
    );
    await submit('coffee_teams_import_confirm', {
      private_metadata: handBack?.view?.private_metadata,
      state: { values: {} },
    });
    expect((await factsOf(teamId)).U0BEN).toMatchObject({ seniority: 2, manager_id: 'U0CAT', admin_seniority: null });
  });
});

describe('people Nudge must forget', () => {
  const entryOf = (workspaceId: string, userId: string) =>
    db()
      .selectFrom('members')
      .select(['manager_id', 'profile_manager_id', 'profile_fields'])
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
  const teamOf = async (workspaceId: string, userId: string) =>
    ((await entryOf(workspaceId, userId)).profile_fields as Record<string, string>)[teamField];

  test('a colleague’s profile naming an erased or purged manager brings neither back, in that workspace only', async () => {
    await userChange(teamId, 'U0FAY', { [managerField]: 'U0EVE', [teamField]: 'Core' });
    await userChange(teamId, 'U0HAL', { [managerField]: '<@U0GONE>', [teamField]: 'Core' });
    await userChange(otherTeamId, 'U0FAY', { [managerField]: 'U0EVE', [teamField]: 'Core' });
    for (const [workspaceId, userId, manager] of [
      [teamId, 'U0FAY', 'U0EVE'],
      [teamId, 'U0HAL', 'U0GONE'],
      [otherTeamId, 'U0FAY', 'U0EVE'],
    ] as const) {
      await eventually(
        async () => ((await entryOf(workspaceId, userId)).manager_id === manager ? true : undefined),
        `${userId} reports to ${manager}`,
      );
    }

    // Eve asks to be forgotten; Gus left Slack and his grace period is over.
    await erasePerson(db(), { workspaceId: teamId, userId: 'U0EVE', now: new Date() });
    expect(await purgeDepartedMembers(db(), { workspaceId: teamId, userIds: ['U0GONE'], now: new Date() })).toEqual({
      purged: 1,
    });
    expect(await entryOf(teamId, 'U0FAY')).toEqual({
      manager_id: null,
      profile_manager_id: null,
      profile_fields: { [teamField]: 'Core' },
    });

    // Slack keeps the colleagues' fields as they were: their next profile edits carry the same manager values.
    await userChange(teamId, 'U0FAY', { [managerField]: 'U0EVE', [teamField]: 'Platform' });
    await userChange(teamId, 'U0HAL', { [managerField]: '<@U0GONE>', [teamField]: 'Platform' });
    for (const userId of ['U0FAY', 'U0HAL']) {
      await eventually(
        async () => ((await teamOf(teamId, userId)) === 'Platform' ? true : undefined),
        `${userId}'s edit saved`,
      );
      expect(await entryOf(teamId, userId)).toEqual({
        manager_id: null,
        profile_manager_id: null,
        profile_fields: { [teamField]: 'Platform' },
      });
    }
    const naming = await db()
      .selectFrom('members')
      .select('user_id')
      .where('workspace_id', '=', teamId)
      .where((eb) =>
        eb.or([
          eb('manager_id', 'in', ['U0EVE', 'U0GONE']),
          eb(sql<string>`profile_fields::text`, '~', 'U0EVE|U0GONE'),
        ]),
      )
      .execute();
    expect(naming).toEqual([]);
    // The same ids in the other workspace are other people: Fay there still reports to her Eve.
    expect((await entryOf(otherTeamId, 'U0FAY')).manager_id).toBe('U0EVE');
  });
});
