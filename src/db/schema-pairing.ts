import type { ColumnType, Generated } from 'kysely';

/** Tables of the pairing programmes feature (coffee, cross-team intros, exec lottery). */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A calendar date as 'YYYY-MM-DD'. */
type CalendarDate = ColumnType<string, string, string>;

export type ProgrammeKind = 'coffee' | 'cross-team' | 'exec-lottery';
export type ProgrammeFrequency = 'weekly' | 'biweekly' | 'monthly';
export type RoundStatus = 'awaiting_approval' | 'delivering' | 'delivered' | 'closed' | 'cancelled';
export type CheckinAnswer = 'met' | 'scheduled' | 'not_this_time';
/** Where a programme reads each person's team: Nudge's directory (CSV import), the title, a profile field, user groups. */
export type TeamSource = 'directory' | 'title' | 'profile_field' | 'usergroup';
export type DepartmentSource = 'directory' | 'profile_field';

/** One person of a round's pool as matching saw them. */
export interface PooledPerson {
  userId: string;
  team: string | null;
  department: string | null;
  timeZone: string;
}

export interface RoundDebts {
  trio: string[];
  unmatched: string[];
}

type NullableText = ColumnType<string | null, string | null | undefined, string | null>;

export interface ProgrammesTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  kind: ProgrammeKind;
  frequency: ProgrammeFrequency;
  weekday: number;
  send_hour: number;
  group_size: number;
  cooldown_weeks: number;
  approval_required: boolean;
  team_source: TeamSource;
  /** The custom profile field (`Xf…`) read when team_source is 'profile_field'. */
  team_field_id: NullableText;
  /** The user groups that count as teams when team_source is 'usergroup'; none means every user group. */
  team_usergroup_ids: ColumnType<string[], string[] | undefined, string[]>;
  department_source: ColumnType<DepartmentSource, DepartmentSource | undefined, DepartmentSource>;
  department_field_id: NullableText;
  host_user_id: string | null;
  status: 'active' | 'paused';
  created_by: string;
  created_at: Timestamp;
}

export interface ProgrammeMembersTable {
  workspace_id: string;
  programme_id: string;
  user_id: string;
  status: 'active' | 'paused' | 'left';
  paused_until: ColumnType<string | null, string | null | undefined, string | null>;
  skip_next: Generated<boolean>;
  greeted_at: NullableTimestamp;
  trio_debt: Generated<number>;
  unmatched_debt: Generated<number>;
  team_override: string | null;
  ghost_strikes: Generated<number>;
  ghost_round_id: string | null;
  updated_at: Timestamp;
}

export interface PairingBlocksTable {
  workspace_id: string;
  user_id: string;
  blocked_user_id: string;
  created_at: Timestamp;
}

export interface RoundsTable {
  id: Generated<string>;
  workspace_id: string;
  programme_id: string;
  round_date: CalendarDate;
  number: number;
  status: RoundStatus;
  seed: string;
  stats: ColumnType<Record<string, number>, string | undefined, string>;
  checkin_at: Timestamp;
  close_at: Timestamp;
  approved_by: string | null;
  created_at: Timestamp;
  pool: ColumnType<PooledPerson[], string | undefined, string>;
  debts: ColumnType<RoundDebts, string | undefined, string>;
  /** An admin's "run now": intros go out on approval rather than at each group's local hour. */
  deliver_now: Generated<boolean>;
  reshuffles: Generated<number>;
}

export interface RoundGroupsTable {
  id: Generated<string>;
  workspace_id: string;
  round_id: string;
  members: string[];
  dropped: ColumnType<string[], string[] | undefined, string[]>;
  rescue_of: string | null;
  why: string;
  deliver_at: Timestamp;
  status: 'pending' | 'delivered' | 'cancelled';
  conversation_id: string | null;
  intro_ts: string | null;
  delivered_at: NullableTimestamp;
}

export interface RoundUnmatchedTable {
  workspace_id: string;
  round_id: string;
  user_id: string;
  reason: string;
  rescued_into: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RoundCheckinsTable {
  workspace_id: string;
  group_id: string;
  user_id: string;
  answer: CheckinAnswer;
  answered_at: Timestamp;
  /** When a "met" answer was last changed to another (a group may stop counting as met); null if never. */
  unmet_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /**
   * When the group was delivered, written with the answer: the insights' updates find the month and the group an
   * answer changes from the index of "met" answers alone. Null for an answer written before the column existed, or
   * by the release before during a rolling upgrade (an update then looks its group up).
   */
  group_delivered_at: ColumnType<Date | null, Date | string | null | undefined, never>;
}

export interface MemberTeamOverridesTable {
  workspace_id: string;
  user_id: string;
  team: string | null;
  department: string | null;
  set_by: string;
  updated_at: Timestamp;
}

export interface PairingProfileValuesTable {
  workspace_id: string;
  user_id: string;
  /** Field id -> value, only the fields the person filled in. */
  fields: ColumnType<Record<string, string>, string, string>;
  fetched_at: Timestamp;
}

export interface PairingUsergroupsTable {
  workspace_id: string;
  usergroup_id: string;
  handle: string;
  name: string;
  members: string[];
  fetched_at: Timestamp;
}

export interface RoundSwapsTable {
  id: Generated<string>;
  workspace_id: string;
  round_id: string;
  user_a: string;
  user_b: string;
  group_a: string;
  group_b: string;
  swapped_by: string;
  swapped_at: Timestamp;
}

export interface PairingTables {
  programmes: ProgrammesTable;
  programme_members: ProgrammeMembersTable;
  pairing_blocks: PairingBlocksTable;
  rounds: RoundsTable;
  round_groups: RoundGroupsTable;
  round_unmatched: RoundUnmatchedTable;
  round_checkins: RoundCheckinsTable;
  member_team_overrides: MemberTeamOverridesTable;
  pairing_profile_values: PairingProfileValuesTable;
  pairing_usergroups: PairingUsergroupsTable;
  round_swaps: RoundSwapsTable;
}
