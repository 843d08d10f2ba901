import type { Db } from '../../db/database.ts';
import { findMentorshipProgrammesOf } from '../../db/queries/mentorship-overview.ts';
import { type MentorshipCohortSummary, mentorshipCohortSummary } from './cohort-summary.ts';
import { mentorshipOfPerson, type OpenProgramme, type PersonProgramme } from './person-mentorship.ts';

/** One programme as the person's Home shows it: theirs, open to them, and (admins) its cohort. */
export interface MentorshipHomeLine {
  programmeId: string;
  channelId: string;
  mine: PersonProgramme | undefined;
  open: OpenProgramme | undefined;
  /** Admins only. */
  cohort: MentorshipCohortSummary | undefined;
}

/**
 * The mentorship part of the App Home, in the order programmes were started: the person's own programmes, those
 * open for them to sign up, and for admins every programme's cohort. A programme that is none of these is left out.
 */
export async function mentorshipHomeSummary(
  db: Db,
  input: { workspaceId: string; userId: string; isAdmin: boolean; now: Date },
): Promise<MentorshipHomeLine[]> {
  const person = await mentorshipOfPerson(db, input);
  const lines: MentorshipHomeLine[] = [];
  for (const programme of await findMentorshipProgrammesOf(db, input.workspaceId)) {
    const mine = person.programmes.find((p) => p.programmeId === programme.id);
    const open = person.open.find((p) => p.programmeId === programme.id);
    const cohort = input.isAdmin
      ? await mentorshipCohortSummary(db, { ...input, programmeId: programme.id })
      : undefined;
    if (mine || open || cohort) {
      lines.push({ programmeId: programme.id, channelId: programme.channel_id, mine, open, cohort });
    }
  }
  return lines;
}
