import type { Db } from '../../db/database.ts';
import { findMembersByIds } from '../../db/queries/members.ts';
import { findLatestMentorshipCycle } from '../../db/queries/mentorship-cycles.ts';
import {
  findActiveMentorshipPairMeetings,
  findOpenMentorshipRequests,
  sumMentorshipCheckinUsefulness,
  sumMentorshipFeedbackRatings,
} from '../../db/queries/mentorship-overview.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import { findMentorshipSignups } from '../../db/queries/mentorship-signups.ts';
import type { MentorshipMatchingMode } from '../../db/schema-mentorship.ts';
import type { MenteeUnmatchedReason } from '../../matching/mentorship/match.ts';
import { type Guarded, guard, guardBreakdown, guardCount, guardMean, guardShare } from '../privacy/small-groups.ts';

/**
 * Why a mentee is still waiting: the engine's reason from the latest plan, or where they are in the process when the
 * latest plan does not speak of them.
 */
export type WaitingReason =
  | MenteeUnmatchedReason
  /** In the pairs of a plan an admin has not approved yet. */
  | 'awaiting-approval'
  /** Admin matching: signed up (or left without a mentor) since the latest plan, or no plan yet. */
  | 'not-planned'
  /** Mentee choice: waiting for a mentor's answer to a request. */
  | 'awaiting-answer'
  /** Mentee choice: no request open; choosing from their suggestions. */
  | 'choosing';

export interface MentorshipCohortSummary {
  programmeId: string;
  channelId: string;
  matchingMode: MentorshipMatchingMode;
  signedUp: Guarded<number>;
  /** Splits signedUp: mentors only, and people looking for a mentor (mentees and people in both roles). */
  mentorsOnly: Guarded<number>;
  lookingForMentor: Guarded<number>;
  /** Splits lookingForMentor by role. */
  menteesOnly: Guarded<number>;
  both: Guarded<number>;
  /** Splits lookingForMentor again: with a mentor now, or waiting. */
  matched: Guarded<number>;
  waiting: Guarded<number>;
  /** Splits waiting: people per reason (only reasons someone has). */
  waitingReasons: Array<{ reason: WaitingReason; people: Guarded<number> }>;
  requestsPending: Guarded<number>;
  /** Share (0–1) of the matched mentees' pairs with a meeting recorded. */
  meetingRate: Guarded<number>;
  /** Mean usefulness (1–5) from the two-week check-ins, and mean rating (1–5) from the cycle-end feedback. */
  checkinUsefulness: Guarded<number>;
  feedbackRating: Guarded<number>;
}

/** Shown in this order: the engine's reasons first, then where people are in the process. */
export const waitingReasonOrder: WaitingReason[] = [
  'not-taught',
  'no-room',
  'own-team',
  'seniority',
  'rules',
  'no-mentor',
  'no-candidate',
  'awaiting-approval',
  'not-planned',
  'awaiting-answer',
  'choosing',
];

function count<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * A programme's cohort for admins: how many signed up, matched and waiting (with the reasons, never who), requests
 * pending, the meeting rate and satisfaction. Every figure goes through the small-group rule (`small-groups.ts`):
 * built from fewer than 5 people it is hidden, and no two figures subtract to a group of 1 to 4. Answers are only
 * ever summed: no figure is per person. Undefined when the programme is not this workspace's.
 */
export async function mentorshipCohortSummary(
  db: Db,
  input: { workspaceId: string; programmeId: string; now: Date },
): Promise<MentorshipCohortSummary | undefined> {
  const { workspaceId } = input;
  const programme = await findMentorshipProgramme(db, workspaceId, input.programmeId);
  if (!programme) return undefined;
  const allSignups = await findMentorshipSignups(db, workspaceId, programme.id);
  const members = await findMembersByIds(
    db,
    workspaceId,
    allSignups.map((s) => s.user_id),
  );
  // People who left the workspace are not in the cohort any more (the engine leaves them out too).
  const signups = allSignups.filter((s) => {
    const member = members.get(s.user_id);
    return member !== undefined && !member.is_deleted && !member.is_bot;
  });
  const looking = signups.filter((s) => s.role !== 'mentor').map((s) => s.user_id);
  const pairs = await findActiveMentorshipPairMeetings(db, workspaceId, programme.id);
  const pairOf = new Map(pairs.map((p) => [p.menteeId, p]));
  const matchedIds = looking.filter((id) => pairOf.has(id));
  const waitingIds = looking.filter((id) => !pairOf.has(id));

  const requests = await findOpenMentorshipRequests(db, workspaceId, programme.id);
  const asking = new Set(requests.map((r) => r.menteeId));
  const latest = await findLatestMentorshipCycle(db, workspaceId, programme.id);
  const planned = new Map<string, WaitingReason>();
  for (const u of latest?.proposal.unmatched ?? []) planned.set(u.id, u.code as WaitingReason);
  if (latest?.status === 'proposed') for (const p of latest.proposal.pairs) planned.set(p.mentee, 'awaiting-approval');
  const reasonOf = (menteeId: string): WaitingReason => {
    if (programme.matching_mode === 'choice') return asking.has(menteeId) ? 'awaiting-answer' : 'choosing';
    return planned.get(menteeId) ?? 'not-planned';
  };

  const signedUp = guardCount(signups.length);
  const byRole = guardBreakdown(signedUp, {
    mentorsOnly: signups.length - looking.length,
    lookingForMentor: looking.length,
  });
  const roles = guardBreakdown(byRole.lookingForMentor, {
    menteesOnly: signups.filter((s) => s.role === 'mentee').length,
    both: signups.filter((s) => s.role === 'both').length,
  });
  const progress = guardBreakdown(byRole.lookingForMentor, {
    matched: matchedIds.length,
    waiting: waitingIds.length,
  });
  const reasonCounts = count(waitingIds, reasonOf);
  const reasons = waitingReasonOrder.filter((r) => reasonCounts.has(r));
  const perReason = guardBreakdown(
    progress.waiting,
    Object.fromEntries(reasons.map((r) => [r, reasonCounts.get(r)!])) as Record<WaitingReason, number>,
  );
  const met = matchedIds.filter((id) => pairOf.get(id)?.met).length;
  // A pending request involves a mentee and a mentor: both sides must be 5 or more people.
  const requestPeople = Math.min(asking.size, new Set(requests.map((r) => r.mentorId)).size);
  const usefulness = await sumMentorshipCheckinUsefulness(db, workspaceId, programme.id);
  const ratings = await sumMentorshipFeedbackRatings(db, workspaceId, programme.id);
  return {
    programmeId: programme.id,
    channelId: programme.channel_id,
    matchingMode: programme.matching_mode,
    signedUp,
    mentorsOnly: byRole.mentorsOnly,
    lookingForMentor: byRole.lookingForMentor,
    menteesOnly: roles.menteesOnly,
    both: roles.both,
    matched: progress.matched,
    waiting: progress.waiting,
    waitingReasons: reasons.map((reason) => ({ reason, people: perReason[reason] })),
    requestsPending: guard(requestPeople, requests.length),
    meetingRate: guardShare(progress.matched, met),
    checkinUsefulness: guardMean(usefulness.people, usefulness.sum, usefulness.answers),
    feedbackRating: guardMean(ratings.people, ratings.sum, ratings.answers),
  };
}
