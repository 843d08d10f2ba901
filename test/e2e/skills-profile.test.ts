import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenView } from '../../src/sandbox/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { startProgramme } from '../support/mentorship-programme.ts';
import { submitOpenedView } from '../support/view-submission.ts';

/**
 * The skills profile end to end through signed requests: `/nudge skills` and its modal (errors per list, nothing
 * saved on any), the Home tab's section, the admin's workspace skill list feeding the profile's and mentorship's
 * menus, and the admin CSV import with its preview.
 */

let h: Harness;
const teamId = 'T0SKILLS';

beforeAll(async () => {
  h = await startHarness({ label: 'skills', workspaces: [kudosWorkspace(teamId)] });
  for (const userId of ['U0ADMIN', 'U0ALEX', 'U0BEA']) await waitForMember(h.service.deps.db, teamId, userId);
});
afterAll(async () => {
  await h?.stop();
});

const db = () => h.service.deps.db;

async function nudge(userId: string, text: string) {
  const response = await h.driver.command({ teamId, userId, channelId: 'C0TEAM', command: '/nudge', text });
  expect(response.status).toBe(200);
  return response;
}

async function openedView(userId: string, since: number, match: (v: OpenView) => boolean): Promise<OpenView> {
  return await h.sandbox.waitFor(
    () =>
      h.sandbox.openViews().find((v) => v.teamId === teamId && v.userId === userId && v.updatedAt >= since && match(v)),
    { timeoutMs: 20_000, description: `a modal for ${userId}` },
  );
}

async function openProfile(userId: string): Promise<OpenView> {
  const since = Date.now();
  expect((await nudge(userId, 'skills')).body).toBe('');
  return await openedView(userId, since, (v) => v.view.callback_id === 'learning_skills_profile');
}

const blockIds = (view: OpenView) => (view.view.blocks as Array<{ block_id?: string }>).map((b) => b.block_id);

function optionsOf(view: OpenView, blockId: string): string[] {
  const block = (
    view.view.blocks as Array<{ block_id?: string; element?: { options?: Array<{ value: string }> } }>
  ).find((b) => b.block_id === blockId);
  return (block?.element?.options ?? []).map((o) => o.value);
}

const typed = (values: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(values).map(([list, value]) => [
      `learning_skills_${list}_other`,
      { skills_other: { type: 'plain_text_input', value } },
    ]),
  );

async function rowsOf(userId: string) {
  return await db()
    .selectFrom('skill_profile_entries')
    .select(['list', 'skill'])
    .where('workspace_id', '=', teamId)
    .where('user_id', '=', userId)
    .orderBy('list')
    .orderBy('position')
    .execute();
}

async function homeOf(userId: string) {
  const since = Date.now();
  await h.driver.event({ teamId, event: { type: 'app_home_opened', user: userId, tab: 'home' } });
  const call = await h.sandbox.waitFor(
    () =>
      h.sandbox
        .callsTo('views.publish', { teamId })
        .find((c) => c.at >= since && c.args.user_id === userId && c.status === 200),
    { timeoutMs: 20_000, description: `the Home of ${userId}` },
  );
  return call;
}

describe('/nudge skills', () => {
  test('opens the four lists; a 500-character skill and 21 skills are refused under their fields, and nothing is saved', async () => {
    const view = await openProfile('U0ALEX');
    expect(blockIds(view)).toEqual(
      expect.arrayContaining([
        'learning_skills_ask_me_about_other',
        'learning_skills_can_mentor_other',
        'learning_skills_want_to_learn_other',
        'learning_skills_want_to_improve_other',
      ]),
    );
    const answer = await submitOpenedView(h, {
      teamId,
      userId: 'U0ALEX',
      view,
      values: typed({
        ask_me_about: 'Kubernetes',
        want_to_learn: 'x'.repeat(500),
        want_to_improve: Array.from({ length: 21 }, (_, i) => `Skill ${i}`).join(', '),
      }),
    });
    expect(answer).toEqual({
      response_action: 'errors',
      errors: {
        learning_skills_want_to_learn_other: 'Each skill at most 100 characters.',
        learning_skills_want_to_improve_other: 'At most 20 skills.',
      },
    });
    expect(await rowsOf('U0ALEX')).toEqual([]);
  });

  test('a valid form saves the lists folded, and the Home tab shows them with an Edit button', async () => {
    const view = await openProfile('U0ALEX');
    const answer = await submitOpenedView(h, {
      teamId,
      userId: 'U0ALEX',
      view,
      values: typed({ ask_me_about: 'Kubernetes, k8s, JS', want_to_learn: 'Go' }),
    });
    expect(answer?.response_action).toBe('update');
    expect(JSON.stringify(answer?.view)).toContain('Your skills are saved');
    expect(await rowsOf('U0ALEX')).toEqual([
      { list: 'ask_me_about', skill: 'Kubernetes' },
      { list: 'ask_me_about', skill: 'JS' },
      { list: 'want_to_learn', skill: 'Go' },
    ]);

    const home = JSON.stringify((await homeOf('U0ALEX')).args.view);
    expect(home).toContain('Your skills');
    expect(home).toContain('Kubernetes, JS');
    expect(home).toContain('learning_skills_open');
    // Someone else's Home shows their own (empty) profile, nothing of Alex's.
    const other = JSON.stringify((await homeOf('U0BEA')).args.view);
    expect(other).toContain('Add skills');
    expect(other).not.toContain('Kubernetes');

    // The Edit button opens the form with the saved skills filled in.
    const clicked = Date.now();
    const homeCall = await homeOf('U0ALEX');
    await h.driver.interaction({
      teamId,
      userId: 'U0ALEX',
      payload: {
        type: 'block_actions',
        container: { type: 'view', view_id: (homeCall.response as { view: { id: string } }).view.id },
        actions: [{ action_id: 'learning_skills_open', type: 'button' }],
      },
    });
    const edit = await openedView('U0ALEX', clicked, (v) => v.view.callback_id === 'learning_skills_profile');
    expect(JSON.stringify(edit.view)).toContain('"initial_value":"Kubernetes, JS"');
  });

  test('`/nudge skills` with anything else after it answers with the help, and opens nothing', async () => {
    const answer = (await nudge('U0ALEX', 'skills everything')).json as { text: string; response_type: string };
    expect(answer.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer)).toContain('/nudge skills');
  });
});

describe('the workspace skill list', () => {
  test('only admins may open it; its skills become the menus of the profile and of mentorship sign-ups', async () => {
    const refusedAt = Date.now();
    expect((await nudge('U0BEA', 'skills admin')).body).toBe('');
    const refusal = await openedView('U0BEA', refusedAt, (v) => JSON.stringify(v.view).includes('Only Nudge admins'));
    expect(refusal.view.callback_id).toBeUndefined();

    const since = Date.now();
    expect((await nudge('U0ADMIN', 'skills admin')).body).toBe('');
    const view = await openedView('U0ADMIN', since, (v) => v.view.callback_id === 'learning_workspace_skills');
    const list = (value: string) => ({
      learning_workspace_skills_list: { skills: { type: 'plain_text_input', value } },
    });
    const forged = await submitOpenedView(h, { teamId, userId: 'U0BEA', view, values: list('Lock picking') });
    expect(forged?.errors?.learning_workspace_skills_list).toContain('Only Nudge admins');
    const tooLong = await submitOpenedView(h, { teamId, userId: 'U0ADMIN', view, values: list('x'.repeat(300)) });
    expect(tooLong?.errors).toEqual({ learning_workspace_skills_list: 'Each skill at most 100 characters.' });
    const saved = await submitOpenedView(h, {
      teamId,
      userId: 'U0ADMIN',
      view,
      values: list('Public speaking\nSQL\nJavaScript'),
    });
    expect(saved?.response_action).toBe('update');
    expect(JSON.stringify(saved?.view)).not.toContain('Lock picking');

    const profile = await openProfile('U0BEA');
    expect(optionsOf(profile, 'learning_skills_can_mentor')).toEqual(['Public speaking', 'SQL', 'JavaScript']);
    const chosen = await submitOpenedView(h, {
      teamId,
      userId: 'U0BEA',
      view: profile,
      values: {
        learning_skills_can_mentor: {
          skills: { type: 'multi_static_select', selected_options: [{ value: 'SQL' }] },
        },
        ...typed({ can_mentor: 'sql, Go' }),
      },
    });
    expect(chosen?.response_action).toBe('update');
    expect(await rowsOf('U0BEA')).toEqual([
      { list: 'can_mentor', skill: 'SQL' },
      { list: 'can_mentor', skill: 'Go' },
    ]);

    await startProgramme(db(), teamId, new Date(), { skills: ['JS', 'Rust'] }, 'C0TEAM');
    const signupAt = Date.now();
    const response = await h.driver.command({
      teamId,
      userId: 'U0BEA',
      channelId: 'C0TEAM',
      command: '/mentor',
      text: 'signup',
    });
    expect(response.status).toBe(200);
    const signup = await openedView('U0BEA', signupAt, (v) => v.view.callback_id === 'mentorship_signup');
    expect(optionsOf(signup, 'mentorship_signup_learns')).toEqual(['JS', 'Rust', 'Public speaking', 'SQL']);
  });
});

describe('CSV import of skills', () => {
  test('the preview shows ready rows and each row’s errors, saves nothing, and the confirmation saves the good rows', async () => {
    const since = Date.now();
    await nudge('U0ADMIN', 'skills admin');
    const admin = await openedView('U0ADMIN', since, (v) => v.view.callback_id === 'learning_workspace_skills');
    await h.driver.interaction({
      teamId,
      userId: 'U0ADMIN',
      payload: {
        type: 'block_actions',
        container: { type: 'view', view_id: admin.id },
        actions: [{ action_id: 'learning_skills_import_open', type: 'button' }],
      },
    });
    const importView = await openedView('U0ADMIN', since, (v) => v.view.callback_id === 'learning_skills_import');
    expect(importView.previousViewId).toBe(admin.id);

    const csv = [
      'user,list,skills',
      'U0P03,ask_me_about,Kubernetes; Go',
      'U0P04,hobbies,Go',
      'U0ROBOT,want_to_learn,Go',
    ].join('\n');
    const preview = await submitOpenedView(h, {
      teamId,
      userId: 'U0ADMIN',
      view: importView,
      values: { learning_skills_csv: { csv: { type: 'plain_text_input', value: csv } } },
    });
    expect(preview?.response_action).toBe('update');
    const text = JSON.stringify(preview?.view);
    expect(text).toContain('1 row is ready to import; 2 rows have errors');
    expect(text).toContain('Line 2: <@U0P03> — Ask me about: Kubernetes, Go');
    expect(text).toContain('Line 3 (U0P04): List \\"hobbies\\" is not one of');
    expect(text).toContain('Line 4 (U0ROBOT): This is a bot, not a person.');
    expect(await rowsOf('U0P03')).toEqual([]);

    const previewView = preview?.view as OpenView['view'];
    const confirmed = await h.driver.interaction({
      teamId,
      userId: 'U0ADMIN',
      payload: {
        type: 'view_submission',
        view: {
          id: importView.id,
          callback_id: previewView.callback_id,
          private_metadata: previewView.private_metadata,
          state: { values: {} },
        },
      },
    });
    expect(JSON.stringify(confirmed.json)).toContain('Saved skills for 1 person');
    expect(await rowsOf('U0P03')).toEqual([
      { list: 'ask_me_about', skill: 'Kubernetes' },
      { list: 'ask_me_about', skill: 'Go' },
    ]);
    const audit = await db()
      .selectFrom('admin_audit_log')
      .select(['actor_id', 'action'])
      .where('workspace_id', '=', teamId)
      .where('action', 'in', ['learning.skill_list_changed', 'learning.skills_imported'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { actor_id: 'U0ADMIN', action: 'learning.skill_list_changed' },
      { actor_id: 'U0ADMIN', action: 'learning.skills_imported' },
    ]);
  });

  test('a colleague who is not an admin cannot preview an import', async () => {
    const since = Date.now();
    await nudge('U0ADMIN', 'skills admin');
    const admin = await openedView('U0ADMIN', since, (v) => v.view.callback_id === 'learning_workspace_skills');
    await h.driver.interaction({
      teamId,
      userId: 'U0ADMIN',
      payload: {
        type: 'block_actions',
        container: { type: 'view', view_id: admin.id },
        actions: [{ action_id: 'learning_skills_import_open', type: 'button' }],
      },
    });
    const importView = await openedView('U0ADMIN', since, (v) => v.view.callback_id === 'learning_skills_import');
    const refused = await submitOpenedView(h, {
      teamId,
      userId: 'U0BEA',
      view: importView,
      values: {
        learning_skills_csv: { csv: { type: 'plain_text_input', value: 'user,list,skills\nU0P09,can_mentor,Go' } },
      },
    });
    expect(refused?.errors?.learning_skills_csv).toContain('Only Nudge admins');
  });
});
