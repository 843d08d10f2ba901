import type { Db } from '../../db/database.ts';
import {
  findActiveMentorshipPairsOfPerson,
  findMentorshipGoals,
  findMentorshipProgrammesOf,
  findMentorshipSignupsOfPerson,
} from '../../db/queries/mentorship-overview.ts';
import type { MentorshipMatchingMode, MentorshipRole } from '../../db/schema-mentorship.ts';
import { type MenteeRequestView, maxOpenRequests, menteeRequests } from './requests.ts';

/** Check-ins come every two weeks from the day the pair started. */
export const checkinIntervalMs = 14 * 24 * 60 * 60 * 1000;

/** The first check-in after `now` (two weeks after the start, then every two weeks), or null once the cycle ends. */
export function nextMentorshipCheckin(startedAt: Date, now: Date, endsAt: Date | null): Date | null {
  const elapsed = Math.max(0, now.getTime() - startedAt.getTime());
  const next = new Date(startedAt.getTime() + (Math.floor(elapsed / checkinIntervalMs) + 1) * checkinIntervalMs);
  return endsAt && next.getTime() >= endsAt.getTime() ? null : next;
}

export interface MentorshipPartner {
  pairId: string;
  userId: string;
  /** The mentee's goals: the person's own when their partner is their mentor. */
  goals: string;
  startedAt: Date;
  nextCheckinAt: Date | null;
  endsAt: Date | null;
}

export interface PersonProgramme {
  programmeId: string;
  channelId: string;
  matchingMode: MentorshipMatchingMode;
  /** Null: not signed up (yet), though in a pair of this programme. */
  role: MentorshipRole | null;
  goals: string;
  /** Their mentor, when they have one. */
  mentor: MentorshipPartner | null;
  /** The mentees they mentor. */
  mentees: MentorshipPartner[];
  /** Mentee-choice mode: the requests still waiting for a mentor's answer, and whether they may ask another. */
  openRequests: MenteeRequestView[];
  canRequest: boolean;
}

export interface OpenProgramme {
  programmeId: string;
  channelId: string;
  signupDeadline: Date | null;
}

export interface PersonMentorship {
  /** The programmes the person signed up to or has a pair in. */
  programmes: PersonProgramme[];
  /** Programmes they are not in whose sign-up is still open. */
  open: OpenProgramme[];
}

const takesMentor = (role: MentorshipRole | null) => role === 'mentee' || role === 'both';

/**
 * A person's own mentorship, for their App Home: per programme, their role, their mentor or mentees with the mentee's
 * goals, the next check-in and the cycle's end, and the requests still open. What a mentor answered is not in it:
 * a declined or expired request only stops being open.
 */
export async function mentorshipOfPerson(
  db: Db,
  input: { workspaceId: string; userId: string; now: Date },
): Promise<PersonMentorship> {
  const { workspaceId, userId, now } = input;
  const programmes = await findMentorshipProgrammesOf(db, workspaceId);
  const signups = new Map(
    (await findMentorshipSignupsOfPerson(db, workspaceId, userId)).map((s) => [s.programme_id, s]),
  );
  const pairs = await findActiveMentorshipPairsOfPerson(db, workspaceId, userId);
  const result: PersonMentorship = { programmes: [], open: [] };
  for (const programme of programmes) {
    const signup = signups.get(programme.id);
    const mine = pairs.filter((p) => p.programme_id === programme.id);
    if (!signup && mine.length === 0) {
      if (!programme.signup_deadline || programme.signup_deadline.getTime() > now.getTime()) {
        result.open.push({
          programmeId: programme.id,
          channelId: programme.channel_id,
          signupDeadline: programme.signup_deadline,
        });
      }
      continue;
    }
    const goals = await findMentorshipGoals(
      db,
      workspaceId,
      programme.id,
      mine.map((p) => p.mentee_id),
    );
    const partner = (pair: (typeof mine)[number], partnerId: string): MentorshipPartner => ({
      pairId: pair.id,
      userId: partnerId,
      goals: goals.get(pair.mentee_id) ?? '',
      startedAt: pair.started_at,
      nextCheckinAt: nextMentorshipCheckin(pair.started_at, now, pair.ends_at),
      endsAt: pair.ends_at,
    });
    const asMentee = mine.find((p) => p.mentee_id === userId);
    const role = signup?.role ?? null;
    const requests =
      programme.matching_mode === 'choice' && takesMentor(role)
        ? await menteeRequests(db, { workspaceId, programmeId: programme.id, menteeId: userId })
        : undefined;
    result.programmes.push({
      programmeId: programme.id,
      channelId: programme.channel_id,
      matchingMode: programme.matching_mode,
      role,
      goals: signup?.goals ?? '',
      mentor: asMentee ? partner(asMentee, asMentee.mentor_id) : null,
      mentees: mine.filter((p) => p.mentor_id === userId).map((p) => partner(p, p.mentee_id)),
      openRequests: asMentee ? [] : (requests?.requests.filter((r) => r.state === 'open') ?? []),
      // A pair that ended (a re-match) leaves an accepted request behind: only a current mentor stops the asking.
      canRequest: !asMentee && requests !== undefined && requests.open < maxOpenRequests,
    });
  }
  return result;
}
