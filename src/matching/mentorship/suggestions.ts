/** Mentee-choice mode: each mentee's best allowed mentors, ranked by the same score the assignment maximises. */

import { pairHash } from '../hash.ts';
import type { CandidateRows } from './candidates.ts';
import type { Cohort } from './cohort.ts';

export const SUGGESTIONS = 3;

/** Candidate edge indices of the mentee's top `k` mentors, best first; ties broken by the seed, reproducibly. */
export function topCandidates(c: Cohort, rows: CandidateRows, mentee: number, k = SUGGESTIONS): number[] {
  const edges: number[] = [];
  for (let e = rows.start[mentee]!; e < rows.start[mentee + 1]!; e++) edges.push(e);
  const tie = (e: number): number => pairHash(rows.mentor[e]!, mentee, c.seed);
  edges.sort((a, b) => rows.score[b]! - rows.score[a]! || tie(a) - tie(b) || rows.mentor[a]! - rows.mentor[b]!);
  return edges.slice(0, k);
}
