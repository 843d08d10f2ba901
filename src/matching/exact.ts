/**
 * Exact pairing for small pools. The blossom solver maximises one number, so the priorities are packed into it:
 * first as many pairs as possible, then the fewest (and oldest) cooldown repeats, then the best total score.
 * Each level's constant exceeds everything the lower levels can add up to, which makes the order strict.
 */

import { maxWeightMatching } from './blossom.ts';
import type { CandidateGraph } from './candidates.ts';
import type { Matching } from './greedy.ts';
import { emptyMatching } from './greedy.ts';
import type { PairProblem } from './problem.ts';

export function exactMatching(problem: PairProblem): Matching {
  const n = problem.n;
  const side = problem.side;
  const ea: number[] = [];
  const eb: number[] = [];
  const natural: number[] = [];
  const tiers: number[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (side !== undefined && side[a] === side[b]) continue;
      const w = problem.relaxed(a, b);
      if (w <= 0) continue;
      ea.push(a);
      eb.push(b);
      natural.push(w);
      tiers.push(problem.tier(a, b));
    }
  }
  const maxPairs = Math.floor(n / 2) + 1;
  const levels = problem.maxTier + 1;
  const perTier = maxPairs * (problem.maxWeight + 1);
  const perPair = maxPairs * (perTier * levels + problem.maxWeight + 1);
  const packed = new Float64Array(ea.length);
  for (let e = 0; e < ea.length; e++) packed[e] = perPair + perTier * (levels - tiers[e]!) + natural[e]!;
  const mates = maxWeightMatching(n, ea, eb, packed);
  return toMatching(mates, ea, eb, natural);
}

/** Exact optimum on a given candidate graph (cardinality first), as the benchmark's reference for the sparse solver. */
export function exactOnGraph(graph: CandidateGraph, maxWeight: number): Matching {
  const { n, start, nbr, w } = graph;
  const ea: number[] = [];
  const eb: number[] = [];
  const natural: number[] = [];
  for (let a = 0; a < n; a++) {
    for (let s = start[a]!; s < start[a + 1]!; s++) {
      if (nbr[s]! <= a) continue;
      ea.push(a);
      eb.push(nbr[s]!);
      natural.push(w[s]!);
    }
  }
  const perPair = (Math.floor(n / 2) + 1) * (maxWeight + 1);
  const packed = natural.map((x) => perPair + x);
  return toMatching(maxWeightMatching(n, ea, eb, packed), ea, eb, natural);
}

function toMatching(mates: Int32Array, ea: number[], eb: number[], natural: number[]): Matching {
  const matching = emptyMatching(mates.length);
  const byPair = new Map<number, number>();
  const n = mates.length;
  for (let e = 0; e < ea.length; e++) byPair.set(ea[e]! * n + eb[e]!, natural[e]!);
  for (let a = 0; a < n; a++) {
    const b = mates[a]!;
    if (b < 0) continue;
    matching.mate[a] = b;
    matching.mateW[a] = byPair.get(a < b ? a * n + b : b * n + a) ?? 0;
  }
  return matching;
}
