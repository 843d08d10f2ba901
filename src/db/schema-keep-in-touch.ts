import type { ColumnType, Generated } from 'kysely';

/** Keeping in touch: every row is private to its owner (`user_id` / `owner_id`). */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Where the meeting behind a follow-up prompt came from. */
export type KeepInTouchSource = 'pairing' | 'mentorship' | 'learning';
/** kept: a cadence was chosen; skipped: the partner left or already was a contact; opted_out: the stop button. */
export type KeepInTouchPromptAnswer = 'kept' | 'no' | 'skipped' | 'opted_out';

export interface KeepInTouchPeopleTable {
  workspace_id: string;
  user_id: string;
  opted_out_at: NullableTimestamp;
  last_reconnect_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface KeepInTouchContactsTable {
  workspace_id: string;
  owner_id: string;
  contact_id: string;
  cadence_weeks: number;
  /** When the timer last started: the contact was added, or marked done. */
  anchor_at: Timestamp;
  snoozed_until: NullableTimestamp;
  created_at: Timestamp;
}

export interface KeepInTouchPromptsTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  partner_id: string;
  source: KeepInTouchSource;
  met_at: Timestamp;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  answered_at: NullableTimestamp;
  answer: KeepInTouchPromptAnswer | null;
}

export interface KeepInTouchTables {
  keep_in_touch_people: KeepInTouchPeopleTable;
  keep_in_touch_contacts: KeepInTouchContactsTable;
  keep_in_touch_prompts: KeepInTouchPromptsTable;
}
