/**
 * The methods other bots use, reimplemented on the same pool so every method is scored by the same function:
 * - random shuffle, consecutive pairs, the odd one joins the first pair (TritonSE/TSE-Muffin);
 * - randomised greedy that refuses pairs within the cooldown, up to 50 restarts (gpoesia/coffeeomatic);
 * - greedy over all pairs by score (B0yc3y/doughnut), here with our score and the cooldown as a hard rule;
 * - greedy on our sparse candidates plus our leftover repair, without local search.
 * Leftovers that a method cannot pair are paired among themselves at random, so everyone is placed and any repeat
 * it forces shows up in the repeat counts.
 */

import { greedyMatching, type Matching } from '../../src/matching/greedy.ts';
import { createRng, type Rng, shuffleInPlace } from '../../src/matching/hash.ts';
import type { PairProblem } from '../../src/matching/problem.ts';
import { repairLeftovers } from '../../src/matching/repair.ts';
import { sparseGraph } from '../../src/matching/sparse-candidates.ts';

export type Groups = number[][];

function closeOut(groups: Groups, leftovers: number[], rng: Rng): Groups {
  shuffleInPlace(leftovers, rng);
  for (let i = 0; i + 1 < leftovers.length; i += 2) groups.push([leftovers[i]!, leftovers[i + 1]!]);
  if (leftovers.length % 2 === 1) {
    const last = leftovers[leftovers.length - 1]!;
    if (groups.length > 0) groups[0]!.push(last);
    else groups.push([last]);
  }
  return groups;
}

export function randomShuffle(n: number, seed: number): Groups {
  const rng = createRng(seed);
  const order = shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    rng,
  );
  return closeOut([], order, rng);
}

export function randomWithRestarts(problem: PairProblem, seed: number, attempts = 50): Groups {
  const rng = createRng(seed);
  const n = problem.n;
  let best: Groups = [];
  let bestLeft: number[] = Array.from({ length: n }, (_, i) => i);
  for (let attempt = 0; attempt < attempts; attempt++) {
    const order = shuffleInPlace(
      Array.from({ length: n }, (_, i) => i),
      rng,
    );
    const taken = new Uint8Array(n);
    const groups: Groups = [];
    const left: number[] = [];
    for (let x = 0; x < n; x++) {
      const a = order[x]!;
      if (taken[a]) continue;
      taken[a] = 1;
      let partner = -1;
      for (let y = x + 1; y < n; y++) {
        const b = order[y]!;
        if (!taken[b] && problem.weight(a, b) > 0) {
          partner = b;
          break;
        }
      }
      if (partner < 0) left.push(a);
      else {
        taken[partner] = 1;
        groups.push([a, partner]);
      }
    }
    if (left.length < bestLeft.length) {
      best = groups;
      bestLeft = left;
    }
    if (left.length <= n % 2) break;
  }
  return closeOut(best, bestLeft, rng);
}

export function greedyAllPairs(problem: PairProblem, seed: number): Groups {
  const n = problem.n;
  const edges: number[] = [];
  const weights: number[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const w = problem.weight(a, b);
      if (w > 0) {
        edges.push(a * n + b);
        weights.push(w);
      }
    }
  }
  const order = Array.from(edges.keys()).sort((p, q) => weights[q]! - weights[p]! || p - q);
  const taken = new Uint8Array(n);
  const groups: Groups = [];
  for (const e of order) {
    const a = Math.floor(edges[e]! / n);
    const b = edges[e]! % n;
    if (taken[a] || taken[b]) continue;
    taken[a] = taken[b] = 1;
    groups.push([a, b]);
  }
  const left: number[] = [];
  for (let i = 0; i < n; i++) if (!taken[i]) left.push(i);
  return closeOut(groups, left, createRng(seed));
}

export function matchingToGroups(matching: Matching, seed: number): Groups {
  const groups: Groups = [];
  const left: number[] = [];
  for (let a = 0; a < matching.mate.length; a++) {
    const b = matching.mate[a]!;
    if (b < 0) left.push(a);
    else if (a < b) groups.push([a, b]);
  }
  return closeOut(groups, left, createRng(seed));
}

export function greedySparse(problem: PairProblem, k: number, seed: number): Groups {
  const graph = sparseGraph(problem, k, createRng(seed));
  const matching = greedyMatching(graph);
  repairLeftovers(problem, matching);
  return matchingToGroups(matching, seed);
}
