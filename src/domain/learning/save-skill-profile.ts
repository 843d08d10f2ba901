import type { Db } from '../../db/database.ts';
import { replaceSkillProfileList } from '../../db/queries/learning-skills.ts';
import { foldSkillsForStorage, maxProfileSkills, type SkillListName, skillListNames } from './skill-lists.ts';

export type SaveSkillProfileResult =
  | { ok: true; lists: Record<SkillListName, string[]> }
  | { ok: false; errors: Partial<Record<SkillListName, string>> };

/**
 * Replaces the four lists of a person's skills profile at once. Every list's problem is returned, keyed by list,
 * and nothing is saved when any list has one.
 */
export async function saveSkillProfile(
  db: Db,
  input: { workspaceId: string; userId: string; lists: Record<SkillListName, string[]>; now: Date },
): Promise<SaveSkillProfileResult> {
  const errors: Partial<Record<SkillListName, string>> = {};
  const folded = skillListNames.map((list) => {
    const result = foldSkillsForStorage(input.lists[list] ?? [], maxProfileSkills);
    if (!result.ok) errors[list] = result.problem;
    return { list, skills: result.ok ? result.skills : [] };
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  await db.transaction().execute(async (trx) => {
    for (const { list, skills } of folded) {
      await replaceSkillProfileList(trx, {
        workspaceId: input.workspaceId,
        userId: input.userId,
        list,
        skills,
        now: input.now,
      });
    }
  });
  const lists = Object.fromEntries(folded.map(({ list, skills }) => [list, skills.map((s) => s.skill)]));
  return { ok: true, lists: lists as Record<SkillListName, string[]> };
}
