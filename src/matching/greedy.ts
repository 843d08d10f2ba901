/**
 * Greedy maximum-weight matching: take edges from heaviest to lightest when both ends are free. A ½-approximation
 * on its own; it is the starting point that local search then repairs.
 *
 * Computed with the Suitor algorithm (Manne & Halappanavar, 2014) rather than by sorting edges: every node proposes
 * to its best neighbour among those that prefer it to the suitor they hold; a displaced suitor proposes again. For a
 * strict order on edges this gives exactly the greedy matching, and it needs two arrays of n instead of a sorted copy
 * of every edge (tens of megabytes at 100k people). Ties between equal scores go to the smaller node index, on both
 * sides of a proposal: that makes the order strict (score, then the smaller end, then the larger end), the result
 * deterministic, and the same as sorting the edges of a complete graph by score and taking them in row order.
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
  const { n, start, nbr, w } = graph;
  // For node v: at[2v] = who currently proposes to v (-1: nobody), at[2v + 1] = the score of that proposal. Side by
  // side, because the scan reads both for every neighbour.
  const at = new Int32Array(2 * n);
  for (let v = 0; v < n; v++) at[2 * v] = -1;
  for (let u = 0; u < n; u++) {
    let x = u;
    while (x >= 0) {
      let best = -1;
      let bestW = 0;
      for (let s = start[x]!; s < start[x + 1]!; s++) {
        const v = nbr[s]!;
        const wv = w[s]!;
        if (wv < bestW || (wv === bestW && v > best)) continue;
        const held = at[2 * v + 1]!;
        if (wv < held || (wv === held && x > at[2 * v]!)) continue;
        best = v;
        bestW = wv;
      }
      if (best < 0) break;
      const displaced = at[2 * best]!;
      at[2 * best] = x;
      at[2 * best + 1] = bestW;
      x = displaced;
    }
  }
  return mutualProposals(at);
}

/** Mutual proposals are the pairs. (A loop of its own: see sparse-candidates.ts on one loop per function.) */
function mutualProposals(at: Int32Array): Matching {
  const n = at.length / 2;
  const matching = emptyMatching(n);
  for (let u = 0; u < n; u++) {
    const v = at[2 * u]!;
    if (v >= 0 && at[2 * v] === u) {
      matching.mate[u] = v;
      matching.mateW[u] = at[2 * u + 1]!;
    }
  }
  return matching;
}
