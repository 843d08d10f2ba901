/**
 * Candidate graphs for the heuristic solver, as compressed rows with the score of each edge. Small pools get every
 * allowed pair (here); large ones a sparse random sample (sparse-candidates.ts).
 */

import type { PairProblem } from './problem.ts';

export interface CandidateGraph {
  n: number;
  /** Node i's neighbours are nbr[start[i] .. start[i+1]), each edge stored from both ends. */
  start: Int32Array;
  nbr: Int32Array;
  w: Int32Array;
}

export function graphFromEdges(n: number, ea: Int32Array, eb: Int32Array, ew: Int32Array, m: number): CandidateGraph {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    start[ea[e]! + 1]!++;
    start[eb[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const cursor = start.slice(0, n);
  const nbr = new Int32Array(2 * m);
  const w = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    const a = ea[e]!;
    const b = eb[e]!;
    const sa = cursor[a]!++;
    nbr[sa] = b;
    w[sa] = ew[e]!;
    const sb = cursor[b]!++;
    nbr[sb] = a;
    w[sb] = ew[e]!;
  }
  return { n, start, nbr, w };
}

/** Every pair the problem allows without relaxing the cooldown. */
export function completeGraph(problem: PairProblem): CandidateGraph {
  const n = problem.n;
  const capacity = (n * (n - 1)) / 2;
  const ea = new Int32Array(capacity);
  const eb = new Int32Array(capacity);
  const ew = new Int32Array(capacity);
  let m = 0;
  const side = problem.side;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (side !== undefined && side[a] === side[b]) continue;
      const w = problem.weight(a, b);
      if (w > 0) {
        ea[m] = a;
        eb[m] = b;
        ew[m] = w;
        m++;
      }
    }
  }
  return graphFromEdges(n, ea, eb, ew, m);
}
