import type { Db } from '../../db/database.ts';
import { countActiveMentees, findActiveMentorshipPairs } from '../../db/queries/mentorship-pairs.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import { findMenteeRequests, insertMentorshipRequest } from '../../db/queries/mentorship-requests.ts';
import { lockMentorshipSignups } from '../../db/queries/mentorship-signups.ts';
import { findAwayPeople } from '../directory/away-people.ts';

/** A mentee waits on at most this many mentors at once. */
export const maxOpenRequests = 3;

export type RequestMentorResult =
  | { ok: true; requestId: string; duplicate: boolean }
  | {
      ok: false;
      refused:
        | 'no_programme'
        | 'not_choice_mode'
        | 'self'
        | 'not_mentee'
        | 'not_mentor'
        | 'already_matched'
        | 'mentor_unavailable'
        | 'too_many_open';
    };

/**
 * A mentee asks a mentor. Refused for oneself, for a mentor with no free seat, and beyond three open requests. A
 * mentor who already passed on this mentee is refused exactly like a full one, so the refusal says nothing of it.
 * Asking the same mentor again while the request is open returns that request. A mentor whose Slack status says
 * they are away is refused like a full one too: the mentee learns nothing of their absence, the mentor gets no DM.
 */
export async function requestMentor(
  db: Db,
  input: { workspaceId: string; programmeId: string; menteeId: string; mentorId: string; now: Date },
): Promise<RequestMentorResult> {
  const { workspaceId, menteeId, mentorId } = input;
  if (menteeId === mentorId) return { ok: false, refused: 'self' };
  const programme = await findMentorshipProgramme(db, workspaceId, input.programmeId);
  if (!programme) return { ok: false, refused: 'no_programme' };
  if (programme.matching_mode !== 'choice') return { ok: false, refused: 'not_choice_mode' };
  return await db.transaction().execute(async (trx): Promise<RequestMentorResult> => {
    // The mentee's row serialises their own requests, so two at once cannot both be the third.
    const rows = await lockMentorshipSignups(trx, workspaceId, programme.id, [menteeId, mentorId]);
    const mentee = rows.find((r) => r.user_id === menteeId);
    const mentor = rows.find((r) => r.user_id === mentorId);
    if (!mentee || mentee.role === 'mentor') return { ok: false, refused: 'not_mentee' };
    if (!mentor || mentor.role === 'mentee' || mentor.capacity === null) return { ok: false, refused: 'not_mentor' };
    const active = await findActiveMentorshipPairs(trx, workspaceId, programme.id);
    if (active.some((p) => p.mentee_id === menteeId)) return { ok: false, refused: 'already_matched' };
    const requests = await findMenteeRequests(trx, workspaceId, programme.id, menteeId);
    const open = requests.filter((r) => r.status === 'open');
    const same = open.find((r) => r.mentor_id === mentorId);
    if (same) return { ok: true, requestId: same.id, duplicate: true };
    if (requests.some((r) => r.mentor_id === mentorId)) return { ok: false, refused: 'mentor_unavailable' };
    if ((await findAwayPeople(trx, { workspaceId, userIds: [mentorId], now: input.now })).has(mentorId)) {
      return { ok: false, refused: 'mentor_unavailable' };
    }
    const seats = Math.min(mentor.capacity, programme.max_capacity);
    if ((await countActiveMentees(trx, workspaceId, programme.id, mentorId)) >= seats) {
      return { ok: false, refused: 'mentor_unavailable' };
    }
    if (open.length >= maxOpenRequests) return { ok: false, refused: 'too_many_open' };
    const request = await insertMentorshipRequest(trx, {
      workspaceId,
      programmeId: programme.id,
      menteeId,
      mentorId,
      now: input.now,
    });
    return { ok: true, requestId: request.id, duplicate: false };
  });
}

/** What a mentee may know of a request: open, accepted, or no longer open (declined and expired look alike). */
export type MenteeRequestState = 'open' | 'accepted' | 'closed';

export interface MenteeRequestView {
  requestId: string;
  mentorId: string;
  state: MenteeRequestState;
  requestedAt: Date;
}

export async function menteeRequests(
  db: Db,
  input: { workspaceId: string; programmeId: string; menteeId: string },
): Promise<{ requests: MenteeRequestView[]; open: number; canRequest: boolean }> {
  const rows = await findMenteeRequests(db, input.workspaceId, input.programmeId, input.menteeId);
  const requests = rows.map((r) => ({
    requestId: r.id,
    mentorId: r.mentor_id,
    state:
      r.status === 'open' ? ('open' as const) : r.status === 'accepted' ? ('accepted' as const) : ('closed' as const),
    requestedAt: r.requested_at,
  }));
  const open = requests.filter((r) => r.state === 'open').length;
  const matched = requests.some((r) => r.state === 'accepted');
  return { requests, open, canRequest: !matched && open < maxOpenRequests };
}
