import type { Db } from '../../db/database.ts';
import { findMember, upsertMembers } from '../../db/queries/members.ts';
import type { Member, NewMember } from '../../db/schema.ts';
import { forgetDepartedMembers } from './departures.ts';
import { memberFromSlackUser } from './member-from-slack-user.ts';
import type { SlackUserObject } from './slack-user.ts';

export type UserChangeOutcome = 'ignored' | 'unchanged' | 'saved';

/** JSON with its keys in one order, so the same fields compare equal however Slack ordered them. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether the directory row already says everything this user object would write (the sync time aside). */
function sameMember(stored: Member, next: NewMember): boolean {
  const storedFields =
    typeof stored.profile_fields === 'string' ? JSON.parse(stored.profile_fields) : stored.profile_fields;
  const nextFields = typeof next.profile_fields === 'string' ? JSON.parse(next.profile_fields) : next.profile_fields;
  return (
    stored.slack_team_id === (next.slack_team_id ?? null) &&
    stored.name === next.name &&
    stored.display_name === next.display_name &&
    stored.real_name === next.real_name &&
    stored.title === next.title &&
    stored.email === (next.email ?? null) &&
    stored.time_zone === next.time_zone &&
    stored.tz_offset_seconds === next.tz_offset_seconds &&
    stored.is_bot === next.is_bot &&
    stored.is_deleted === next.is_deleted &&
    stored.is_admin === next.is_admin &&
    stored.is_owner === next.is_owner &&
    stored.is_restricted === next.is_restricted &&
    canonicalJson(storedFields ?? {}) === canonicalJson(nextFields ?? {})
  );
}

/**
 * One person's user object from a `user_change` or `team_join`. Slack sends user_change on every profile and
 * status edit anywhere in the workspace, and most touch nothing the directory keeps (a status emoji, a photo):
 * those cost one read by primary key and write nothing. A change that matters is one upsert, and a person
 * who has just left is forgotten by every feature. The same payload twice writes once, so Slack's retries
 * need no claim.
 */
export async function applyUserChange(
  db: Db,
  input: { workspaceId: string; user: SlackUserObject; now: Date },
): Promise<UserChangeOutcome> {
  const next = memberFromSlackUser(input.workspaceId, input.user, input.now);
  if (!next) return 'ignored';
  const stored = await findMember(db, input.workspaceId, next.user_id);
  if (stored && sameMember(stored, next)) return 'unchanged';
  await upsertMembers(db, [next]);
  if (next.is_deleted && !stored?.is_deleted) await forgetDepartedMembers(db, input.workspaceId, [next.user_id]);
  return 'saved';
}
