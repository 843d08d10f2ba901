import type { ColumnType } from 'kysely';

/** How long each kind of data is kept, per workspace; a workspace without a row keeps the defaults. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface RetentionSettingsTable {
  workspace_id: string;
  processed_events_days: number;
  send_ledger_days: number;
  checkin_answers_days: number;
  feedback_days: number;
  /** Null: kudos are kept for good. */
  kudos_history_days: number | null;
  audit_log_days: number;
  departed_grace_days: number;
  updated_at: Timestamp;
}

export interface RetentionTables {
  retention_settings: RetentionSettingsTable;
}
