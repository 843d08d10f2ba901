import type { Member } from '../../db/schema.ts';
import type { KudosSettings } from './settings.ts';

/** Workspace admins and owners (from Slack), plus the people the workspace names in its settings. */
export function isNudgeAdmin(
  member: Pick<Member, 'user_id' | 'is_admin' | 'is_owner'> | undefined,
  settings: Pick<KudosSettings, 'adminUserIds'>,
): boolean {
  if (!member) return false;
  return member.is_admin || member.is_owner || settings.adminUserIds.includes(member.user_id);
}
