import type { Db } from '../../db/database.ts';
import { findRound } from '../../db/queries/pairing.ts';
import { updateRoundStatus } from '../../db/queries/pairing-rounds.ts';

export type ApproveResult = { ok: true } | { ok: false; reason: 'not_found' | 'not_awaiting_approval' };

/** Approval mode: nothing is sent until an admin approves the previewed round; approving twice changes nothing. */
export async function approveRound(
  db: Db,
  input: { workspaceId: string; roundId: string; approvedBy: string },
): Promise<ApproveResult> {
  const round = await findRound(db, input.workspaceId, input.roundId);
  if (!round) return { ok: false, reason: 'not_found' };
  const approved = await updateRoundStatus(db, input.workspaceId, input.roundId, 'awaiting_approval', {
    status: 'delivering',
    approved_by: input.approvedBy,
  });
  return approved ? { ok: true } : { ok: false, reason: 'not_awaiting_approval' };
}
