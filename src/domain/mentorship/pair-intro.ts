import type { Db } from '../../db/database.ts';
import { findMentorshipPair, markMentorshipIntroSent } from '../../db/queries/mentorship-pairs.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import { findMentorshipSignup } from '../../db/queries/mentorship-signups.ts';
import { normaliseSkill } from '../../matching/mentorship/skills.ts';

export interface PairIntro {
  pairId: string;
  mentorId: string;
  menteeId: string;
  channelId: string;
  /** The mentee's goals in their words; empty when they wrote none. */
  goals: string;
  /** What the mentee wants to learn that the mentor teaches, in the mentee's spelling. */
  sharedSkills: string[];
  why: string;
  endsAt: Date | null;
}

export type PairIntroResult =
  | { ok: true; intro: PairIntro }
  | { ok: false; skipped: 'not_found' | 'ended' | 'already_sent' };

/** What the intro of a new pair says, or why there is no intro to send (the pair ended, it already went out). */
export async function loadPairIntro(db: Db, input: { workspaceId: string; pairId: string }): Promise<PairIntroResult> {
  const pair = await findMentorshipPair(db, input.workspaceId, input.pairId);
  if (!pair) return { ok: false, skipped: 'not_found' };
  if (pair.status !== 'active') return { ok: false, skipped: 'ended' };
  if (pair.intro_sent_at) return { ok: false, skipped: 'already_sent' };
  const programme = await findMentorshipProgramme(db, input.workspaceId, pair.programme_id);
  if (!programme) return { ok: false, skipped: 'not_found' };
  const [mentee, mentor] = await Promise.all([
    findMentorshipSignup(db, input.workspaceId, programme.id, pair.mentee_id),
    findMentorshipSignup(db, input.workspaceId, programme.id, pair.mentor_id),
  ]);
  const taught = new Set((mentor?.teaches ?? []).map(normaliseSkill));
  return {
    ok: true,
    intro: {
      pairId: pair.id,
      mentorId: pair.mentor_id,
      menteeId: pair.mentee_id,
      channelId: programme.channel_id,
      goals: mentee?.goals ?? '',
      sharedSkills: (mentee?.learns ?? []).filter((skill) => taught.has(normaliseSkill(skill))),
      why: pair.why,
      endsAt: pair.ends_at,
    },
  };
}

export async function recordPairIntroSent(
  db: Db,
  input: { workspaceId: string; pairId: string; now: Date },
): Promise<void> {
  await markMentorshipIntroSent(db, input.workspaceId, input.pairId, input.now);
}
