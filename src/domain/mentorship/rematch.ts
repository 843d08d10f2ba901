import type { Db } from '../../db/database.ts';
import { findMentorshipPairsStartedAt } from '../../db/queries/mentorship-pair-lifecycle.ts';
import {
  findActiveMentorshipPairs,
  findMentorshipPair,
  insertMentorshipPairs,
} from '../../db/queries/mentorship-pairs.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import { lockRematchRequest, markRematchDone, markRematchNotified } from '../../db/queries/mentorship-rematch.ts';
import { matchMentorship } from '../../matching/mentorship/match.ts';
import { loadMentorshipCohort } from './cohort.ts';
import { mentorshipCycleEnd } from './cycle-end.ts';

export interface FreedPerson {
  userId: string;
  /** What the person was in the pair that ended: a mentee needs a mentor, a mentor has a seat to fill. */
  as: 'mentee' | 'mentor';
  /** The engine's plain reason, when it was decided in this run (a repeated run only knows nobody fit). */
  reason?: string;
}

export type RematchResult =
  | { ok: true; pairIds: string[]; unmatched: FreedPerson[]; repeated: boolean; channelId: string }
  | { ok: false; refused: 'no_request' | 'no_programme' };

/**
 * Re-matches the two people of a pair that ended on a confidential ask, exactly once (the ask is locked, and marked
 * done in the same transaction): the mentee against every mentor with a free seat except the one they leave, then
 * the mentor's freed seat against the mentees still waiting, except the one they leave. Whoever the engine cannot
 * place is returned with its reason, to be told truthfully. A repeated run returns what the first one decided.
 */
export async function rematchAfterAsk(
  db: Db,
  input: { workspaceId: string; pairId: string; now: Date },
): Promise<RematchResult> {
  const { workspaceId } = input;
  const ended = await findMentorshipPair(db, workspaceId, input.pairId);
  if (!ended) return { ok: false, refused: 'no_request' };
  const programme = await findMentorshipProgramme(db, workspaceId, ended.programme_id);
  if (!programme) return { ok: false, refused: 'no_programme' };
  const freed: FreedPerson[] = [
    { userId: ended.mentee_id, as: 'mentee' },
    { userId: ended.mentor_id, as: 'mentor' },
  ];
  return await db.transaction().execute(async (trx): Promise<RematchResult> => {
    const request = await lockRematchRequest(trx, workspaceId, ended.id);
    if (!request) return { ok: false, refused: 'no_request' };
    if (request.rematched_at) {
      const made = await findMentorshipPairsStartedAt(
        trx,
        workspaceId,
        programme.id,
        request.rematched_at,
        freed.map((f) => f.userId),
      );
      const placed = (f: FreedPerson) =>
        made.some((p) => (f.as === 'mentee' ? p.mentee_id === f.userId : p.mentor_id === f.userId));
      return {
        ok: true,
        pairIds: made.map((p) => p.id),
        unmatched: freed.filter((f) => !placed(f)),
        repeated: true,
        channelId: programme.channel_id,
      };
    }

    const active = await findActiveMentorshipPairs(trx, workspaceId, programme.id);
    const taken = new Map<string, number>();
    for (const pair of active) taken.set(pair.mentor_id, (taken.get(pair.mentor_id) ?? 0) + 1);
    const matchedMentees = new Set(active.map((p) => p.mentee_id));
    const cohortWith = (seatsOf: (mentorId: string, capacity: number) => number) =>
      loadMentorshipCohort(trx, {
        workspaceId,
        programme,
        now: input.now,
        seed: `${ended.id}:rematch`,
        mode: 'assign',
        seatsOf,
      });
    const newPairs: Array<{ mentor: string; mentee: string; score: number; why: string }> = [];
    const unmatched: FreedPerson[] = [];

    // The mentee, unless they found a mentor in the meantime, against every other mentor with a free seat.
    const mentee = freed[0]!;
    if (!matchedMentees.has(mentee.userId)) {
      const cohort = await cohortWith((mentorId, capacity) =>
        mentorId === ended.mentor_id ? 0 : Math.max(0, capacity - (taken.get(mentorId) ?? 0)),
      );
      const result = matchMentorship({ ...cohort, mentees: cohort.mentees.filter((m) => m.id === mentee.userId) });
      const pair = result.pairs[0];
      if (pair) {
        newPairs.push(pair);
        taken.set(pair.mentor, (taken.get(pair.mentor) ?? 0) + 1);
        matchedMentees.add(pair.mentee);
      } else {
        const why = result.unmatched.find((u) => u.id === mentee.userId)?.reason;
        unmatched.push({ ...mentee, ...(why ? { reason: why } : {}) });
      }
    }

    // The mentor's freed seat (one: the ask freed one), against the mentees still waiting, never the one who left.
    const mentor = freed[1]!;
    const cohort = await cohortWith((mentorId, capacity) =>
      mentorId === mentor.userId ? Math.min(1, Math.max(0, capacity - (taken.get(mentorId) ?? 0))) : 0,
    );
    const waiting = cohort.mentees.filter((m) => !matchedMentees.has(m.id) && m.id !== ended.mentee_id);
    const result =
      cohort.mentors.length > 0 && waiting.length > 0 ? matchMentorship({ ...cohort, mentees: waiting }) : undefined;
    if (result && result.pairs.length > 0) newPairs.push(...result.pairs);
    else unmatched.push(mentor);

    const pairIds = await insertMentorshipPairs(
      trx,
      workspaceId,
      programme.id,
      newPairs.map((p) => ({
        mentorId: p.mentor,
        menteeId: p.mentee,
        score: p.score,
        why: p.why,
        cycleId: null,
        requestId: null,
      })),
      { now: input.now, endsAt: mentorshipCycleEnd(input.now, programme.cycle_months) },
    );
    await markRematchDone(trx, workspaceId, ended.id, input.now);
    return { ok: true, pairIds, unmatched, repeated: false, channelId: programme.channel_id };
  });
}

/** The re-match's outcome reached the people it concerns. */
export async function recordRematchNotified(db: Db, input: { workspaceId: string; pairId: string; now: Date }) {
  await markRematchNotified(db, input.workspaceId, input.pairId, input.now);
}
