import type { Db } from '../../db/database.ts';
import { findProgramme, findRound } from '../../db/queries/pairing.ts';
import { updateRoundStatus } from '../../db/queries/pairing-rounds.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';

export type ApproveResult = { ok: true } | { ok: false; reason: 'not_found' | 'not_awaiting_approval' };

/** Approval mode: nothing is sent until an admin approves the previewed round; approving twice changes nothing. */
export async function approveRound(
  db: Db,
  input: { workspaceId: string; roundId: string; approvedBy: string; now: Date },
): Promise<ApproveResult> {
  const round = await findRound(db, input.workspaceId, input.roundId);
  const programme = round ? await findProgramme(db, input.workspaceId, round.programme_id) : undefined;
  if (!round || !programme) return { ok: false, reason: 'not_found' };
  return await db.transaction().execute(async (trx) => {
    const approved = await updateRoundStatus(trx, input.workspaceId, input.roundId, 'awaiting_approval', {
      status: 'delivering',
      approved_by: input.approvedBy,
    });
    if (!approved) return { ok: false, reason: 'not_awaiting_approval' } as const;
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: input.approvedBy,
      action: 'pairing.round_approved',
      subject: programme.channel_id,
      changes: { round: { from: null, to: round.round_date } },
      now: input.now,
    });
    return { ok: true } as const;
  });
}
