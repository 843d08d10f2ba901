import type { ColumnType, Generated, Selectable } from 'kysely';

/** Tables of the celebrations feature (shipped projects, birthdays, work anniversaries). */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A calendar date, kept as the YYYY-MM-DD string it is (see database.ts). */
type CalendarDate = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type WeekendRule = 'friday' | 'monday' | 'keep';
export type CelebrationVisibility = 'channel' | 'dm' | 'none';
export type OccasionKind = 'birthday' | 'anniversary';
export type CelebrationPostStatus = 'pending' | 'posted' | 'failed' | 'skipped';
export type CelebrationSource = 'modal' | 'webhook' | 'github';

export interface CelebrationSettingsTable {
  workspace_id: string;
  /** Where birthdays and anniversaries are posted; nothing public is posted without one. */
  channel_id: string | null;
  paused: Generated<boolean>;
  /** Local hour (in each person's own time zone) birthdays and anniversaries are posted. */
  post_hour: Generated<number>;
  weekend_rule: Generated<WeekendRule>;
  /** The weekly wins digest goes here; none when null. */
  digest_channel_id: string | null;
  /** 1 = Monday … 7 = Sunday, workspace time zone. */
  digest_weekday: Generated<number>;
  digest_hour: Generated<number>;
  /** The inbound webhook secret, sealed with the SecretBox (AES-256-GCM); HMAC needs the secret itself. */
  webhook_secret_sealed: string | null;
  webhook_secret_created_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface CelebrationProfilesTable {
  workspace_id: string;
  user_id: string;
  birthday_month: number | null;
  birthday_day: number | null;
  start_date: CalendarDate | null;
  birthday_visibility: Generated<CelebrationVisibility>;
  anniversary_visibility: Generated<CelebrationVisibility>;
  source: 'self' | 'import' | 'ask';
  /** When Nudge asked this person for their dates by DM (it asks once). */
  asked_at: NullableTimestamp;
  updated_at: Timestamp;
}

/** The exactly-once ledger: one row per person, occasion and occasion year, written before anything is sent. */
export interface CelebrationPostsTable {
  workspace_id: string;
  user_id: string;
  occasion: OccasionKind;
  occasion_year: number;
  /** The date celebrated (a Feb 29 date already moved to Feb 28 in a common year). */
  occasion_date: CalendarDate;
  /** The date it is posted on in the person's time zone, after the weekend rule. */
  observed_date: CalendarDate;
  /** The posting moment: the configured hour on the observed date in the person's time zone. */
  moment: Timestamp;
  /** Completed years, for anniversaries. */
  years: number | null;
  delivery: 'channel' | 'dm';
  channel_id: string | null;
  /** The sender idempotency key of the message this row is part of; rows of one posting moment share it. */
  send_key: string;
  status: Generated<CelebrationPostStatus>;
  message_ts: string | null;
  error: string | null;
  created_at: Timestamp;
  posted_at: NullableTimestamp;
}

export interface CelebrationsTable {
  id: Generated<string>;
  workspace_id: string;
  title: string;
  url: string | null;
  channel_id: string;
  contributor_ids: Json<string[]>;
  created_by: string | null;
  source: CelebrationSource;
  /** Same key, same celebration: a resubmitted modal or a redelivered webhook records once. */
  request_key: string;
  created_at: Timestamp;
  post_channel_id: string | null;
  post_ts: string | null;
  posted_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  failure: string | null;
}

/** Signatures of accepted signed webhook requests, remembered for the timestamp window to refuse replays. */
export interface CelebrationWebhookSignaturesTable {
  workspace_id: string;
  signature: string;
  received_at: Timestamp;
}

export interface CelebrationTables {
  celebration_settings: CelebrationSettingsTable;
  celebration_profiles: CelebrationProfilesTable;
  celebration_posts: CelebrationPostsTable;
  celebrations: CelebrationsTable;
  celebration_webhook_signatures: CelebrationWebhookSignaturesTable;
}

export type CelebrationSettingsRow = Selectable<CelebrationSettingsTable>;
export type CelebrationProfileRow = Selectable<CelebrationProfilesTable>;
export type CelebrationPostRow = Selectable<CelebrationPostsTable>;
export type CelebrationRow = Selectable<CelebrationsTable>;
