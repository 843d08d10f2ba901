import type { ColumnType } from 'kysely';

/**
 * The admins' insights, precomputed per workspace: counts only, each with the number of distinct people behind it,
 * so the small-group rule can be applied when a figure is shown. Definitions in docs/insights.md.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** The first day of a month in the workspace's time zone, as 'YYYY-MM-DD'. */
type Month = ColumnType<string, string, string>;

export interface InsightsStateTable {
  workspace_id: string;
  watermark: Timestamp;
  computed_at: Timestamp;
  full_computed_at: Timestamp;
}

export interface InsightsProgrammeMonthsTable {
  workspace_id: string;
  month: Month;
  programme_id: string;
  kind: string;
  groups: number;
  participants: number;
  met_groups: number;
  met_people: number;
  unmet_people: number;
}

export interface InsightsTieMonthsTable {
  workspace_id: string;
  month: Month;
  ties: number;
  cross_ties: number;
  people: number;
  cross_people: number;
  same_people: number;
}

export interface InsightsTeamPairsTable {
  workspace_id: string;
  team_a: string;
  team_b: string;
  ties: number;
  people_a: number;
  people_b: number;
}

export interface InsightsTeamsTable {
  workspace_id: string;
  team: string;
  members: number;
  internal_ties: number;
  external_ties: number;
  tie_people: number;
  hidden_own_people: number;
  hidden_other_people: number;
}

export interface InsightsDepartmentKudosTable {
  workspace_id: string;
  from_department: string;
  to_department: string;
  kudos: number;
  givers: number;
  recipients: number;
}

export interface InsightsRecognitionTable {
  workspace_id: string;
  active_members: number;
  recipients: number;
  received_none: number;
  kudos: number;
  gini: number | null;
}

export interface InsightsMentorshipMonthsTable {
  workspace_id: string;
  month: Month;
  pairs: number;
  met_pairs: number;
  people: number;
  met_people: number;
  unmet_people: number;
}

export interface InsightsLearningMonthsTable {
  workspace_id: string;
  month: Month;
  requests: number;
  accepted: number;
  expired: number;
  people: number;
  accepted_people: number;
  expired_people: number;
  other_people: number;
}

/** A chart of the admins' page drawn as SVG, keyed by what it was drawn from (`chartDrawingKey`). */
export interface InsightsDrawingsTable {
  workspace_id: string;
  drawing_key: string;
  svg: string;
  drawn_at: Timestamp;
}

/** What the 12-month windows keep so that an update extends them with new events only (person ids: derived state). */
export interface InsightsWindowStateTable {
  workspace_id: string;
  /** Which part of the windows this state is of: computed apart, each keeps its own. */
  part: 'ties' | 'kudos';
  window_from: Timestamp;
  directory: string;
  revocations: string;
}

export interface InsightsWindowTiesTable {
  workspace_id: string;
  person_a: string;
  person_b: string;
  team_a: string;
  team_b: string;
}

export interface InsightsWindowTiePeopleTable {
  workspace_id: string;
  user_id: string;
  team: string;
}

export interface InsightsWindowGiversTable {
  workspace_id: string;
  giver_id: string;
  from_department: string;
  to_departments: string[];
}

export interface InsightsWindowRecipientsTable {
  workspace_id: string;
  recipient_id: string;
  to_department: string;
  from_departments: string[];
}

export interface InsightsWindowKudosTable {
  workspace_id: string;
  period: ColumnType<string, string, string>;
  from_department: string;
  to_department: string;
  kudos: number;
}

export interface InsightsTables {
  insights_state: InsightsStateTable;
  insights_programme_months: InsightsProgrammeMonthsTable;
  insights_tie_months: InsightsTieMonthsTable;
  insights_team_pairs: InsightsTeamPairsTable;
  insights_teams: InsightsTeamsTable;
  insights_department_kudos: InsightsDepartmentKudosTable;
  insights_recognition: InsightsRecognitionTable;
  insights_mentorship_months: InsightsMentorshipMonthsTable;
  insights_learning_months: InsightsLearningMonthsTable;
  insights_drawings: InsightsDrawingsTable;
  insights_window_state: InsightsWindowStateTable;
  insights_window_ties: InsightsWindowTiesTable;
  insights_window_tie_people: InsightsWindowTiePeopleTable;
  insights_window_givers: InsightsWindowGiversTable;
  insights_window_recipients: InsightsWindowRecipientsTable;
  insights_window_kudos: InsightsWindowKudosTable;
}
