import type { Db } from '../../db/database.ts';
import {
  countActiveMentees,
  findActiveMentorshipPairs,
  insertMentorshipPairs,
} from '../../db/queries/mentorship-pairs.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import {
  closeMentorshipRequest,
  findMentorshipRequest,
  lockMentorshipRequest,
  withdrawOpenRequestsOf,
} from '../../db/queries/mentorship-requests.ts';
import { lockMentorshipSignups } from '../../db/queries/mentorship-signups.ts';
import { mentorshipCycleEnd } from './cycle-end.ts';

export type AnswerRequestResult =
  | { ok: true; outcome: 'accepted'; menteeId: string; duplicate: boolean; pairId: string | null }
  | { ok: true; outcome: 'declined'; menteeId: string; duplicate: boolean }
  | { ok: false; refused: 'not_found' | 'already_answered' | 'no_longer_open' | 'full' | 'mentee_matched' };

const chosenWhy = 'chosen by the mentee from their suggestions';

/**
 * The mentor accepts or declines a request; nobody else may answer it. The mentor's sign-up row is locked before the
 * seats are counted and the pair inserted, so however many accepts race, the mentor never holds more mentees than
 * their capacity; a repeated answer (a double click) records once. A decline stays between the mentor and Nudge.
 */
export async function answerRequest(
  db: Db,
  input: { workspaceId: string; requestId: string; mentorId: string; answer: 'accept' | 'decline'; now: Date },
): Promise<AnswerRequestResult> {
  const { workspaceId } = input;
  const seen = await findMentorshipRequest(db, workspaceId, input.requestId);
  // Someone else's request reads as no request at all.
  if (!seen || seen.mentor_id !== input.mentorId) return { ok: false, refused: 'not_found' };
  const programme = await findMentorshipProgramme(db, workspaceId, seen.programme_id);
  if (!programme) return { ok: false, refused: 'not_found' };
  return await db.transaction().execute(async (trx): Promise<AnswerRequestResult> => {
    const signups = await lockMentorshipSignups(trx, workspaceId, programme.id, [seen.mentor_id, seen.mentee_id]);
    const request = await lockMentorshipRequest(trx, workspaceId, input.requestId);
    if (!request) return { ok: false, refused: 'not_found' };
    const menteeId = request.mentee_id;
    const repeated =
      (request.status === 'accepted' && input.answer === 'accept') ||
      (request.status === 'declined' && input.answer === 'decline');
    if (repeated) {
      return input.answer === 'accept'
        ? { ok: true, outcome: 'accepted', menteeId, duplicate: true, pairId: null }
        : { ok: true, outcome: 'declined', menteeId, duplicate: true };
    }
    if (request.status === 'accepted' || request.status === 'declined')
      return { ok: false, refused: 'already_answered' };
    if (request.status !== 'open') return { ok: false, refused: 'no_longer_open' };

    if (input.answer === 'decline') {
      await closeMentorshipRequest(trx, workspaceId, request.id, 'declined', input.now);
      return { ok: true, outcome: 'declined', menteeId, duplicate: false };
    }
    const mentor = signups.find((s) => s.user_id === request.mentor_id);
    const seats = Math.min(mentor?.capacity ?? 0, programme.max_capacity);
    if ((await countActiveMentees(trx, workspaceId, programme.id, request.mentor_id)) >= seats) {
      return { ok: false, refused: 'full' };
    }
    const active = await findActiveMentorshipPairs(trx, workspaceId, programme.id);
    if (active.some((p) => p.mentee_id === menteeId)) {
      await closeMentorshipRequest(trx, workspaceId, request.id, 'withdrawn', input.now);
      return { ok: false, refused: 'mentee_matched' };
    }
    const [pairId] = await insertMentorshipPairs(
      trx,
      workspaceId,
      programme.id,
      [{ mentorId: request.mentor_id, menteeId, score: null, why: chosenWhy, cycleId: null, requestId: request.id }],
      { now: input.now, endsAt: mentorshipCycleEnd(input.now, programme.cycle_months) },
    );
    await closeMentorshipRequest(trx, workspaceId, request.id, 'accepted', input.now);
    await withdrawOpenRequestsOf(trx, workspaceId, programme.id, menteeId, input.now);
    return { ok: true, outcome: 'accepted', menteeId, duplicate: false, pairId: pairId ?? null };
  });
}
