import type { Db } from '../../db/database.ts';
import {
  findLatestMentorshipCycle,
  insertMentorshipCycle,
  replaceMentorshipProposal,
} from '../../db/queries/mentorship-cycles.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import type { MentorshipProposal } from '../../db/schema-mentorship.ts';
import { matchMentorship } from '../../matching/mentorship/match.ts';
import { loadMentorshipCohort } from './cohort.ts';

export type PlanCycleResult =
  | { ok: true; cycleId: string; number: number; proposal: MentorshipProposal }
  | { ok: false; refused: 'no_programme' };

/**
 * Runs the engine over the programme's sign-ups and stores the result as the next cycle's proposal, for an admin to
 * preview and approve. Planning again before approval replaces the proposal; after approval it starts the next cycle.
 */
export async function planMentorshipCycle(
  db: Db,
  input: { workspaceId: string; programmeId: string; now: Date },
): Promise<PlanCycleResult> {
  const programme = await findMentorshipProgramme(db, input.workspaceId, input.programmeId);
  if (!programme) return { ok: false, refused: 'no_programme' };
  const latest = await findLatestMentorshipCycle(db, input.workspaceId, programme.id);
  const number = latest?.status === 'proposed' ? latest.number : (latest?.number ?? 0) + 1;
  const seed = `${programme.id}:${number}`;
  const cohort = await loadMentorshipCohort(db, {
    workspaceId: input.workspaceId,
    programme,
    now: input.now,
    seed,
    mode: 'assign',
  });
  const result = matchMentorship(cohort);
  const proposal: MentorshipProposal = {
    pairs: result.pairs,
    unmatched: result.unmatched,
    stats: { ...result.stats },
  };
  if (latest?.status === 'proposed') {
    const replaced = await replaceMentorshipProposal(db, input.workspaceId, latest.id, proposal, input.now);
    if (replaced) return { ok: true, cycleId: latest.id, number, proposal };
  }
  const cycle = await insertMentorshipCycle(db, {
    workspaceId: input.workspaceId,
    programmeId: programme.id,
    number: latest?.status === 'proposed' ? number + 1 : number,
    seed,
    proposal,
    now: input.now,
  });
  return { ok: true, cycleId: cycle.id, number: cycle.number, proposal };
}
