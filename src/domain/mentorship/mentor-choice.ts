import type { Db } from '../../db/database.ts';
import { findActiveMentorshipPairs } from '../../db/queries/mentorship-pairs.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import { findMentorshipSignups } from '../../db/queries/mentorship-signups.ts';
import { normaliseSkill } from '../../matching/mentorship/skills.ts';
import { requestLifetimeMs } from './expire-requests.ts';
import { maxOpenRequests, menteeRequests } from './requests.ts';
import { suggestMentors } from './suggest-mentors.ts';

export interface MentorChoice {
  mentorId: string;
  why: string;
  /** The skills the mentee wants that this mentor teaches, in the mentee's spelling. */
  common: string[];
}

export type MentorChoicesResult =
  | { ok: false; refused: 'no_programme' | 'not_choice_mode' | 'not_mentee' }
  | { ok: false; refused: 'already_matched'; channelId: string; mentorId: string | null }
  | {
      ok: true;
      channelId: string;
      learns: string[];
      suggestions: MentorChoice[];
      /** Requests still waiting for the mentor, and when each passes on. */
      open: Array<{ requestId: string; mentorId: string; expiresAt: Date }>;
      /** False at the limit of open requests: no new one until one of them closes. */
      canRequest: boolean;
      maxOpen: number;
    };

/** The skills of `wanted` that `taught` covers, folded the way the engine folds them, in the wanted list's spelling. */
export function skillsInCommon(wanted: readonly string[], taught: readonly string[]): string[] {
  const teaches = new Set(taught.map(normaliseSkill));
  return wanted.filter((skill) => teaches.has(normaliseSkill(skill)));
}

export function requestExpiresAt(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + requestLifetimeMs);
}

/**
 * What a mentee of a mentee-choice programme sees when they look for a mentor: their top suggestions with what
 * they have in common, and the requests they are waiting on. Closed requests are left out whatever closed them.
 */
export async function mentorChoices(
  db: Db,
  input: { workspaceId: string; programmeId: string; menteeId: string; now: Date },
): Promise<MentorChoicesResult> {
  const suggested = await suggestMentors(db, input);
  if (!suggested.ok && suggested.refused !== 'already_matched') return { ok: false, refused: suggested.refused };
  const programme = await findMentorshipProgramme(db, input.workspaceId, input.programmeId);
  if (!programme) return { ok: false, refused: 'no_programme' };
  if (!suggested.ok) {
    const pairs = await findActiveMentorshipPairs(db, input.workspaceId, programme.id);
    const mentorId = pairs.find((p) => p.mentee_id === input.menteeId)?.mentor_id ?? null;
    return { ok: false, refused: 'already_matched', channelId: programme.channel_id, mentorId };
  }
  const signups = new Map(
    (await findMentorshipSignups(db, input.workspaceId, programme.id)).map((s) => [s.user_id, s]),
  );
  const learns = signups.get(input.menteeId)?.learns ?? [];
  const requests = await menteeRequests(db, input);
  return {
    ok: true,
    channelId: programme.channel_id,
    learns,
    suggestions: suggested.mentors.map((s) => ({
      mentorId: s.mentor,
      why: s.why,
      common: skillsInCommon(learns, signups.get(s.mentor)?.teaches ?? []),
    })),
    open: requests.requests
      .filter((r) => r.state === 'open')
      .map((r) => ({ requestId: r.requestId, mentorId: r.mentorId, expiresAt: requestExpiresAt(r.requestedAt) })),
    canRequest: requests.canRequest,
    maxOpen: maxOpenRequests,
  };
}
