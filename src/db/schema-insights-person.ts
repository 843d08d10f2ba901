import type { ColumnType } from 'kysely';

/** A person's own insights: the quarterly recap's opt-out and record, and their Home picture. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface InsightsRecapOptoutsTable {
  workspace_id: string;
  user_id: string;
  opted_out_at: Timestamp;
}

/** `YYYY-Qn`, the calendar quarter in the workspace's time zone. */
export type QuarterKey = string;

export interface InsightsRecapsTable {
  workspace_id: string;
  user_id: string;
  quarter: QuarterKey;
  /** `nothing`: the person had no connection, kudos or learning that quarter, so no DM was sent. */
  outcome: 'sent' | 'nothing';
  recorded_at: Timestamp;
}

export interface InsightsPicturesTable {
  workspace_id: string;
  user_id: string;
  /** A hash of the figures the picture draws: the same figures reuse the same uploaded file. */
  figures_hash: string;
  file_id: string;
  created_at: Timestamp;
}

export interface PersonInsightsTables {
  insights_recap_optouts: InsightsRecapOptoutsTable;
  insights_recaps: InsightsRecapsTable;
  insights_pictures: InsightsPicturesTable;
}
