/**
 * Last resort for the few nodes local search leaves free (≈0.05 % at 100k): pair them among themselves, then look for
 * an augmenting path through anyone in the pool, and only then relax the cooldown one week at a time. Work stays
 * bounded: dense repair of thousands of leftovers cost the prototype 12 s and 1 GB.
 */

import type { Matching } from './greedy.ts';
import type { PairProblem } from './problem.ts';

const ALL_PAIRS_LIMIT = 1500;
const SCAN_LIMIT = 64;
/** Score evaluations allowed per augmenting sweep: a few hundred milliseconds at most. */
const WORK_BUDGET = 3_000_000;

export interface RepairStats {
  freeBefore: number;
  relaxedPairs: number;
}

function freeNodes(mate: Int32Array): number[] {
  const free: number[] = [];
  for (let i = 0; i < mate.length; i++) if (mate[i] === -1) free.push(i);
  return free;
}

/** Scores a pair at cooldown tier ≤ maxTier, or -1. Tier 0 means the normal (non-relaxed) score. */
function scoreAtTier(problem: PairProblem, a: number, b: number, maxTier: number): number {
  if (maxTier === 0) return problem.weight(a, b);
  const w = problem.relaxed(a, b);
  if (w < 0) return -1;
  return problem.tier(a, b) <= maxTier ? w : -1;
}

function pairAmongFree(problem: PairProblem, matching: Matching, maxTier: number): number {
  const { mate, mateW } = matching;
  const free = freeNodes(mate);
  const side = problem.side;
  // Two-sided problems (filling group seats) only pair across sides, and usually leave many on one side free.
  const left = side === undefined ? free : free.filter((i) => side[i] === 0);
  const right = side === undefined ? free : free.filter((i) => side[i] === 1);
  if (left.length === 0 || right.length === 0 || free.length < 2) return 0;
  const edges: [number, number, number, number][] = [];
  // Chunks bound the work to O(F · 1500) even when a rule leaves thousands without a partner.
  for (let from = 0; from < Math.max(left.length, right.length); from += ALL_PAIRS_LIMIT) {
    const lo = left.slice(from, from + ALL_PAIRS_LIMIT);
    const hi = side === undefined ? lo : right.slice(from, from + ALL_PAIRS_LIMIT);
    for (let x = 0; x < lo.length; x++) {
      for (let y = side === undefined ? x + 1 : 0; y < hi.length; y++) {
        const a = lo[x]!;
        const b = hi[y]!;
        const w = scoreAtTier(problem, a, b, maxTier);
        if (w > 0) edges.push([maxTier === 0 ? 0 : problem.tier(a, b), w, a, b]);
      }
    }
  }
  // The most recent meetings are relaxed last; among equals, the best score first.
  edges.sort((p, q) => p[0] - q[0] || q[1] - p[1] || p[2] - q[2] || p[3] - q[3]);
  let made = 0;
  for (const [, w, a, b] of edges) {
    if (mate[a] !== -1 || mate[b] !== -1) continue;
    mate[a] = b;
    mate[b] = a;
    mateW[a] = w;
    mateW[b] = w;
    made++;
  }
  return made;
}

/** u–x=y–z over the whole pool: u and z free, x–y currently paired. */
function augmentThroughPool(problem: PairProblem, matching: Matching, maxTier: number): number {
  const { mate, mateW } = matching;
  let made = 0;
  const free = freeNodes(mate).slice(0, SCAN_LIMIT);
  let budget = WORK_BUDGET;
  for (const u of free) {
    if (mate[u] !== -1) continue;
    // The far end of u–x=y–z sits on the other side from u in a two-sided problem.
    const others = free.filter(
      (z) => z !== u && mate[z] === -1 && (problem.side === undefined || problem.side[z] !== problem.side[u]),
    );
    if (others.length === 0) continue;
    if (budget <= 0) break;
    let best: [number, number, number, number, number] | undefined; // gain, x, z, w(u,x), w(y,z)
    for (let x = 0; x < problem.n && budget > 0; x++) {
      const y = mate[x]!;
      if (y === -1 || x === u) continue;
      budget--;
      const w1 = scoreAtTier(problem, u, x, maxTier);
      if (w1 < 0) continue;
      budget -= others.length;
      for (const z of others) {
        const w2 = scoreAtTier(problem, y, z, maxTier);
        if (w2 < 0) continue;
        const gain = w1 + w2 - mateW[x]!;
        if (best === undefined || gain > best[0]) best = [gain, x, z, w1, w2];
      }
    }
    if (best === undefined) continue;
    const [, x, z, w1, w2] = best;
    const y = mate[x]!;
    mate[u] = x;
    mate[x] = u;
    mateW[u] = w1;
    mateW[x] = w1;
    mate[y] = z;
    mate[z] = y;
    mateW[y] = w2;
    mateW[z] = w2;
    made++;
  }
  return made;
}

export function repairLeftovers(problem: PairProblem, matching: Matching): RepairStats {
  const freeBefore = freeNodes(matching.mate).length;
  if (freeBefore < 2) return { freeBefore, relaxedPairs: 0 };
  pairAmongFree(problem, matching, 0);
  augmentThroughPool(problem, matching, 0);
  let relaxedPairs = 0;
  for (let tier = 1; tier <= problem.maxTier; tier++) {
    if (freeNodes(matching.mate).length < 2) break;
    relaxedPairs += pairAmongFree(problem, matching, tier);
    relaxedPairs += augmentThroughPool(problem, matching, tier);
  }
  return { freeBefore, relaxedPairs };
}
