import type { Db } from '../../db/database.ts';
import { findWorkspaceSkills, replaceWorkspaceSkills } from '../../db/queries/learning-skills.ts';
import { normaliseSkill } from '../../matching/mentorship/skills.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';
import { maxProgrammeSkills } from '../mentorship/settings.ts';
import { foldSkillsForStorage } from './skill-lists.ts';

/** A menu in Slack shows at most 100 options, the same cap as a mentorship programme's list. */
export const maxWorkspaceSkills = maxProgrammeSkills;

export async function loadWorkspaceSkills(db: Db, workspaceId: string): Promise<string[]> {
  return await findWorkspaceSkills(db, workspaceId);
}

export type SaveWorkspaceSkillsResult = { ok: true; skills: string[] } | { ok: false; problem: string };

/** An admin replaces the workspace's skill list; recorded in the audit log with the list before and after. */
export async function saveWorkspaceSkills(
  db: Db,
  input: { workspaceId: string; actorId: string; skills: string[]; now: Date },
): Promise<SaveWorkspaceSkillsResult> {
  const folded = foldSkillsForStorage(input.skills, maxWorkspaceSkills);
  if (!folded.ok) return folded;
  const after = folded.skills.map((s) => s.skill);
  await db.transaction().execute(async (trx) => {
    const before = await findWorkspaceSkills(trx, input.workspaceId);
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await replaceWorkspaceSkills(trx, input.workspaceId, folded.skills);
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'learning.skill_list_changed',
      changes: { skills: { from: before, to: after } },
      now: input.now,
    });
  });
  return { ok: true, skills: after };
}

/**
 * The skills a menu offers: each list's skills in order, a skill two lists spell differently kept once (the first
 * spelling), cut to what a menu holds.
 */
export function skillMenu(lists: ReadonlyArray<readonly string[]>, max = maxWorkspaceSkills): string[] {
  const seen = new Set<string>();
  const menu: string[] = [];
  for (const skill of lists.flat()) {
    const key = normaliseSkill(skill);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    menu.push(skill);
  }
  return menu.slice(0, max);
}

/** A mentorship sign-up's menu: the programme's own list, then the workspace's. */
export async function signupSkillMenu(
  db: Db,
  workspaceId: string,
  programmeSkills: readonly string[],
): Promise<string[]> {
  return skillMenu([programmeSkills, await findWorkspaceSkills(db, workspaceId)]);
}
