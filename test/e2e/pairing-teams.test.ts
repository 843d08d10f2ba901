import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenView } from '../../src/sandbox/index.ts';
import { runCoffee } from '../support/coffee-command.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { departmentField, fieldTeams, humans, teamField, teamsWorkspace } from '../support/pairing-teams-workspace.ts';
import { submitOpenedView } from '../support/view-submission.ts';
import { eventually } from '../support/wait.ts';

/**
 * Where teams and departments come from, end to end through signed HTTP: a custom profile field (read with
 * users.profile.get), user groups (usergroups.list / usergroups.users.list), and the title; the admin's CSV
 * import and per-person overrides; and cross-team programmes matching on what those say.
 */

let h: Harness;
const teamId = 'T0TEAMS';

beforeAll(async () => {
  h = await startHarness({ label: 'coffee-teams', workspaces: [teamsWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0HAL');
});
afterAll(async () => {
  await h?.stop();
});

const db = () => h.service.deps.db;

const coffee = (text: string, userId: string, channelId: string) => runCoffee(h, { teamId, userId, channelId, text });

async function openedView(userId: string, after: number, match: (v: OpenView) => boolean): Promise<OpenView> {
  return await h.sandbox.waitFor(
    () =>
      h.sandbox.openViews().find((v) => v.teamId === teamId && v.userId === userId && v.updatedAt >= after && match(v)),
    { timeoutMs: 20_000, description: 'a modal' },
  );
}

async function openSettings(channelId: string, userId = 'U0ADA'): Promise<OpenView> {
  const started = Date.now();
  expect(await coffee('settings', userId, channelId)).toBe('');
  return await openedView(userId, started, (v) => v.view.callback_id === 'coffee_settings');
}

function settingsState(choice: { team: string; department?: string; usergroups?: string[] }) {
  return {
    coffee_frequency: { frequency: { selected_option: { value: 'weekly' } } },
    coffee_weekday: { weekday: { selected_option: { value: '1' } } },
    coffee_send_hour: { sendHour: { selected_option: { value: '10' } } },
    coffee_group_size: { groupSize: { selected_option: { value: '2' } } },
    coffee_cooldown: { cooldownWeeks: { value: '8' } },
    coffee_team_source: { teamSource: { selected_option: { value: choice.team } } },
    coffee_team_usergroups: {
      teamUsergroupIds: { selected_options: (choice.usergroups ?? []).map((value) => ({ value })) },
    },
    coffee_department_source: {
      departmentSource: { selected_option: { value: choice.department ?? 'directory' } },
    },
    coffee_approval: { approvalRequired: { selected_options: [] } },
    coffee_paused: { paused: { selected_options: [] } },
  };
}

const submitSettings = (view: OpenView, userId: string, choice: Parameters<typeof settingsState>[0]) =>
  submitOpenedView(h, { teamId, userId, view, values: settingsState(choice) });

async function programme(channelId: string) {
  return await db()
    .selectFrom('programmes')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirstOrThrow();
}

/** Starts a programme whose teams come from the workspace's Team profile field (set directly, not through settings). */
async function startFieldProgramme(kind: 'coffee' | 'cross-team', channelId: string) {
  expect(await coffee(`start ${kind}`, 'U0ADA', channelId)).toContain('Started');
  await db()
    .updateTable('programmes')
    .set({ team_source: 'profile_field', team_field_id: teamField })
    .where('channel_id', '=', channelId)
    .execute();
}

async function runRound(channelId: string) {
  expect(await coffee('run', 'U0ADA', channelId)).toContain('Pairing now');
  const { id } = await programme(channelId);
  const round = await eventually(
    async () => db().selectFrom('rounds').selectAll().where('programme_id', '=', id).executeTakeFirst(),
    `round in ${channelId}`,
    30_000,
  );
  const groups = await db().selectFrom('round_groups').selectAll().where('round_id', '=', round.id).execute();
  return { round, groups, teamOf: new Map(round.pool.map((p) => [p.userId, p])) };
}

function optionValues(view: OpenView, blockId: string): string[] {
  const block = (
    view.view.blocks as Array<{ block_id?: string; element?: { options?: Array<{ value: string }> } }>
  ).find((b) => b.block_id === blockId);
  return (block?.element?.options ?? []).map((o) => o.value);
}

const profileReads = (userId: string) =>
  h.sandbox.callsTo('users.profile.get', { teamId }).filter((c) => c.args.user === userId && c.status === 200);

describe('a Slack custom profile field as the source', () => {
  test('the settings modal offers the workspace’s fields; a field Slack does not have is refused and nothing changes', async () => {
    expect(await coffee('start cross-team', 'U0ADA', 'C0FIELDS')).toContain('Started');
    // A new cross-team programme starts with the Team field it found; the refusals below must leave it so.
    const started = await programme('C0FIELDS');
    expect(started).toMatchObject({ team_source: 'profile_field', team_field_id: teamField });
    const view = await openSettings('C0FIELDS');
    expect(optionValues(view, 'coffee_team_source')).toEqual(
      expect.arrayContaining(['directory', 'title', 'usergroup', `profile_field:${teamField}`]),
    );
    expect(optionValues(view, 'coffee_department_source')).toEqual([
      'directory',
      `profile_field:${teamField}`,
      `profile_field:${departmentField}`,
    ]);
    expect(JSON.stringify(view.view)).toContain('Profile field: Team');

    const forged = await submitSettings(view, 'U0ADA', { team: 'profile_field:Xf0NOSUCH' });
    expect(forged).toMatchObject({
      response_action: 'errors',
      errors: { coffee_team_source: expect.stringContaining('not in this workspace’s Slack profile') },
    });
    const garbage = await submitSettings(view, 'U0ADA', { team: 'profile_field:', department: 'title' });
    expect(garbage?.errors).toMatchObject({
      coffee_team_source: 'Choose where teams come from.',
      coffee_department_source: expect.stringContaining('Choose where departments come from'),
    });
    expect(await programme('C0FIELDS')).toEqual(started);

    expect(
      await submitSettings(view, 'U0ADA', {
        team: `profile_field:${teamField}`,
        department: `profile_field:${departmentField}`,
      }),
    ).toBeUndefined();
    expect(await programme('C0FIELDS')).toMatchObject({
      team_source: 'profile_field',
      team_field_id: teamField,
      department_source: 'profile_field',
      department_field_id: departmentField,
    });
  });

  test('a cross-team round reads each person’s field with users.profile.get, once, even through a 429, and never pairs one team', async () => {
    // The first read is refused with Retry-After: the round is parked, then resumes from what it already read.
    h.sandbox.inject({ method: 'users.profile.get', teamId, kind: 'ratelimited', retryAfterSeconds: 1 });
    const { groups, teamOf } = await runRound('C0FIELDS');
    expect(h.sandbox.callsTo('users.profile.get', { teamId }).some((c) => c.status === 429)).toBe(true);
    for (const userId of humans) {
      expect(teamOf.get(userId)?.team ?? null, userId).toBe(fieldTeams[userId]);
      expect(profileReads(userId), userId).toHaveLength(1);
    }
    expect(teamOf.get('U0CAT')?.department).toBe('Product');
    expect(h.sandbox.callsTo('users.profile.get', { teamId }).some((c) => c.args.user === 'U0BOT')).toBe(false);
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const group of groups) {
      const teams = group.members.map((m) => fieldTeams[m]).filter(Boolean);
      expect(new Set(teams).size, JSON.stringify(group.members)).toBe(teams.length);
    }
    // The intro names each person's team as the field gives it.
    const intro = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .callsTo('chat.postMessage', { teamId })
          .find(
            (c) => c.status === 200 && JSON.stringify(c.args.metadata ?? {}).includes(`pairing.intro.${groups[0]!.id}`),
          ),
      { timeoutMs: 20_000 },
    );
    const someone = groups[0]!.members.find((m) => fieldTeams[m])!;
    expect(String(intro.args.text)).toContain(`<@${someone}> — Engineer, ${fieldTeams[someone]}`);
  });

  test('another programme the same day reuses the values just read instead of asking Slack again', async () => {
    await startFieldProgramme('coffee', 'C0FIELDS2');
    const before = h.sandbox.callsTo('users.profile.get', { teamId }).length;
    const { teamOf } = await runRound('C0FIELDS2');
    expect(teamOf.get('U0EVE')?.team).toBe('Sales');
    expect(h.sandbox.callsTo('users.profile.get', { teamId }).length).toBe(before);
  });
  test('fields the directory already has (a user_change carries them) are used without asking Slack', async () => {
    const changed = await h.driver.event({
      teamId,
      event: {
        type: 'user_change',
        user: {
          id: 'U0GUS',
          team_id: teamId,
          name: 'gus',
          tz: 'Europe/London',
          profile: {
            real_name: 'Gus Person',
            title: 'Engineer',
            fields: { [teamField]: { value: 'Support', alt: '' } },
          },
        },
      },
    });
    expect(changed.status).toBe(200);
    await eventually(async () => {
      const gus = await db()
        .selectFrom('members')
        .select('profile_fields')
        .where('user_id', '=', 'U0GUS')
        .executeTakeFirst();
      return gus?.profile_fields[teamField] === 'Support' ? true : undefined;
    }, 'the user_change saved');
    // What the round job read for Gus is too old to reuse: only the directory's copy can spare the call.
    await db()
      .updateTable('pairing_profile_values')
      .set({ fetched_at: new Date(Date.now() - 13 * 3600 * 1000) })
      .where('user_id', '=', 'U0GUS')
      .execute();
    await startFieldProgramme('coffee', 'C0SYNCED');
    const before = h.sandbox.callsTo('users.profile.get', { teamId }).length;
    const { teamOf } = await runRound('C0SYNCED');
    expect(teamOf.get('U0GUS')?.team).toBe('Support');
    expect(h.sandbox.callsTo('users.profile.get', { teamId }).length).toBe(before);
  });

  test('a value read with users.profile.get after the user_change wins over the directory’s copy, a users.list sync after it too', async () => {
    // Gus's field read from Slack an hour after the user_change stored "Support" (the read the round job keeps).
    await db()
      .updateTable('members')
      .set({ profile_fields_at: new Date(Date.now() - 2 * 3600 * 1000) })
      .where('workspace_id', '=', teamId)
      .where('user_id', '=', 'U0GUS')
      .execute();
    await db()
      .updateTable('pairing_profile_values')
      .set({ fields: JSON.stringify({ [teamField]: 'Platform' }), fetched_at: new Date(Date.now() - 3600 * 1000) })
      .where('workspace_id', '=', teamId)
      .where('user_id', '=', 'U0GUS')
      .execute();
    // users.list carries no fields: the sync moves synced_at but says nothing newer about them.
    const syncedAt = async () =>
      (
        await db()
          .selectFrom('members')
          .select('synced_at')
          .where('workspace_id', '=', teamId)
          .where('user_id', '=', 'U0GUS')
          .executeTakeFirstOrThrow()
      ).synced_at.getTime();
    const before = await syncedAt();
    await h.service.deps.queues.enqueue('members.sync', { workspaceId: teamId, reason: 'fields-fresher' });
    await eventually(async () => ((await syncedAt()) > before ? true : undefined), 'the directory synced');
    await startFieldProgramme('coffee', 'C0FRESHER');
    const { teamOf } = await runRound('C0FRESHER');
    expect(teamOf.get('U0GUS')?.team).toBe('Platform');
  });
});

describe('user groups as the source', () => {
  test('the channel’s creator may choose them; someone in several counted groups gets the smallest; uncounted groups are never read', async () => {
    expect(await coffee('start cross-team', 'U0HAL', 'C0GROUPS')).toContain('Started');
    const startedWith = (await programme('C0GROUPS')).team_source;
    const view = await openSettings('C0GROUPS', 'U0HAL');
    expect(optionValues(view, 'coffee_team_usergroups')).toEqual(['S0CORE', 'S0PAY', 'S0DES', 'S0SALES', 'S0ALL']);
    const forged = await submitSettings(view, 'U0HAL', { team: 'usergroup', usergroups: ['S0CORE', 'S0NOSUCH'] });
    expect(forged?.errors).toMatchObject({ coffee_team_usergroups: expect.stringContaining('no longer exists') });
    expect((await programme('C0GROUPS')).team_source).toBe(startedWith);
    // A non-manager's forged submission is refused and changes nothing.
    const stranger = await submitSettings(view, 'U0BEN', { team: 'usergroup' });
    expect(stranger?.errors?.coffee_frequency).toContain('Only Nudge admins or the channel’s creator');
    expect((await programme('C0GROUPS')).team_source).toBe(startedWith);

    expect(
      await submitSettings(view, 'U0HAL', { team: 'usergroup', usergroups: ['S0CORE', 'S0PAY', 'S0DES', 'S0SALES'] }),
    ).toBeUndefined();
    const { groups, teamOf } = await runRound('C0GROUPS');
    expect(Object.fromEntries(humans.map((u) => [u, teamOf.get(u)?.team ?? null]))).toEqual({
      U0ADA: 'Core team',
      U0BEN: 'Payments',
      U0HAL: 'Payments',
      U0CAT: 'Design',
      U0DAN: 'Design',
      U0EVE: 'Sales',
      U0FAY: 'Sales',
      U0GUS: null,
    });
    const read = h.sandbox.callsTo('usergroups.users.list', { teamId }).map((c) => c.args.usergroup);
    expect(new Set(read)).toEqual(new Set(['S0CORE', 'S0PAY', 'S0DES', 'S0SALES']));
    for (const group of groups) {
      const teams = group.members.map((m) => teamOf.get(m)?.team).filter(Boolean);
      expect(new Set(teams).size).toBe(teams.length);
    }
  });
});

describe('the admin’s CSV import and per-person overrides', () => {
  const refusal = 'Only Nudge admins';

  async function interaction(userId: string, payload: Record<string, unknown>) {
    const response = await h.driver.interaction({ teamId, userId, payload });
    expect(response.status).toBe(200);
    return response.json as
      | {
          response_action?: string;
          errors?: Record<string, string>;
          view?: { blocks?: unknown[]; private_metadata?: string; submit?: unknown };
        }
      | undefined;
  }

  const importSubmission = (csv: string) => ({
    type: 'view_submission',
    view: {
      id: 'V0TEAMSIMPORT',
      callback_id: 'coffee_teams_import',
      state: { values: { coffee_teams_csv: { csv: { value: csv } } } },
    },
  });
  const teamsOf = async () =>
    Object.fromEntries(
      (
        await db()
          .selectFrom('members')
          .select(['user_id', 'team', 'department'])
          .where('workspace_id', '=', teamId)
          .where('user_id', 'in', humans)
          .execute()
      ).map((m) => [m.user_id, [m.team, m.department]]),
    );

  test('non-admins are refused on the command, every button and every submission, and nothing changes', async () => {
    const before = await teamsOf();
    // Hal created #groups and manages its programme, but people's teams are the organisation's, not the channel's.
    for (const userId of ['U0BEN', 'U0HAL']) {
      expect(await coffee('teams', userId, 'C0GROUPS')).toContain(refusal);
      const started = Date.now();
      for (const actionId of ['pairing_open_teams', 'pairing_teams_import', 'pairing_team_override']) {
        await interaction(userId, { type: 'block_actions', actions: [{ action_id: actionId, type: 'button' }] });
      }
      const refusals = await h.sandbox.waitFor(() => {
        const views = h.sandbox.openViews().filter((v) => v.userId === userId && v.updatedAt >= started);
        return views.length >= 3 ? views : undefined;
      });
      for (const view of refusals) {
        expect(JSON.stringify(view.view)).toContain(refusal);
        expect(view.view.callback_id).toBeUndefined();
      }
      expect(
        (await interaction(userId, importSubmission('user,team\nU0BEN,Hijack')))?.errors?.coffee_teams_csv,
      ).toContain(refusal);
      const confirm = await interaction(userId, {
        type: 'view_submission',
        view: {
          id: 'V0FORGEDCONFIRM',
          callback_id: 'coffee_teams_import_confirm',
          private_metadata: 'user,team\nU0BEN,Hijack',
          state: { values: {} },
        },
      });
      expect(JSON.stringify(confirm?.view)).toContain(refusal);
      const override = await interaction(userId, {
        type: 'view_submission',
        view: {
          id: 'V0FORGEDOVERRIDE',
          callback_id: 'coffee_team_override',
          state: {
            values: {
              coffee_override_person: { person: { selected_user: userId } },
              coffee_override_team: { team: { value: 'Hijack' } },
            },
          },
        },
      });
      expect(override?.errors?.coffee_override_person).toContain(refusal);
    }
    expect(await teamsOf()).toEqual(before);
    expect(await db().selectFrom('member_team_overrides').selectAll().execute()).toEqual([]);
  });

  test('admins reach the teams tools from the /coffee settings modal and from their Home tab; others’ Home has no button', async () => {
    const settings = await openSettings('C0FIELDS');
    const started = Date.now();
    await interaction('U0ADA', {
      type: 'block_actions',
      container: { type: 'view', view_id: settings.id },
      actions: [{ action_id: 'pairing_open_teams', type: 'button' }],
    });
    const pushed = await openedView('U0ADA', started, (v) => v.previousViewId === settings.id);
    expect(JSON.stringify(pushed.view)).toContain('Teams and departments');

    const homeOf = async (userId: string) => {
      const opened = Date.now();
      await h.driver.event({ teamId, event: { type: 'app_home_opened', user: userId, tab: 'home' } });
      return await h.sandbox.waitFor(
        () =>
          h.sandbox
            .callsTo('views.publish', { teamId })
            .find((c) => c.at >= opened && c.args.user_id === userId && c.status === 200),
        { timeoutMs: 20_000 },
      );
    };
    const home = await homeOf('U0ADA');
    expect(JSON.stringify(home.args.view)).toContain('pairing_open_teams');
    const clicked = Date.now();
    await interaction('U0ADA', {
      type: 'block_actions',
      container: { type: 'view', view_id: (home.response as { view: { id: string } }).view.id },
      actions: [{ action_id: 'pairing_open_teams', type: 'button' }],
    });
    const hub = await openedView('U0ADA', clicked, (v) => JSON.stringify(v.view).includes('pairing_teams_import'));
    expect(hub.via).toBe('views.open');
    expect(JSON.stringify((await homeOf('U0BEN')).args.view)).not.toContain('pairing_open_teams');
  });

  test('the import previews every row with its errors, saves nothing until confirmed, then saves only the good rows', async () => {
    const started = Date.now();
    expect(await coffee('teams', 'U0ADA', 'C0IMPORT')).toBe('');
    const hub = await openedView('U0ADA', started, (v) => JSON.stringify(v.view).includes('pairing_teams_import'));
    await interaction('U0ADA', {
      type: 'block_actions',
      container: { type: 'view', view_id: hub.id },
      actions: [{ action_id: 'pairing_teams_import', type: 'button' }],
    });
    const importView = await openedView('U0ADA', started, (v) => v.view.callback_id === 'coffee_teams_import');
    expect(importView.previousViewId).toBe(hub.id);

    for (const [csv, problem] of [
      ['name,team\nU0BEN,Core', 'unknown column "name"'],
      ['user,favourite\nU0BEN,x', 'unknown column "favourite"'],
      ['user\nU0BEN', 'needs a team or a department column'],
      ['user,team\n', 'has a header but no rows'],
      ['user,team\n"U0BEN,Core', 'never closed'],
    ] as const) {
      const answer = await interaction('U0ADA', {
        ...importSubmission(csv),
        view: { ...importSubmission(csv).view, id: importView.id },
      });
      expect(answer?.errors?.coffee_teams_csv, csv).toContain(problem);
    }

    const csv = [
      'user,team,department',
      '<@U0ADA|ada>,Platform,Engineering',
      'U0BEN,Payments,',
      'cat@teams.test,,Product Design',
      '@dan,Brand,Marketing',
      'U0NOBODY,Core,Engineering',
      'nobody@teams.test,Core,',
      'U0BOT,Robots,',
      'gone@teams.test,Alumni,',
      'U0BEN,Twice,',
      `U0EVE,${'x'.repeat(81)},`,
      'U0FAY,,',
      'not a person,Core,',
      'U0GUS,Core,Engineering,extra',
    ].join('\n');
    const preview = await interaction('U0ADA', {
      ...importSubmission(csv),
      view: { ...importSubmission(csv).view, id: importView.id },
    });
    expect(preview?.response_action).toBe('update');
    const shown = JSON.stringify(preview?.view);
    expect(shown).toContain('4 rows are ready to import; 9 rows have errors');
    for (const line of [
      'Line 6 (U0NOBODY): No member of this workspace has the ID U0NOBODY.',
      'Line 7 (nobody@teams.test): No member of this workspace has the email nobody@teams.test.',
      'Line 8 (U0BOT): This is a bot, not a person.',
      'Line 9 (gone@teams.test): This person has left the workspace.',
      'Line 10 (U0BEN): The same person is already on line 3.',
      'is longer than 80 characters',
      'Line 12 (U0FAY): Nothing to import: give a team or a department.',
      'is not a person: use an @mention, a Slack user ID or an email.',
      'Line 14 (U0GUS): 4 fields, but the header has 3.',
    ]) {
      expect(shown).toContain(line);
    }
    expect(preview?.view?.submit).toMatchObject({ text: 'Import 4' });
    // Nothing is saved by a preview.
    expect(Object.values(await teamsOf()).every(([team, department]) => team === null && department === null)).toBe(
      true,
    );

    const done = await interaction('U0ADA', {
      type: 'view_submission',
      view: {
        id: importView.id,
        callback_id: 'coffee_teams_import_confirm',
        private_metadata: preview?.view?.private_metadata,
        state: { values: {} },
      },
    });
    expect(JSON.stringify(done?.view)).toContain('Saved teams for 4 people');
    expect(await teamsOf()).toMatchObject({
      U0ADA: ['Platform', 'Engineering'],
      U0BEN: ['Payments', null],
      U0CAT: [null, 'Product Design'],
      U0DAN: ['Brand', 'Marketing'],
      U0EVE: [null, null],
      U0GUS: [null, null],
    });
    // A later import with an empty cell keeps what the person had.
    const again = await interaction('U0ADA', {
      type: 'view_submission',
      view: {
        id: importView.id,
        callback_id: 'coffee_teams_import_confirm',
        private_metadata: 'user,team,department\nU0ADA,,Research',
        state: { values: {} },
      },
    });
    expect(JSON.stringify(again?.view)).toContain('Saved teams for 1 person');
    expect((await teamsOf()).U0ADA).toEqual(['Platform', 'Research']);
  });

  test('an override wins over the programme’s source; bad input is refused inline; both fields empty clears it', async () => {
    const submit = (values: { person?: string | null; team?: string; department?: string }) =>
      interaction('U0ADA', {
        type: 'view_submission',
        view: {
          id: 'V0OVERRIDE',
          callback_id: 'coffee_team_override',
          state: {
            values: {
              coffee_override_person: { person: { selected_user: values.person ?? null } },
              coffee_override_team: { team: { value: values.team ?? null } },
              coffee_override_department: { department: { value: values.department ?? null } },
            },
          },
        },
      });
    expect((await submit({ team: 'Core' }))?.errors).toEqual({ coffee_override_person: 'Choose the person.' });
    expect((await submit({ person: 'U0BOT', team: 'Core' }))?.errors?.coffee_override_person).toContain('bot');
    expect((await submit({ person: 'U0NOBODY1', team: 'Core' }))?.errors?.coffee_override_person).toContain(
      'not a member of this workspace',
    );
    expect((await submit({ person: 'U0EVE', team: 'y'.repeat(81) }))?.errors?.coffee_override_team).toContain('80');
    expect((await submit({ person: 'U0EVE', team: 'Ops\u0000' }))?.errors?.coffee_override_team).toContain(
      'control characters',
    );
    expect(await db().selectFrom('member_team_overrides').selectAll().execute()).toEqual([]);

    // Eve's profile field says Sales, as does Fay's; an admin moves Eve to Design and Gus (no field) to Sales.
    const saved = await submit({ person: 'U0EVE', team: '  Design  ', department: 'Product' });
    expect(JSON.stringify(saved?.view)).toContain('team Design, department Product');
    await submit({ person: 'U0GUS', team: 'Sales' });
    await submit({ person: 'U0ADA', team: 'Temporary' });
    const cleared = await submit({ person: 'U0ADA' });
    expect(JSON.stringify(cleared?.view)).toContain('Cleared');
    expect(
      await db()
        .selectFrom('member_team_overrides')
        .select(['user_id', 'team', 'department', 'set_by'])
        .orderBy('user_id')
        .execute(),
    ).toEqual([
      { user_id: 'U0EVE', team: 'Design', department: 'Product', set_by: 'U0ADA' },
      { user_id: 'U0GUS', team: 'Sales', department: null, set_by: 'U0ADA' },
    ]);

    // The admin's overview lists them.
    const opened = Date.now();
    expect(await coffee('teams', 'U0ADA', 'C0IMPORT')).toBe('');
    const hub = await openedView('U0ADA', opened, (v) => JSON.stringify(v.view).includes('pairing_teams_import'));
    expect(JSON.stringify(hub.view)).toContain(
      '*Overrides:* 2\\n• <@U0EVE> — team Design, department Product\\n• <@U0GUS> — team Sales',
    );

    // #imported reads teams from the profile field: overrides first, then the field, then the import.
    await startFieldProgramme('cross-team', 'C0IMPORT');
    const { groups, teamOf } = await runRound('C0IMPORT');
    expect(teamOf.get('U0EVE')).toMatchObject({ team: 'Design', department: 'Product' });
    expect(teamOf.get('U0GUS')?.team).toBe('Sales');
    expect(teamOf.get('U0ADA')?.team).toBe('Core');
    // Ada's department has no source but the import: Research, from the CSV.
    expect(teamOf.get('U0ADA')?.department).toBe('Research');
    for (const group of groups) {
      const teams = group.members.map((m) => teamOf.get(m)?.team).filter(Boolean);
      expect(new Set(teams).size).toBe(teams.length);
    }
  });
});
