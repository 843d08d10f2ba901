import type { Db } from '../../db/database.ts';
import { deleteCelebrationPosts } from '../../db/queries/celebration-posts.ts';
import { deleteCelebrationProfiles } from '../../db/queries/celebration-profiles.ts';
import { removeContributors } from '../../db/queries/celebrations.ts';
import { blankDepartedMember, deletePersonalRows } from '../../db/queries/retention.ts';

/**
 * Purges a person who left Slack once their grace period is over: their directory row is blanked (kept as a
 * tombstone so the next sync does not bring their profile back) and the rows that are plainly theirs go: celebration
 * dates and history, mentorship sign-ups, skills profile, programme memberships and preferences, blocks they made, team overrides,
 * profile values. Records shared with others (kudos, pairings, check-ins, feedback) are left to their own retention.
 * Does nothing to someone who is back in Slack. Idempotent.
 */
export async function purgeDepartedMember(
  db: Db,
  input: { workspaceId: string; userId: string; now: Date },
): Promise<{ purged: boolean }> {
  return await db.transaction().execute(async (trx) => {
    const blanked = await blankDepartedMember(trx, input.workspaceId, input.userId, input.now);
    if (blanked === 0) return { purged: false };
    await deletePersonalRows(trx, input.workspaceId, input.userId);
    // Already gone when they left (the directory's departure step); again here in case that step never ran.
    await deleteCelebrationProfiles(trx, input.workspaceId, [input.userId]);
    await deleteCelebrationPosts(trx, input.workspaceId, [input.userId]);
    await removeContributors(trx, input.workspaceId, [input.userId]);
    return { purged: true };
  });
}
