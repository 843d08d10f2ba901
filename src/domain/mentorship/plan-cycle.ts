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

const seedOf = (programmeId: string, number: number) => `${programmeId}:${number}`;

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
  const pending = latest?.status === 'proposed' ? latest : undefined;
  const proposalFor = async (number: number): Promise<MentorshipProposal> => {
    const cohort = await loadMentorshipCohort(db, {
      workspaceId: input.workspaceId,
      programme,
      now: input.now,
      seed: seedOf(programme.id, number),
      mode: 'assign',
    });
    const result = matchMentorship(cohort);
    return { pairs: result.pairs, unmatched: result.unmatched, stats: { ...result.stats } };
  };
  if (pending) {
    const proposal = await proposalFor(pending.number);
    if (await replaceMentorshipProposal(db, input.workspaceId, pending.id, proposal, input.now)) {
      return { ok: true, cycleId: pending.id, number: pending.number, proposal };
    }
    // Approved while this was being planned: this plan is the next cycle's, and must see the pairs just formed.
  }
  const number = (latest?.number ?? 0) + 1;
  const proposal = await proposalFor(number);
  const cycle = await insertMentorshipCycle(db, {
    workspaceId: input.workspaceId,
    programmeId: programme.id,
    number,
    seed: seedOf(programme.id, number),
    proposal,
    now: input.now,
  });
  return { ok: true, cycleId: cycle.id, number: cycle.number, proposal };
}
