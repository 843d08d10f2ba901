import type { Db } from '../../db/database.ts';
import { addUnmatchedDebt } from '../../db/queries/pairing-members.ts';
import {
  findGroupDroppedBy,
  findGroupWithMember,
  insertRoundGroup,
  lockRunningRound,
  lockStandbyFor,
  markUnmatchedRescued,
  updateRoundGroup,
} from '../../db/queries/pairing-rounds.ts';

export type DropOutcome =
  /** `alreadyOut`: they dropped out of the running round's group before, so this changes nothing. */
  | { dropped: false; alreadyOut: boolean }
  | {
      dropped: true;
      roundId: string;
      roundDelivering: boolean;
      /** A new group for a partner left alone, made with someone from the round's standby pool. */
      rescueGroupId: string | null;
      /** A partner left alone with nobody free to meet: tell them, and favour them next round. */
      strandedUserId: string | null;
    };

/**
 * A late skip: the person leaves their group in the current round. If that leaves a partner alone, the partner
 * is matched the same day with someone the round had left unmatched (never someone either of them blocked);
 * with nobody free, the partner is told and goes first next time. Each step is guarded by the row it changes,
 * so repeating the skip changes nothing.
 */
export async function dropFromCurrentRound(
  db: Db,
  input: { workspaceId: string; programmeId: string; userId: string; now: Date },
): Promise<DropOutcome> {
  return await db.transaction().execute(async (trx) => {
    const round = await lockRunningRound(trx, input.workspaceId, input.programmeId);
    if (!round) return { dropped: false, alreadyOut: false };
    const group = await findGroupWithMember(trx, input.workspaceId, round.id, input.userId);
    if (!group) {
      const left = await findGroupDroppedBy(trx, input.workspaceId, round.id, input.userId);
      return { dropped: false, alreadyOut: left !== undefined };
    }
    const dropped = [...group.dropped, input.userId];
    const remaining = group.members.filter((m) => !dropped.includes(m));
    if (group.status === 'pending') {
      // Not introduced yet: the intro simply goes to whoever is left, or to nobody. `dropped` remembers who left,
      // so a repeated skip is known for what it is.
      await updateRoundGroup(
        trx,
        input.workspaceId,
        group.id,
        remaining.length >= 2 ? { members: remaining, dropped } : { status: 'cancelled', dropped },
      );
    } else {
      await updateRoundGroup(trx, input.workspaceId, group.id, { dropped });
    }
    const base = { dropped: true as const, roundId: round.id, roundDelivering: round.status !== 'awaiting_approval' };
    if (remaining.length !== 1) return { ...base, rescueGroupId: null, strandedUserId: null };
    const partner = remaining[0]!;
    const key = { workspaceId: input.workspaceId, programmeId: input.programmeId, roundId: round.id };
    const standby = await lockStandbyFor(trx, { ...key, partner });
    if (!standby) {
      await addUnmatchedDebt(trx, { ...key, userId: partner }, input.now);
      return { ...base, rescueGroupId: null, strandedUserId: partner };
    }
    const rescue = await insertRoundGroup(trx, {
      workspace_id: input.workspaceId,
      round_id: round.id,
      members: [partner, standby.user_id],
      why: 'a new partner for this round: the first match had to skip',
      deliver_at: input.now,
      status: 'pending',
      rescue_of: group.id,
    });
    await markUnmatchedRescued(trx, { ...key, userId: standby.user_id }, rescue.id);
    return { ...base, rescueGroupId: rescue.id, strandedUserId: null };
  });
}
