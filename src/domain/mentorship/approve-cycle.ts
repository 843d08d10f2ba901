import type { Db } from '../../db/database.ts';
import { lockMentorshipCycle, markMentorshipCycleActive } from '../../db/queries/mentorship-cycles.ts';
import { endActiveMentorshipPairs, insertMentorshipPairs } from '../../db/queries/mentorship-pairs.ts';

export type ApproveCycleResult =
  | { ok: true; pairsCreated: number; alreadyApproved: boolean }
  | { ok: false; refused: 'no_cycle' };

/**
 * Turns a cycle's proposal into active pairs, exactly once: the cycle row is locked, so a second approval (a
 * double click, two admins) finds it active and changes nothing. The previous cycle's pairs end.
 */
export async function approveMentorshipCycle(
  db: Db,
  input: { workspaceId: string; cycleId: string; approvedBy: string; now: Date },
): Promise<ApproveCycleResult> {
  return await db.transaction().execute(async (trx) => {
    const cycle = await lockMentorshipCycle(trx, input.workspaceId, input.cycleId);
    if (!cycle) return { ok: false, refused: 'no_cycle' } as const;
    if (cycle.status !== 'proposed') return { ok: true, pairsCreated: 0, alreadyApproved: true } as const;
    await endActiveMentorshipPairs(trx, input.workspaceId, cycle.programme_id, input.now);
    const pairs = cycle.proposal.pairs.map((p) => ({
      mentorId: p.mentor,
      menteeId: p.mentee,
      score: p.score,
      why: p.why,
      cycleId: cycle.id,
      requestId: null,
    }));
    await insertMentorshipPairs(trx, input.workspaceId, cycle.programme_id, pairs, input.now);
    await markMentorshipCycleActive(trx, input.workspaceId, cycle.id, input.approvedBy, input.now);
    return { ok: true, pairsCreated: pairs.length, alreadyApproved: false } as const;
  });
}
