/**
 * Public entry of the mentorship engine: `matchMentorship(input)` assigns mentees to mentors, exactly maximising first
 * the number of mentees matched and then the total fit score, and explains every pair and every mentee left out.
 * Pure: plain data in, plain data out (docs/mentorship-matching.md).
 */

import { assignMentors } from './assign.ts';
import { candidateRows } from './candidates.ts';
import { buildCohort, type Cohort, pairKey } from './cohort.ts';
import { explainFit, isOwnManager } from './fit.ts';
import { unmatchedReason } from './reasons.ts';
import { topCandidates } from './suggestions.ts';
import type { MenteeSuggestions, MentorshipInput, MentorshipPair, MentorshipResult, UnmatchedMentee } from './types.ts';

export { MentorshipInputError } from './cohort.ts';
export { parseMentorshipInput } from './input-schema.ts';
export type * from './types.ts';

function givenCandidates(c: Cohort, mentee: number): { listed: number; notManager: number } {
  let listed = 0;
  let notManager = 0;
  for (let m = 0; m < c.nMentors; m++) {
    if (m === c.selfMentor[mentee] || !c.given!.has(pairKey(c, m, mentee))) continue;
    listed++;
    if (!isOwnManager(c, m, mentee)) notManager++;
  }
  return { listed, notManager };
}

export function matchMentorship(input: MentorshipInput): MentorshipResult {
  const c = buildCohort(input);
  const rows = candidateRows(c);
  const { mentorOf, edgeOf } = assignMentors(c, rows);
  const teamName = (mentor: number): string | undefined => input.mentors[mentor]!.team?.trim();
  const why = (mentor: number, mentee: number): string => explainFit(c, mentor, mentee, teamName);

  const pairs: MentorshipPair[] = [];
  const unmatched: UnmatchedMentee[] = [];
  let totalScore = 0;
  for (let e = 0; e < c.nMentees; e++) {
    const m = mentorOf[e]!;
    if (m < 0) {
      unmatched.push(unmatchedReason(c, e, c.given === undefined ? undefined : givenCandidates(c, e)));
      continue;
    }
    const score = rows.score[edgeOf[e]!]!;
    totalScore += score;
    pairs.push({ mentor: c.mentorIds[m]!, mentee: c.menteeIds[e]!, score, why: why(m, e) });
  }
  let seats = 0;
  for (const cap of c.capacity) seats += cap;
  const result: MentorshipResult = {
    pairs,
    unmatched,
    stats: {
      matched: pairs.length,
      mentees: c.nMentees,
      mentors: c.nMentors,
      totalScore,
      seats,
      candidatePairs: rows.mentor.length,
    },
  };
  if (input.mode === 'choice') {
    const suggestions: MenteeSuggestions[] = [];
    for (let e = 0; e < c.nMentees; e++) {
      suggestions.push({
        mentee: c.menteeIds[e]!,
        mentors: topCandidates(c, rows, e).map((k) => {
          const m = rows.mentor[k]!;
          return { mentor: c.mentorIds[m]!, score: rows.score[k]!, why: why(m, e) };
        }),
      });
    }
    result.suggestions = suggestions;
  }
  return result;
}
