import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The span the kept per-recipient counts cover: kudos given in [window_from, boundary). */
export interface InsightsRecognitionStateTable {
  workspace_id: string;
  window_from: Timestamp;
  boundary: Timestamp;
}

/** Kudos each person received from givers counted over the kept span (person ids: derived state). */
export interface InsightsRecognitionReceivedTable {
  workspace_id: string;
  recipient_id: string;
  kudos: number;
}

export interface InsightsRecognitionTables {
  insights_recognition_state: InsightsRecognitionStateTable;
  insights_recognition_received: InsightsRecognitionReceivedTable;
}
