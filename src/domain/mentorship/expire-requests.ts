import type { Db } from '../../db/database.ts';
import { findActiveMentorshipPairs } from '../../db/queries/mentorship-pairs.ts';
import {
  expireMentorshipRequests,
  expireOpenMentorshipRequests,
  findOpenMentorshipRequests,
} from '../../db/queries/mentorship-requests.ts';
import { findAwayPeople } from '../directory/away-people.ts';

/** A request a mentor has not answered in this long closes, and the mentee moves on to their next suggestion. */
export const requestLifetimeMs = 72 * 60 * 60 * 1000;

/**
 * Closes the workspace's requests open for 72 hours or more, and those whose mentor's Slack status says they are
 * away (the mentee should not wait out someone's leave), both as expired: the mentee hears the same words either way
 * and the away mentor is told nothing. Returns the mentees to offer their next suggestion
 * (each once, and only those still without a mentor).
 */
export async function expireRequests(
  db: Db,
  input: { workspaceId: string; now: Date },
): Promise<{ expired: number; offerNext: Array<{ programmeId: string; menteeId: string }> }> {
  const cutoff = new Date(input.now.getTime() - requestLifetimeMs);
  const expired = await expireMentorshipRequests(db, input.workspaceId, cutoff, input.now);
  const open = await findOpenMentorshipRequests(db, input.workspaceId);
  const away = await findAwayPeople(db, {
    workspaceId: input.workspaceId,
    userIds: [...new Set(open.map((r) => r.mentor_id))],
    now: input.now,
  });
  const waitingOnAway = open.filter((r) => away.has(r.mentor_id)).map((r) => r.id);
  expired.push(...(await expireOpenMentorshipRequests(db, input.workspaceId, waitingOnAway, input.now)));
  const offerNext: Array<{ programmeId: string; menteeId: string }> = [];
  const byProgramme = new Map<string, Set<string>>();
  for (const r of expired) {
    const mentees = byProgramme.get(r.programmeId) ?? new Set<string>();
    mentees.add(r.menteeId);
    byProgramme.set(r.programmeId, mentees);
  }
  for (const [programmeId, mentees] of byProgramme) {
    const matched = new Set(
      (await findActiveMentorshipPairs(db, input.workspaceId, programmeId)).map((p) => p.mentee_id),
    );
    for (const menteeId of [...mentees].sort()) {
      if (!matched.has(menteeId)) offerNext.push({ programmeId, menteeId });
    }
  }
  return { expired: expired.length, offerNext };
}
