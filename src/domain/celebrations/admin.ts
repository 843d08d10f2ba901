import type { Db } from '../../db/database.ts';
import { findMember } from '../../db/queries/members.ts';
import { isNudgeAdmin } from '../kudos/admins.ts';
import { loadKudosSettings } from '../kudos/settings.ts';

/** Nudge admins (Slack admins and owners, plus the people named in settings), checked on the server every time. */
export async function isCelebrationAdmin(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  const [member, settings] = await Promise.all([
    findMember(db, workspaceId, userId),
    loadKudosSettings(db, workspaceId),
  ]);
  return isNudgeAdmin(member, settings);
}
