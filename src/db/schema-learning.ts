import type { ColumnType, Generated } from 'kysely';

/** Skills profiles and the workspace's curated skill list. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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

/** Learn from someone, or shadow them for an hour or half a day on a proposed date. */
export const learningRequestKinds = ['learn', 'shadow_hour', 'shadow_half_day'] as const;
export type LearningRequestKind = (typeof learningRequestKinds)[number];

/** Declined and expired are told to the asker alike; withdrawn: the asker or expert left. */
export type LearningRequestStatus = 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface LearningRequestsTable {
  id: Generated<string>;
  workspace_id: string;
  asker_id: string;
  expert_id: string;
  skill: string;
  skill_key: string;
  kind: LearningRequestKind;
  /** `YYYY-MM-DD`, for a shadowing request. */
  proposed_date: ColumnType<string | null, string | null | undefined, string | null>;
  status: LearningRequestStatus;
  requested_at: Timestamp;
  answered_at: NullableTimestamp;
  /** When the asker of a declined or expired request was offered their next suggestion. */
  handed_off_at: NullableTimestamp;
}

export interface LearningSettingsTable {
  workspace_id: string;
  weekly_request_cap: number;
  updated_at: Timestamp;
}

export interface LearningTables {
  skill_profile_entries: SkillProfileEntriesTable;
  workspace_skills: WorkspaceSkillsTable;
  learning_requests: LearningRequestsTable;
  learning_settings: LearningSettingsTable;
}
