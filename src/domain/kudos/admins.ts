import type { Db } from '../../db/database.ts';
import { findMember } from '../../db/queries/members.ts';
import type { Member } from '../../db/schema.ts';
import { type KudosSettings, loadKudosSettings } from './settings.ts';

/** Workspace admins and owners (from Slack), plus the people the workspace names in its settings. */
export function isNudgeAdmin(
  member: Pick<Member, 'user_id' | 'is_admin' | 'is_owner'> | undefined,
  settings: Pick<KudosSettings, 'adminUserIds'>,
): boolean {
  if (!member) return false;
  return member.is_admin || member.is_owner || settings.adminUserIds.includes(member.user_id);
}

/** `isNudgeAdmin` for a user ID, as the member directory and settings say now (someone not in it is not). */
export async function isNudgeAdminUser(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  const [member, settings] = await Promise.all([
    findMember(db, workspaceId, userId),
    loadKudosSettings(db, workspaceId),
  ]);
  return isNudgeAdmin(member, settings);
}
