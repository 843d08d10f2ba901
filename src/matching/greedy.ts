/**
 * Greedy maximum-weight matching: take edges from heaviest to lightest when both ends are free. A ½-approximation
 * on its own; it is the starting point that local search then repairs. Scores are small integers, so a counting
 * sort puts edges in order in linear time; ties keep node order, which keeps the result deterministic.
 */

import type { CandidateGraph } from './candidates.ts';

export interface Matching {
  /** Partner of each node, or -1. */
  mate: Int32Array;
  /** Score of the node's current pair (0 when free). */
  mateW: Int32Array;
}

export function emptyMatching(n: number): Matching {
  return { mate: new Int32Array(n).fill(-1), mateW: new Int32Array(n) };
}

export function greedyMatching(graph: CandidateGraph): Matching {
  const matching = emptyMatching(graph.n);
  const { mate, mateW } = matching;
  const { a: ea, b: eb, w: ew, count: m } = graph.edges;
  if (m === 0) return matching;
  let maxW = 0;
  let minW = Number.POSITIVE_INFINITY;
  for (let e = 0; e < m; e++) {
    const x = ew[e]!;
    if (x > maxW) maxW = x;
    if (x < minW) minW = x;
  }
  const range = maxW - minW + 1;
  const bucket = new Int32Array(range + 1);
  for (let e = 0; e < m; e++) bucket[maxW - ew[e]! + 1]!++;
  for (let r = 0; r < range; r++) bucket[r + 1]! += bucket[r]!;
  const bucketStart = bucket.slice();
  // Scattered writes, then one sequential pass: cheaper than chasing a permutation through three arrays.
  const sa = new Int32Array(m);
  const sb = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const at = bucket[maxW - ew[e]!]!++;
    sa[at] = ea[e]!;
    sb[at] = eb[e]!;
  }
  for (let r = 0; r < range; r++) {
    const weight = maxW - r;
    for (let i = bucketStart[r]!; i < bucketStart[r + 1]!; i++) {
      const a = sa[i]!;
      const b = sb[i]!;
      if (mate[a] !== -1 || mate[b] !== -1) continue;
      mate[a] = b;
      mate[b] = a;
      mateW[a] = weight;
      mateW[b] = weight;
    }
  }
  return matching;
}
