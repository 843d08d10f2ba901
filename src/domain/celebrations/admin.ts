import type { Db } from '../../db/database.ts';
import { isNudgeAdminUser } from '../kudos/admins.ts';

/** Nudge admins (Slack admins and owners, plus the people named in settings), checked on the server every time. */
export async function isCelebrationAdmin(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  return await isNudgeAdminUser(db, workspaceId, userId);
}
