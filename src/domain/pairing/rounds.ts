import type { Db } from '../../db/database.ts';
import { countGroupsByStatus, markGroupDelivered } from '../../db/queries/pairing.ts';
import { updateRoundStatus } from '../../db/queries/pairing-rounds.ts';

// Reads of a round and its groups that background work and listeners need as they are.
export {
  checkinCounts,
  countGroupsByStatus,
  findLatestRound,
  findRound,
  findRoundByDate,
  findRoundGroup,
  findRoundGroups,
  findUnmatched,
  type Round,
  type RoundGroup,
} from '../../db/queries/pairing.ts';
export { findRecentRounds } from '../../db/queries/pairing-rounds.ts';

/** Records a group's intro as sent; the round is delivered once no group of it waits any more. */
export async function recordIntroDelivered(
  db: Db,
  input: { workspaceId: string; roundId: string; groupId: string; conversationId: string; ts: string },
  now: Date,
): Promise<void> {
  await markGroupDelivered(
    db,
    { workspaceId: input.workspaceId, groupId: input.groupId, conversationId: input.conversationId, ts: input.ts },
    now,
  );
  const counts = await countGroupsByStatus(db, input.workspaceId, input.roundId);
  if (!counts.pending)
    await updateRoundStatus(db, input.workspaceId, input.roundId, 'delivering', { status: 'delivered' });
}

/** The round's end, after its stats and ghost notices went out. */
export async function closeRound(db: Db, input: { workspaceId: string; roundId: string }): Promise<void> {
  await updateRoundStatus(db, input.workspaceId, input.roundId, null, { status: 'closed' });
}
