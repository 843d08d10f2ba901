import type { Db } from '../../db/database.ts';
import { findLatestMentorshipCycle } from '../../db/queries/mentorship-cycles.ts';
import { findActiveMentorshipPairs } from '../../db/queries/mentorship-pairs.ts';
import { findMentorshipSignups } from '../../db/queries/mentorship-signups.ts';
import type { MentorshipCycleStatus, MentorshipRole } from '../../db/schema-mentorship.ts';

export interface MentorshipProgrammeStatus {
  /** People who signed up to mentor (as mentor or both) and to be mentored (as mentee or both). */
  mentors: number;
  mentees: number;
  signedUp: number;
  activePairs: number;
  latestCycle: MentorshipCycleStatus | null;
  /** The asking person's own sign-up, if any. */
  myRole: MentorshipRole | null;
}

/** How far a programme has come: counts only, so it says nothing about any one person but the one asking. */
export async function mentorshipProgrammeStatus(
  db: Db,
  input: { workspaceId: string; programmeId: string; userId: string },
): Promise<MentorshipProgrammeStatus> {
  const [signups, pairs, cycle] = await Promise.all([
    findMentorshipSignups(db, input.workspaceId, input.programmeId),
    findActiveMentorshipPairs(db, input.workspaceId, input.programmeId),
    findLatestMentorshipCycle(db, input.workspaceId, input.programmeId),
  ]);
  return {
    mentors: signups.filter((s) => s.role !== 'mentee').length,
    mentees: signups.filter((s) => s.role !== 'mentor').length,
    signedUp: signups.length,
    activePairs: pairs.length,
    latestCycle: cycle?.status ?? null,
    myRole: signups.find((s) => s.user_id === input.userId)?.role ?? null,
  };
}
