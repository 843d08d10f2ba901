import type { Db } from '../../db/database.ts';
import { lockMentorshipCycle, markMentorshipCycleActive } from '../../db/queries/mentorship-cycles.ts';
import { endActiveMentorshipPairs, insertMentorshipPairs } from '../../db/queries/mentorship-pairs.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';
import { mentorshipCycleEnd } from './cycle-end.ts';

export type ApproveCycleResult =
  | { ok: true; pairsCreated: number; alreadyApproved: boolean; pairIds: string[] }
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
    if (cycle.status !== 'proposed') return { ok: true, pairsCreated: 0, alreadyApproved: true, pairIds: [] } as const;
    const programme = await findMentorshipProgramme(trx, input.workspaceId, cycle.programme_id);
    if (!programme) return { ok: false, refused: 'no_cycle' } as const;
    await endActiveMentorshipPairs(trx, input.workspaceId, cycle.programme_id, input.now);
    const pairs = cycle.proposal.pairs.map((p) => ({
      mentorId: p.mentor,
      menteeId: p.mentee,
      score: p.score,
      why: p.why,
      cycleId: cycle.id,
      requestId: null,
    }));
    const pairIds = await insertMentorshipPairs(trx, input.workspaceId, cycle.programme_id, pairs, {
      now: input.now,
      endsAt: mentorshipCycleEnd(input.now, programme.cycle_months),
    });
    await markMentorshipCycleActive(trx, input.workspaceId, cycle.id, input.approvedBy, input.now);
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: input.approvedBy,
      action: 'mentorship.cycle_approved',
      subject: programme.channel_id,
      changes: { pairs: { from: null, to: pairs.length } },
      now: input.now,
    });
    return { ok: true, pairsCreated: pairs.length, alreadyApproved: false, pairIds } as const;
  });
}
