import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { SkillListName } from '../schema-learning.ts';

type Executor = Kysely<Database>;

export interface StoredSkill {
  skill: string;
  key: string;
}

/** Every list of one person's profile, in the order they gave; only for the person themself. */
export async function findSkillProfileEntries(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<Array<{ list: SkillListName; skill: string }>> {
  return await db
    .selectFrom('skill_profile_entries')
    .select(['list', 'skill'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .orderBy('list')
    .orderBy('position')
    .execute();
}

/** One list of one person's profile, in order. */
/** One list of several people, each in their order. */
export async function findSkillProfileListsOf(
  db: Executor,
  workspaceId: string,
  userIds: string[],
  list: SkillListName,
): Promise<Array<{ user_id: string; skill: string }>> {
  if (userIds.length === 0) return [];
  return await db
    .selectFrom('skill_profile_entries')
    .select(['user_id', 'skill'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .where('list', '=', list)
    .orderBy('user_id')
    .orderBy('position')
    .execute();
}

export async function findSkillProfileList(
  db: Executor,
  workspaceId: string,
  userId: string,
  list: SkillListName,
): Promise<string[]> {
  const rows = await db
    .selectFrom('skill_profile_entries')
    .select('skill')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('list', '=', list)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.skill);
}

/** Replaces one list of a person's profile with `skills` (already folded: one per key). */
export async function replaceSkillProfileList(
  db: Executor,
  input: { workspaceId: string; userId: string; list: SkillListName; skills: StoredSkill[]; now: Date },
): Promise<void> {
  await db
    .deleteFrom('skill_profile_entries')
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId)
    .where('list', '=', input.list)
    .execute();
  if (input.skills.length === 0) return;
  await db
    .insertInto('skill_profile_entries')
    .values(
      input.skills.map((s, position) => ({
        workspace_id: input.workspaceId,
        user_id: input.userId,
        list: input.list,
        skill: s.skill,
        skill_key: s.key,
        position,
        updated_at: input.now,
      })),
    )
    .execute();
}

export async function findWorkspaceSkills(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('workspace_skills')
    .select('skill')
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.skill);
}

export async function replaceWorkspaceSkills(db: Executor, workspaceId: string, skills: StoredSkill[]): Promise<void> {
  await db.deleteFrom('workspace_skills').where('workspace_id', '=', workspaceId).execute();
  if (skills.length === 0) return;
  await db
    .insertInto('workspace_skills')
    .values(skills.map((s, position) => ({ workspace_id: workspaceId, skill: s.skill, skill_key: s.key, position })))
    .execute();
}
