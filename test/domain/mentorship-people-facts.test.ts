import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { findMentorshipProgramme } from '../../src/db/queries/mentorship-programmes.ts';
import { loadMentorshipCohort } from '../../src/domain/mentorship/cohort.ts';
import { planMentorshipCycle } from '../../src/domain/mentorship/plan-cycle.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';
import { signUp, startProgramme } from '../support/mentorship-programme.ts';

/**
 * Seniority levels and managers reach the engine from the directory (profile fields and the admin's import, the
 * admin's word first), so the programme's seniority gap and the manager rule work from real data.
 */

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const id of ['TA', 'TB']) await seedWorkspace(db, { id, now });
});
afterAll(async () => {
  await db?.destroy();
});

async function plan(workspaceId: string, programmeId: string) {
  const planned = await planMentorshipCycle(db, { workspaceId, programmeId, now });
  if (!planned.ok) throw new Error(`not planned: ${JSON.stringify(planned)}`);
  return planned.proposal;
}

const pairsOf = (proposal: { pairs: Array<{ mentor: string; mentee: string }> }) =>
  proposal.pairs.map((p) => `${p.mentor}>${p.mentee}`).sort();

describe('the cohort loader', () => {
  test('passes each person’s seniority and manager from their own workspace, the admin’s word over the profile’s', async () => {
    // The same user ids in both workspaces, with different facts.
    await seedMembers(db, 'TA', [
      { user_id: 'U0ANA', profile_seniority: 6 },
      { user_id: 'U0BEN', profile_seniority: 5, admin_seniority: 2, profile_manager_id: 'U0ANA' },
      { user_id: 'U0CY', admin_manager_id: 'U0ANA', profile_manager_id: 'U0BEN' },
      { user_id: 'U0DI' },
    ]);
    await seedMembers(db, 'TB', [
      { user_id: 'U0ANA', admin_seniority: 3 },
      { user_id: 'U0BEN', profile_seniority: 9 },
      { user_id: 'U0CY' },
      { user_id: 'U0DI', profile_manager_id: 'U0CY' },
    ]);
    const cohorts: Record<string, Awaited<ReturnType<typeof loadMentorshipCohort>>> = {};
    for (const workspaceId of ['TA', 'TB']) {
      const programmeId = await startProgramme(db, workspaceId, now, {}, 'C0LOADER');
      await signUp(db, workspaceId, programmeId, 'U0ANA', now, { role: 'mentor', teaches: ['Rust'], capacity: 2 });
      for (const mentee of ['U0BEN', 'U0CY', 'U0DI']) await signUp(db, workspaceId, programmeId, mentee, now);
      const programme = (await findMentorshipProgramme(db, workspaceId, programmeId))!;
      cohorts[workspaceId] = await loadMentorshipCohort(db, { workspaceId, programme, now, seed: 's', mode: 'assign' });
    }
    const facts = (cohort: (typeof cohorts)[string]) =>
      Object.fromEntries(
        [...cohort.mentors, ...cohort.mentees].map((p) => [p.id, [p.seniority ?? null, p.manager ?? null]]),
      );
    expect(facts(cohorts.TA!)).toEqual({
      U0ANA: [6, null],
      U0BEN: [2, 'U0ANA'],
      U0CY: [null, 'U0ANA'],
      U0DI: [null, null],
    });
    expect(facts(cohorts.TB!)).toEqual({
      U0ANA: [3, null],
      U0BEN: [9, null],
      U0CY: [null, null],
      U0DI: [null, 'U0CY'],
    });
  });

  test('a planned cycle never pairs someone with their own manager', async () => {
    await seedMembers(db, 'TA', [{ user_id: 'U0MIA' }, { user_id: 'U0NED', profile_manager_id: 'U0MIA' }]);
    await seedMembers(db, 'TB', [{ user_id: 'U0MIA' }, { user_id: 'U0NED' }]);
    const proposals: Record<string, Awaited<ReturnType<typeof plan>>> = {};
    for (const workspaceId of ['TA', 'TB']) {
      const programmeId = await startProgramme(db, workspaceId, now, {}, 'C0MANAGER');
      await signUp(db, workspaceId, programmeId, 'U0MIA', now, { role: 'mentor', teaches: ['Design'], capacity: 1 });
      await signUp(db, workspaceId, programmeId, 'U0NED', now, { learns: ['Design'] });
      proposals[workspaceId] = await plan(workspaceId, programmeId);
    }
    expect(pairsOf(proposals.TA!)).toEqual([]);
    expect(proposals.TA!.unmatched).toEqual([
      { id: 'U0NED', code: 'rules', reason: "no mentor who teaches Design fits this programme's rules" },
    ]);
    // In the other workspace Mia does not manage Ned.
    expect(pairsOf(proposals.TB!)).toEqual(['U0MIA>U0NED']);
  });
});

describe('the minimum seniority gap, from the directory', () => {
  test('a programme with a gap of 2 never pairs levels closer than that; unknown levels are allowed', async () => {
    // Levels from the profile and from the admin's import alike; Cal and Fay have none.
    await seedMembers(db, 'TA', [
      { user_id: 'U0ALI', profile_seniority: 6 },
      { user_id: 'U0BO', admin_seniority: 4, profile_seniority: 9 },
      { user_id: 'U0CAL' },
      { user_id: 'U0DEV', profile_seniority: 4 },
      { user_id: 'U0EDA', admin_seniority: 3 },
      { user_id: 'U0FAY' },
      { user_id: 'U0GIL', profile_seniority: 5 },
    ]);
    // The second workspace's Gil is junior enough for Bo.
    await seedMembers(db, 'TB', [
      { user_id: 'U0BO', profile_seniority: 4 },
      { user_id: 'U0GIL', profile_seniority: 1 },
    ]);
    const levels: Record<string, number | undefined> = { U0ALI: 6, U0BO: 4, U0DEV: 4, U0EDA: 3, U0GIL: 5 };
    const programmeId = await startProgramme(db, 'TA', now, { minSeniorityGap: 2 }, 'C0GAP');
    const mentor = (teaches: string[]) => ({ role: 'mentor' as const, teaches, capacity: 1 });
    await signUp(db, 'TA', programmeId, 'U0ALI', now, mentor(['Rust']));
    await signUp(db, 'TA', programmeId, 'U0BO', now, mentor(['Rust', 'Go']));
    await signUp(db, 'TA', programmeId, 'U0CAL', now, mentor(['Rust']));
    for (const mentee of ['U0DEV', 'U0EDA', 'U0FAY']) await signUp(db, 'TA', programmeId, mentee, now);
    await signUp(db, 'TA', programmeId, 'U0GIL', now, { learns: ['Go'] });

    const proposal = await plan('TA', programmeId);
    for (const p of proposal.pairs) {
      const [a, b] = [levels[p.mentor], levels[p.mentee]];
      if (a !== undefined && b !== undefined) expect(a - b, `${p.mentor}>${p.mentee}`).toBeGreaterThanOrEqual(2);
    }
    // Bo (4) is too close to Dev (4) and Eda (3): only Fay, whose level is unknown, may take his seat. Cal, whose level
    // is unknown, takes Dev or Eda; Ali (6) the other.
    expect(pairsOf(proposal)).toEqual(
      expect.arrayContaining(['U0BO>U0FAY', expect.stringMatching(/^U0CAL>U0(DEV|EDA)$/)]),
    );
    expect(proposal.pairs).toHaveLength(3);
    // Gil (5) wants Go, which only Bo (4) teaches.
    expect(proposal.unmatched).toEqual([
      {
        id: 'U0GIL',
        code: 'seniority',
        reason: 'no mentor who teaches Go is at least 2 levels more senior, as this programme asks',
      },
    ]);

    const other = await startProgramme(db, 'TB', now, { minSeniorityGap: 2 }, 'C0GAP');
    await signUp(db, 'TB', other, 'U0BO', now, mentor(['Go']));
    await signUp(db, 'TB', other, 'U0GIL', now, { learns: ['Go'] });
    expect(pairsOf(await plan('TB', other))).toEqual(['U0BO>U0GIL']);
  });
});
