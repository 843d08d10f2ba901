import type { Db } from '../../db/database.ts';
import { findMember, updateMemberProfileFacts, upsertMembers } from '../../db/queries/members.ts';
import { findProfileFieldDefinitions } from '../../db/queries/profile-field-definitions.ts';
import type { Member, NewMember } from '../../db/schema.ts';
import { forgetDepartedMembers } from './departures.ts';
import { withoutForgottenPeople } from './forgotten-people.ts';
import { memberFromSlackUser } from './member-from-slack-user.ts';
import { type ProfileFacts, profileFacts } from './profile-facts.ts';
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
    stored.status_text === (next.status_text ?? '') &&
    stored.status_emoji === (next.status_emoji ?? '') &&
    (stored.status_expiration?.getTime() ?? null) === (next.status_expiration?.getTime() ?? null) &&
    // An object without custom fields leaves the stored ones as they are.
    (nextFields === undefined || canonicalJson(storedFields ?? {}) === canonicalJson(nextFields))
  );
}

/**
 * The level and manager the user object's profile fields give, or undefined when it cannot say: the object carries
 * no fields (users.list and users.info leave them out) or the workspace's field labels are not known yet (the
 * directory sync reads them).
 */
async function factsFromProfile(
  db: Db,
  workspaceId: string,
  user: SlackUserObject,
  next: NewMember,
): Promise<ProfileFacts | undefined> {
  const fields = user.profile?.fields;
  if (fields === undefined || fields === null || typeof fields !== 'object') return undefined;
  const definitions = await findProfileFieldDefinitions(db, workspaceId);
  if (!definitions) return undefined;
  const values = typeof next.profile_fields === 'string' ? JSON.parse(next.profile_fields) : next.profile_fields;
  return profileFacts(next.user_id, values ?? {}, definitions);
}

const sameFacts = (stored: Member | undefined, facts: ProfileFacts | undefined): boolean =>
  facts === undefined ||
  (stored !== undefined &&
    stored.profile_seniority === facts.seniority &&
    stored.profile_manager_id === facts.managerId);

/**
 * One person's user object from a `user_change` or `team_join`. Slack sends user_change on every profile and
 * status edit anywhere in the workspace, and most touch nothing the directory keeps (a photo, a pronoun):
 * those cost a read or two by primary key and write nothing. A change that matters is one upsert (and one update
 * when the level or manager their profile fields give changed), and a person who has just left is forgotten by
 * every feature. The same payload twice writes once, so Slack's retries need no claim.
 */
export async function applyUserChange(
  db: Db,
  input: { workspaceId: string; user: SlackUserObject; now: Date },
): Promise<UserChangeOutcome> {
  const fromSlack = memberFromSlackUser(input.workspaceId, input.user, input.now);
  if (!fromSlack) return 'ignored';
  // Before the facts are read from the fields, so a forgotten manager never comes back through them.
  const [next] = (await withoutForgottenPeople(db, input.workspaceId, [fromSlack])) as [NewMember];
  const stored = await findMember(db, input.workspaceId, next.user_id);
  const facts = await factsFromProfile(db, input.workspaceId, input.user, next);
  const memberSame = stored !== undefined && sameMember(stored, next);
  if (memberSame && sameFacts(stored, facts)) return 'unchanged';
  if (!memberSame) await upsertMembers(db, [next]);
  if (!sameFacts(stored, facts)) {
    await updateMemberProfileFacts(db, {
      workspaceId: input.workspaceId,
      userId: next.user_id,
      seniority: facts!.seniority,
      managerId: facts!.managerId,
    });
  }
  if (next.is_deleted && !stored?.is_deleted) await forgetDepartedMembers(db, input.workspaceId, [next.user_id]);
  return 'saved';
}
