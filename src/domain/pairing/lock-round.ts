import type { Db } from '../../db/database.ts';
import type { Round } from '../../db/queries/pairing.ts';
import { lockRound } from '../../db/queries/pairing-rounds.ts';

export type LockedRound = { ok: true; round: Round } | { ok: false; reason: 'not_found' | 'not_awaiting_approval' };

/**
 * Locks a round an approver is still looking at, inside the caller's transaction, so a reshuffle, a swap and an
 * approval of one round never interleave. Refused once the round has left approval.
 */
export async function lockRoundAwaitingApproval(trx: Db, workspaceId: string, roundId: string): Promise<LockedRound> {
  const round = await lockRound(trx, workspaceId, roundId);
  if (!round) return { ok: false, reason: 'not_found' };
  if (round.status !== 'awaiting_approval') return { ok: false, reason: 'not_awaiting_approval' };
  return { ok: true, round };
}
