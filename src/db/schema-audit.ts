import type { ColumnType, GeneratedAlways } from 'kysely';

/** The admin audit log: one row per admin action. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Every admin action Nudge records; stored as text, so a name once shipped never changes. */
export const adminActions = [
  'kudos.settings_changed',
  'celebrations.settings_changed',
  'celebrations.paused',
  'celebrations.resumed',
  'celebrations.dates_imported',
  'pairing.programme_started',
  'pairing.programme_settings_changed',
  'pairing.round_approved',
  'pairing.people_imported',
  'pairing.team_set',
  'mentorship.programme_started',
  'mentorship.settings_changed',
  'mentorship.cycle_approved',
  'learning.skill_list_changed',
  'learning.skills_imported',
  'learning.weekly_cap_changed',
  'privacy.person_erased',
  'retention.settings_changed',
  'privacy.data_exported',
  'directory.away_markers_changed',
  'audit.log_exported',
] as const;

export type AdminAction = (typeof adminActions)[number];

/** A changed field's value before and after; absent fields did not change. */
export type AuditValue = string | number | boolean | null | string[];
export type AuditChanges = Record<string, { from: AuditValue; to: AuditValue }>;

export interface AdminAuditLogTable {
  workspace_id: string;
  id: GeneratedAlways<number>;
  at: Timestamp;
  actor_id: string;
  action: AdminAction;
  /** What the action acted on: a programme's channel, a person's user id; null for workspace-wide settings. */
  subject: string | null;
  changes: ColumnType<AuditChanges, string, string>;
}

/** Someone Nudge was asked to forget: their user id only as a digest, so the directory never stores them again. */
export interface ErasedMembersTable {
  workspace_id: string;
  user_digest: string;
  /** The `UERASED…` id their anonymised rows carry instead of their user id. */
  tombstone_id: string;
  erased_at: Timestamp;
}

export interface AuditTables {
  admin_audit_log: AdminAuditLogTable;
  erased_members: ErasedMembersTable;
}
