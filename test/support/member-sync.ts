import type { Db } from '../../src/db/database.ts';
import { eventually } from './wait.ts';

/**
 * Waits until the member directory sync (run when Nudge starts) has stored `userId` of workspace `teamId`: until
 * then, commands from that person meet an empty directory.
 */
export async function waitForMember(db: Db, teamId: string, userId: string, timeoutMs?: number): Promise<void> {
  await eventually(
    async () =>
      db
        .selectFrom('members')
        .select('user_id')
        .where('workspace_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),
    `member ${userId} synced`,
    timeoutMs,
  );
}
