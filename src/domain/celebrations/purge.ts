import type { Db } from '../../db/database.ts';
import { deleteCelebrationPosts } from '../../db/queries/celebration-posts.ts';
import { deleteCelebrationProfiles } from '../../db/queries/celebration-profiles.ts';
import { removeContributors } from '../../db/queries/celebrations.ts';

/**
 * Someone left the workspace: their birthday, start date, choices and celebration history go, and they are
 * taken off the contributor lists of shipped projects. Idempotent; runs whenever the directory sees them deleted.
 */
export async function purgeCelebrationData(db: Db, workspaceId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await deleteCelebrationProfiles(trx, workspaceId, userIds);
    await deleteCelebrationPosts(trx, workspaceId, userIds);
    await removeContributors(trx, workspaceId, userIds);
  });
}
