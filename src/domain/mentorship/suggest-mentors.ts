import type { Db } from '../../db/database.ts';
import { findActiveMentorshipPairs } from '../../db/queries/mentorship-pairs.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import { findMenteeRequests } from '../../db/queries/mentorship-requests.ts';
import { findMentorshipSignup } from '../../db/queries/mentorship-signups.ts';
import { matchMentorship, type Suggestion } from '../../matching/mentorship/match.ts';
import { findAwayPeople } from '../directory/away-people.ts';
import { loadMentorshipCohort } from './cohort.ts';

export type SuggestMentorsResult =
  | { ok: true; mentors: Suggestion[] }
  | { ok: false; refused: 'no_programme' | 'not_choice_mode' | 'not_mentee' | 'already_matched' };

/**
 * A mentee's top 3 mentors to ask, best first: mentors with a free seat whom they have not asked before, so a
 * request that closed (for whatever reason) simply makes room for the next suggestion. A mentor whose Slack status
 * says they are away is left out until it clears, without a word to anyone.
 */
export async function suggestMentors(
  db: Db,
  input: { workspaceId: string; programmeId: string; menteeId: string; now: Date },
): Promise<SuggestMentorsResult> {
  const programme = await findMentorshipProgramme(db, input.workspaceId, input.programmeId);
  if (!programme) return { ok: false, refused: 'no_programme' };
  if (programme.matching_mode !== 'choice') return { ok: false, refused: 'not_choice_mode' };
  const signup = await findMentorshipSignup(db, input.workspaceId, programme.id, input.menteeId);
  if (!signup || signup.role === 'mentor') return { ok: false, refused: 'not_mentee' };
  const active = await findActiveMentorshipPairs(db, input.workspaceId, programme.id);
  if (active.some((p) => p.mentee_id === input.menteeId)) return { ok: false, refused: 'already_matched' };
  const taken = new Map<string, number>();
  for (const pair of active) taken.set(pair.mentor_id, (taken.get(pair.mentor_id) ?? 0) + 1);
  const asked = new Set(
    (await findMenteeRequests(db, input.workspaceId, programme.id, input.menteeId)).map((r) => r.mentor_id),
  );

  const cohort = await loadMentorshipCohort(db, {
    workspaceId: input.workspaceId,
    programme,
    now: input.now,
    seed: `${programme.id}:${input.menteeId}`,
    mode: 'choice',
    seatsOf: (mentorId, capacity) => (asked.has(mentorId) ? 0 : Math.max(0, capacity - (taken.get(mentorId) ?? 0))),
  });
  const mentee = cohort.mentees.filter((m) => m.id === input.menteeId);
  if (mentee.length === 0) return { ok: true, mentors: [] };
  const away = await findAwayPeople(db, {
    workspaceId: input.workspaceId,
    userIds: cohort.mentors.map((m) => m.id),
    now: input.now,
  });
  const mentors = cohort.mentors.filter((m) => !away.has(m.id));
  const result = matchMentorship({ ...cohort, mentors, mentees: mentee });
  return { ok: true, mentors: result.suggestions?.find((s) => s.mentee === input.menteeId)?.mentors ?? [] };
}
