import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type { AuditTables } from './schema-audit.ts';
import type { CelebrationTables } from './schema-celebrations.ts';
import type { InsightsTables } from './schema-insights.ts';
import type { PersonInsightsTables } from './schema-insights-person.ts';
import type { InsightsRecognitionTables } from './schema-insights-recognition.ts';
import type { KeepInTouchTables } from './schema-keep-in-touch.ts';
import type { LearningTables } from './schema-learning.ts';
import type { MentorshipTables } from './schema-mentorship.ts';
import type { PairingTables } from './schema-pairing.ts';
import type { RetentionTables } from './schema-retention.ts';

/** Table types, in one place. Every table carries `workspace_id` (the workspace key) except `workspaces` itself. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type WorkspaceStatus = 'active' | 'inactive';

export interface WorkspacesTable {
  /** The workspace key: the team ID, or the enterprise ID for an org-wide (Enterprise Grid) install. */
  id: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: boolean;
  name: string;
  status: WorkspaceStatus;
  time_zone: Generated<string>;
  installed_at: Timestamp;
  deactivated_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface InstallationsTable {
  workspace_id: string;
  bot_user_id: string | null;
  bot_id: string | null;
  app_id: string | null;
  bot_scopes: string;
  /** AES-256-GCM ciphertext of the whole Bolt Installation (it holds the tokens). */
  secret_ciphertext: string;
  updated_at: Timestamp;
}

export interface MembersTable {
  workspace_id: string;
  user_id: string;
  slack_team_id: string | null;
  name: string;
  display_name: string;
  real_name: string;
  title: string;
  email: string | null;
  time_zone: string;
  tz_offset_seconds: number;
  is_bot: boolean;
  is_deleted: boolean;
  is_admin: boolean;
  is_owner: boolean;
  is_restricted: boolean;
  /** Optional on insert: a user object without fields (users.list) keeps the stored ones. */
  profile_fields: ColumnType<Record<string, string>, string | undefined, string>;
  /** When the fields were last read from Slack: `synced_at` moves with syncs that carry none. */
  profile_fields_at: ColumnType<Date | null, Date | undefined, Date | null>;
  synced_at: Timestamp;
  team: Generated<string | null>;
  department: Generated<string | null>;
  /** What the person's Slack profile fields say: a level 1–10 and a manager's user id. */
  profile_seniority: Generated<number | null>;
  profile_manager_id: Generated<string | null>;
  /** What an admin's CSV import said; it wins over the profile. */
  admin_seniority: Generated<number | null>;
  admin_manager_id: Generated<string | null>;
  /** Computed by Postgres: the admin's value, else the profile's. What features read. */
  seniority: GeneratedAlways<number | null>;
  manager_id: GeneratedAlways<string | null>;
  /** When Slack first said the person was deactivated or deleted; null while they are here. */
  departed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the retention sweep purged a departed person's personal data; the row stays, blank, as a tombstone. */
  personal_data_purged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The person's Slack status; `status_expiration` is when Slack clears it, null when it never does. */
  status_text: Generated<string>;
  status_emoji: Generated<string>;
  status_expiration: Generated<Date | null>;
}

/** A workspace's own list of the words and emoji that mean "away"; no row means the default list. */
export interface AwayMarkersTable {
  workspace_id: string;
  markers: Json<string[]>;
  updated_at: Timestamp;
}

/** A workspace's custom profile fields as team.profile.get described them, to know which holds what. */
export interface ProfileFieldDefinitionsTable {
  workspace_id: string;
  fields: Json<ProfileFieldDefinition[]>;
  fetched_at: Timestamp;
}

export interface ProfileFieldDefinition {
  id: string;
  label: string;
  /** Slack's field type: text, user, options_list, … */
  type: string;
}

export interface ProcessedEventsTable {
  workspace_id: string;
  event_id: string;
  received_at: Timestamp;
}

export type SendStatus = 'attempted' | 'sent';

export interface SlackSendsTable {
  workspace_id: string;
  idempotency_key: string;
  channel_id: string;
  status: SendStatus;
  message_ts: string | null;
  /** Attempts that may have reached Slack; above one, a sender searches history before posting. */
  attempts: Generated<number>;
  /** First attempt: a retry searches the conversation's history from here for a post it cannot account for. */
  attempted_at: Timestamp;
  /** Who may post now: a sender holds the row until then; a crashed sender's hold simply runs out. */
  lease_until: Timestamp;
  sent_at: NullableTimestamp;
  /** A file upload's file, known once Slack gave it an upload URL: a retry looks for it before uploading again. */
  file_id: string | null;
}

export type KudosPeriodSetting = 'day' | 'week' | 'month';
export type KudosSource = 'command' | 'reaction' | 'shortcut' | 'modal' | 'button';
export type KudosBoardName = 'received' | 'given' | 'cross-team';
export type KudosTotalsPeriod = 'week' | 'month' | 'quarter' | 'year' | 'all';

export interface KudosSettingsTable {
  workspace_id: string;
  allowance: number;
  allowance_period: KudosPeriodSetting;
  pair_cap: number;
  emoji: string;
  kudos_values: Json<string[]>;
  kudos_channel_id: string | null;
  prompt_channel_ids: Json<string[]>;
  prompt_weekday: number;
  prompt_hour: number;
  digest_enabled: boolean;
  admin_user_ids: Json<string[]>;
  updated_at: Timestamp;
}

export interface KudosGiftsTable {
  id: Generated<string>;
  workspace_id: string;
  giver_id: string;
  request_key: string;
  source: KudosSource;
  reason: string;
  kudos_value: string | null;
  channel_id: string | null;
  message_link: string | null;
  source_ts: string | null;
  given_at: Timestamp;
  post_channel_id: string | null;
  post_ts: string | null;
  announced_at: NullableTimestamp;
}

export interface KudosTable {
  id: Generated<string>;
  workspace_id: string;
  gift_id: string;
  giver_id: string;
  recipient_id: string;
  kudos_value: string | null;
  giver_team: string | null;
  recipient_team: string | null;
  given_at: Timestamp;
}

export interface KudosRevocationsTable {
  gift_id: string;
  workspace_id: string;
  revoked_by: string;
  reason: 'undo' | 'reaction_removed';
  revoked_at: Timestamp;
  /** When the messages that announced the gift were deleted; null while the retraction is still owed. */
  withdrawn_at: NullableTimestamp;
}

export interface KudosTotalsTable {
  workspace_id: string;
  board: KudosBoardName;
  period: KudosTotalsPeriod;
  /** Local calendar date (YYYY-MM-DD) the period starts on; 1970-01-01 for all time. */
  period_start: ColumnType<string, string, string>;
  user_id: string;
  total: number;
}

/** Every table; each feature declares its own tables in schema-<feature>.ts and joins them here. */
export interface Database
  extends CelebrationTables,
    PairingTables,
    MentorshipTables,
    AuditTables,
    LearningTables,
    InsightsTables,
    PersonInsightsTables,
    InsightsRecognitionTables,
    KeepInTouchTables,
    RetentionTables {
  workspaces: WorkspacesTable;
  installations: InstallationsTable;
  members: MembersTable;
  away_markers: AwayMarkersTable;
  profile_field_definitions: ProfileFieldDefinitionsTable;
  processed_events: ProcessedEventsTable;
  slack_sends: SlackSendsTable;
  kudos_settings: KudosSettingsTable;
  kudos_gifts: KudosGiftsTable;
  kudos: KudosTable;
  kudos_revocations: KudosRevocationsTable;
  kudos_totals: KudosTotalsTable;
}

export type Workspace = Selectable<WorkspacesTable>;
export type Member = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type SlackSend = Selectable<SlackSendsTable>;
