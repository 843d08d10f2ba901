import type { NewMember } from '../../db/schema.ts';
import type { SlackUserObject } from './slack-user.ts';

// Slackbot is a user, not a bot, in Slack's own data; nobody should ever be paired with it or thanked.
const slackbotId = 'USLACKBOT';

/**
 * The custom profile field values, or nothing when the object does not carry them: users.list and users.info leave
 * them out, and saving that as "no fields" would empty what the last user_change stored.
 */
function fieldsOf(
  given: NonNullable<SlackUserObject['profile']>['fields'],
  now: Date,
): Pick<NewMember, 'profile_fields' | 'profile_fields_at'> {
  if (given === undefined || given === null || typeof given !== 'object') return {};
  const fields: Record<string, string> = {};
  for (const [fieldId, field] of Object.entries(given)) {
    if (field?.value) fields[fieldId] = field.value;
  }
  return { profile_fields: JSON.stringify(fields), profile_fields_at: now };
}

export function memberFromSlackUser(workspaceId: string, user: SlackUserObject, now: Date): NewMember | undefined {
  if (!user.id) return undefined;
  const profile = user.profile ?? {};
  return {
    workspace_id: workspaceId,
    user_id: user.id,
    slack_team_id: user.team_id ?? null,
    name: user.name ?? '',
    display_name: profile.display_name ?? '',
    real_name: profile.real_name ?? user.real_name ?? '',
    title: profile.title ?? '',
    email: profile.email ?? null,
    time_zone: user.tz || 'UTC',
    tz_offset_seconds: user.tz_offset ?? 0,
    is_bot: user.is_bot === true || user.is_app_user === true || user.id === slackbotId,
    is_deleted: user.deleted === true,
    is_admin: user.is_admin === true,
    is_owner: user.is_owner === true || user.is_primary_owner === true,
    is_restricted: user.is_restricted === true || user.is_ultra_restricted === true,
    ...fieldsOf(profile.fields, now),
    status_text: profile.status_text ?? '',
    status_emoji: profile.status_emoji ?? '',
    status_expiration: profile.status_expiration ? new Date(profile.status_expiration * 1000) : null,
    synced_at: now,
  };
}
