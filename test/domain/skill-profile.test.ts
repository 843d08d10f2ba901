import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { applySkillImport, previewSkillImport } from '../../src/domain/learning/import-skills.ts';
import { saveSkillProfile } from '../../src/domain/learning/save-skill-profile.ts';
import type { SkillListName } from '../../src/domain/learning/skill-lists.ts';
import { ownSkillProfile, visibleSkillProfile } from '../../src/domain/learning/skill-profile.ts';
import { saveWorkspaceSkills, signupSkillMenu } from '../../src/domain/learning/workspace-skills.ts';
import { createMigratedDatabase, seedWorkspaceSpec } from '../support/domain-db.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');

beforeAll(async () => {
  db = await createMigratedDatabase();
  // Two workspaces with the same people and the same user IDs.
  await seedWorkspaceSpec(db, kudosWorkspace('TA'), now);
  await seedWorkspaceSpec(db, kudosWorkspace('TB'), now);
});
afterAll(async () => {
  await db?.destroy();
});

const lists = (given: Partial<Record<SkillListName, string[]>>): Record<SkillListName, string[]> => ({
  ask_me_about: [],
  can_mentor: [],
  want_to_learn: [],
  want_to_improve: [],
  ...given,
});

async function rows(workspaceId: string, userId: string) {
  return await db
    .selectFrom('skill_profile_entries')
    .select(['list', 'skill', 'skill_key'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .orderBy('list')
    .orderBy('position')
    .execute();
}

describe('saving a profile', () => {
  test('saves the four lists folded like mentorship, with the folded key stored, and replaces them on the next save', async () => {
    const first = await saveSkillProfile(db, {
      workspaceId: 'TA',
      userId: 'U0ALEX',
      lists: lists({ ask_me_about: ['JS', 'JavaScript', ' Node.js '], want_to_learn: ['k8s'] }),
      now,
    });
    expect(first).toEqual({
      ok: true,
      lists: lists({ ask_me_about: ['JS', 'Node.js'], want_to_learn: ['k8s'] }),
    });
    expect(await rows('TA', 'U0ALEX')).toEqual([
      { list: 'ask_me_about', skill: 'JS', skill_key: 'javascript' },
      { list: 'ask_me_about', skill: 'Node.js', skill_key: 'nodejs' },
      { list: 'want_to_learn', skill: 'k8s', skill_key: 'kubernetes' },
    ]);

    await saveSkillProfile(db, {
      workspaceId: 'TA',
      userId: 'U0ALEX',
      lists: lists({ want_to_improve: ['Public speaking'] }),
      now,
    });
    expect(await rows('TA', 'U0ALEX')).toEqual([
      { list: 'want_to_improve', skill: 'Public speaking', skill_key: 'public speaking' },
    ]);
  });

  test('a skill of 500 characters and a list of 21 are refused per list, and nothing is saved', async () => {
    await saveSkillProfile(db, { workspaceId: 'TA', userId: 'U0BEA', lists: lists({ can_mentor: ['SQL'] }), now });
    const result = await saveSkillProfile(db, {
      workspaceId: 'TA',
      userId: 'U0BEA',
      lists: lists({
        ask_me_about: ['Go'],
        want_to_learn: ['x'.repeat(500)],
        want_to_improve: Array.from({ length: 21 }, (_, i) => `Skill ${i}`),
      }),
      now,
    });
    expect(result).toEqual({
      ok: false,
      errors: { want_to_learn: 'Each skill at most 100 characters.', want_to_improve: 'At most 20 skills.' },
    });
    expect(await rows('TA', 'U0BEA')).toEqual([{ list: 'can_mentor', skill: 'SQL', skill_key: 'sql' }]);
    const twenty = await saveSkillProfile(db, {
      workspaceId: 'TA',
      userId: 'U0BEA',
      lists: lists({ want_to_improve: Array.from({ length: 20 }, (_, i) => `Skill ${i}`) }),
      now,
    });
    expect(twenty.ok).toBe(true);
  });

  test('a second workspace with the same user IDs keeps its own profile', async () => {
    await saveSkillProfile(db, { workspaceId: 'TA', userId: 'U0GIVER', lists: lists({ can_mentor: ['Rust'] }), now });
    await saveSkillProfile(db, { workspaceId: 'TB', userId: 'U0GIVER', lists: lists({ want_to_learn: ['Go'] }), now });
    expect(await ownSkillProfile(db, 'TA', 'U0GIVER')).toEqual(lists({ can_mentor: ['Rust'] }));
    expect(await ownSkillProfile(db, 'TB', 'U0GIVER')).toEqual(lists({ want_to_learn: ['Go'] }));
    await saveSkillProfile(db, { workspaceId: 'TB', userId: 'U0GIVER', lists: lists({}), now });
    expect(await ownSkillProfile(db, 'TA', 'U0GIVER')).toEqual(lists({ can_mentor: ['Rust'] }));
  });
});

describe('who sees what', () => {
  test('a colleague, an admin included, sees only "ask me about"; the owner sees all four lists', async () => {
    const all = lists({
      ask_me_about: ['Kubernetes'],
      can_mentor: ['Go'],
      want_to_learn: ['Design'],
      want_to_improve: ['Writing'],
    });
    await saveSkillProfile(db, { workspaceId: 'TA', userId: 'U0P01', lists: all, now });
    for (const viewerId of ['U0P02', 'U0ADMIN']) {
      expect(await visibleSkillProfile(db, { workspaceId: 'TA', viewerId, subjectId: 'U0P01' })).toEqual({
        ask_me_about: ['Kubernetes'],
      });
    }
    expect(await visibleSkillProfile(db, { workspaceId: 'TA', viewerId: 'U0P01', subjectId: 'U0P01' })).toEqual(all);
    // The same person ID in another workspace shows nothing of this one.
    expect(await visibleSkillProfile(db, { workspaceId: 'TB', viewerId: 'U0P02', subjectId: 'U0P01' })).toEqual({
      ask_me_about: [],
    });
  });
});

describe('the workspace skill list', () => {
  test('an admin saves it folded, once, in the audit log; mentorship sign-ups offer the programme’s list then it', async () => {
    const saved = await saveWorkspaceSkills(db, {
      workspaceId: 'TA',
      actorId: 'U0ADMIN',
      skills: ['Kubernetes', 'JavaScript', '', 'js', 'SQL'],
      now,
    });
    expect(saved).toEqual({ ok: true, skills: ['Kubernetes', 'JavaScript', 'SQL'] });
    await saveWorkspaceSkills(db, {
      workspaceId: 'TA',
      actorId: 'U0ADMIN',
      skills: ['Kubernetes', 'JavaScript', 'SQL'],
      now,
    });
    const log = await db
      .selectFrom('admin_audit_log')
      .select(['action', 'changes'])
      .where('workspace_id', '=', 'TA')
      .where('action', '=', 'learning.skill_list_changed')
      .execute();
    expect(log).toEqual([
      {
        action: 'learning.skill_list_changed',
        changes: { skills: { from: [], to: ['Kubernetes', 'JavaScript', 'SQL'] } },
      },
    ]);
    expect(await signupSkillMenu(db, 'TA', ['JS', 'Go'])).toEqual(['JS', 'Go', 'Kubernetes', 'SQL']);
    expect(await signupSkillMenu(db, 'TB', ['JS', 'Go'])).toEqual(['JS', 'Go']);
    expect(
      await saveWorkspaceSkills(db, {
        workspaceId: 'TA',
        actorId: 'U0ADMIN',
        skills: Array.from({ length: 101 }, (_, i) => `Skill ${i}`),
        now,
      }),
    ).toEqual({ ok: false, problem: 'At most 100 skills.' });
    expect(await signupSkillMenu(db, 'TA', [])).toEqual(['Kubernetes', 'JavaScript', 'SQL']);
  });
});

describe('CSV import', () => {
  const csv = [
    'user,list,skills',
    'U0P05,ask me about,Kubernetes; JS;JavaScript',
    'U0P05,want_to_learn,Go',
    'U0P06,favourites,Go',
    'U0P05,ask_me_about,SQL',
    'nobody@example.com,can_mentor,Go',
    `U0P07,can_mentor,${'x'.repeat(300)}`,
    'U0GONE,can_mentor,Go',
  ].join('\n');

  test('the preview reports each row’s problem with its line and saves nothing', async () => {
    const preview = await previewSkillImport(db, { workspaceId: 'TA', csv });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.ready.map((r) => [r.line, r.userId, r.list, r.skills.map((s) => s.skill)])).toEqual([
      [2, 'U0P05', 'ask_me_about', ['Kubernetes', 'JS']],
      [3, 'U0P05', 'want_to_learn', ['Go']],
    ]);
    expect(preview.errors.map((e) => [e.line, e.messages.join(' ')])).toEqual([
      [4, expect.stringContaining('List "favourites" is not one of ask_me_about')],
      [5, 'The same person and list is already on line 2.'],
      [6, expect.stringContaining('No member of this workspace')],
      [7, 'Each skill at most 100 characters.'],
      [8, 'This person has left the workspace.'],
    ]);
    expect(await rows('TA', 'U0P05')).toEqual([]);
  });

  test('applying saves the good rows in this workspace only, and records counts in the audit log', async () => {
    const result = await applySkillImport(db, { workspaceId: 'TA', actorId: 'U0ADMIN', csv, now });
    expect(result).toMatchObject({ ok: true, saved: 1 });
    expect(await ownSkillProfile(db, 'TA', 'U0P05')).toEqual(
      lists({ ask_me_about: ['Kubernetes', 'JS'], want_to_learn: ['Go'] }),
    );
    expect(await rows('TB', 'U0P05')).toEqual([]);
    const log = await db
      .selectFrom('admin_audit_log')
      .select(['actor_id', 'changes'])
      .where('workspace_id', '=', 'TA')
      .where('action', '=', 'learning.skills_imported')
      .execute();
    expect(log).toEqual([
      { actor_id: 'U0ADMIN', changes: { people: { from: null, to: 1 }, rows: { from: null, to: 2 } } },
    ]);
  });

  test('a CSV without a list column is refused as a whole', async () => {
    expect(await previewSkillImport(db, { workspaceId: 'TA', csv: 'user,team\nU0P05,x' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('unknown column "team"'),
    });
  });
});
