import type { Db } from '../../db/database.ts';
import { findAskMeAboutSkills } from '../../db/queries/learning-requests.ts';
import {
  findSkillProfileEntries,
  findSkillProfileList,
  findSkillProfileListsOf,
} from '../../db/queries/learning-skills.ts';
import { publicSkillList, type SkillListName, skillListNames } from './skill-lists.ts';

export type SkillProfile = Record<SkillListName, string[]>;

export const emptySkillProfile = (): SkillProfile =>
  Object.fromEntries(skillListNames.map((list) => [list, []])) as unknown as SkillProfile;

/**
 * What `viewerId` may see of `subjectId`'s profile: all four lists of their own, and of anyone else's only what
 * they chose to be asked about. The one door to someone else's profile, so no admin view or later feature can read
 * the private lists.
 */
export async function visibleSkillProfile(
  db: Db,
  input: { workspaceId: string; viewerId: string; subjectId: string },
): Promise<Partial<SkillProfile>> {
  if (input.viewerId !== input.subjectId) {
    return {
      [publicSkillList]: await findSkillProfileList(db, input.workspaceId, input.subjectId, publicSkillList),
    };
  }
  const profile = emptySkillProfile();
  for (const row of await findSkillProfileEntries(db, input.workspaceId, input.subjectId)) {
    profile[row.list].push(row.skill);
  }
  return profile;
}

/**
 * What `viewerId` may see of several colleagues' profiles at once, through the same rule: only *ask me about* of
 * anyone but themself. One query, for the tags of a list of suggestions.
 */
export async function visibleAskMeAbout(
  db: Db,
  input: { workspaceId: string; viewerId: string; subjectIds: string[] },
): Promise<Map<string, string[]>> {
  const others = input.subjectIds.filter((id) => id !== input.viewerId);
  const lists = new Map<string, string[]>(others.map((id) => [id, []]));
  for (const row of await findSkillProfileListsOf(db, input.workspaceId, others, publicSkillList)) {
    lists.get(row.user_id)?.push(row.skill);
  }
  return lists;
}

/** A person's own profile, all four lists: their Home and their edit form. */
export async function ownSkillProfile(db: Db, workspaceId: string, userId: string): Promise<SkillProfile> {
  return {
    ...emptySkillProfile(),
    ...(await visibleSkillProfile(db, { workspaceId, viewerId: userId, subjectId: userId })),
  };
}

/** Whether anyone in the workspace lists a skill under *ask me about*: the demo seeds skills only into a workspace with none. */
export async function anyoneListsAskMeAbout(db: Db, workspaceId: string): Promise<boolean> {
  return (await findAskMeAboutSkills(db, workspaceId)).length > 0;
}
