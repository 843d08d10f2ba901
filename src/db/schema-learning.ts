import type { ColumnType } from 'kysely';

/** Skills profiles and the workspace's curated skill list. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The four lists of a skills profile; only `ask_me_about` is ever shown to anyone but its owner. */
export const skillListNames = ['ask_me_about', 'can_mentor', 'want_to_learn', 'want_to_improve'] as const;
export type SkillListName = (typeof skillListNames)[number];

export interface SkillProfileEntriesTable {
  workspace_id: string;
  user_id: string;
  list: SkillListName;
  /** As the person (or the workspace list) spelled it. */
  skill: string;
  /** `normaliseSkill(skill)`: what matching compares. */
  skill_key: string;
  position: number;
  updated_at: Timestamp;
}

export interface WorkspaceSkillsTable {
  workspace_id: string;
  skill: string;
  skill_key: string;
  position: number;
}

export interface LearningTables {
  skill_profile_entries: SkillProfileEntriesTable;
  workspace_skills: WorkspaceSkillsTable;
}
