/**
 * Odd headcounts, fairly. With pairs and an odd pool, three people form a trio; they are picked from those who have
 * carried the least trio/unmatched debt, so nobody gets a second trio before everyone eligible has had one (as far
 * as the cooldown allows: a fresh trio beats strict fairness). The trio is chosen first and the rest is paired; each
 * candidate trio is checked by solving the rest, and a trio that would leave someone without a partner or force a
 * cooldown repeat is passed over for the next one.
 *
 * Looking one step ahead matters in small pools: when only a few people have never had a trio, they must still be
 * able to form one together later (not have met within the cooldown). So a trio that leaves such a remainder is
 * preferred, and the remainder is kept apart in this round's pairs.
 */

import type { Matching } from './greedy.ts';
import type { Rng } from './hash.ts';
import { mix32 } from './hash.ts';
import type { Pool } from './pool.ts';
import { type PairProblem, peopleProblem } from './problem.ts';
import type { PairOutcome, PairSolver } from './solve-pairs.ts';
import { solvePairs } from './solve-pairs.ts';
import type { Scorer } from './weights.ts';

/** Exhaustive trio search up to this pool size (286 triples at 13). */
const EXHAUSTIVE_LIMIT = 13;
const HEURISTIC_STARTS = 4;
/** Least-indebted levels up to this size get every trio inside them considered. */
const LEVEL_ENUMERATION_LIMIT = 15;
/** Remainders up to this size are checked for a fair way to drain them. */
const LOOKAHEAD_LIMIT = 12;

interface TrioCandidate {
  members: [number, number, number];
  excess: number;
  tiers: number;
  weight: number;
  order: number;
  /** The least-indebted people left after this trio can still all get theirs without a cooldown repeat. */
  drains: boolean;
  /** How they could (their future trios), when there are few enough to check. */
  plan: number[][] | null;
}

export function debtLevel(pool: Pool, i: number): number {
  return pool.trioDebt[i]! + pool.unmatchedDebt[i]!;
}

function trioOf(
  scorer: Scorer,
  members: [number, number, number],
  minLevel: number,
  order: number,
): TrioCandidate | null {
  const [a, b, c] = members;
  const ab = scorer.relaxed(a, b);
  const ac = scorer.relaxed(a, c);
  const bc = scorer.relaxed(b, c);
  if (ab < 0 || ac < 0 || bc < 0) return null;
  const pool = scorer.pool;
  return {
    members,
    excess: debtLevel(pool, a) + debtLevel(pool, b) + debtLevel(pool, c) - 3 * minLevel,
    tiers: scorer.tier(a, b) + scorer.tier(a, c) + scorer.tier(b, c),
    weight: ab + ac + bc,
    order,
    drains: true,
    plan: null,
  };
}

// Fairness is a hard rule, so the least debt comes first; then a trio free of cooldown repeats, then one that leaves
// the least-indebted able to get theirs later, then fewer (and older) repeats, then the best score.
const byPriority = (p: TrioCandidate, q: TrioCandidate): number =>
  p.excess - q.excess ||
  Number(p.tiers > 0) - Number(q.tiers > 0) ||
  Number(!p.drains) - Number(!q.drains) ||
  p.tiers - q.tiers ||
  q.weight - p.weight ||
  p.order - q.order;

/**
 * Candidate trios, best first (see byPriority). Debt is counted above the pool's minimum, so "excess 0" means all three
 * come from the least-indebted level.
 */
export function trioCandidates(scorer: Scorer, active: Int32Array): TrioCandidate[] {
  const pool = scorer.pool;
  const seed = pool.config.seed;
  let minLevel = Number.POSITIVE_INFINITY;
  for (const i of active) minLevel = Math.min(minLevel, debtLevel(pool, i));
  const lowest = Array.from(active).filter((i) => debtLevel(pool, i) === minLevel);
  const found: TrioCandidate[] = [];
  const seen = new Set<string>();
  const add = (members: [number, number, number], order: number): void => {
    members.sort((p, q) => p - q);
    const key = members.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    const t = trioOf(scorer, members, minLevel, order);
    if (t === null) return;
    const remainder = lowest.filter((i) => !members.includes(i));
    if (remainder.length <= LOOKAHEAD_LIMIT) {
      t.plan = drainPlan(scorer, remainder);
      t.drains = t.plan !== null;
    }
    found.push(t);
  };
  let order = 0;
  const everyTrioOf = (people: readonly number[]): void => {
    for (let x = 0; x < people.length; x++) {
      for (let y = x + 1; y < people.length; y++) {
        for (let z = y + 1; z < people.length; z++) add([people[x]!, people[y]!, people[z]!], order++);
      }
    }
  };
  if (active.length <= EXHAUSTIVE_LIMIT) {
    everyTrioOf(Array.from(active));
    return found.sort(byPriority);
  }
  if (lowest.length >= 3 && lowest.length <= LEVEL_ENUMERATION_LIMIT) everyTrioOf(lowest);
  // Otherwise start from the least-indebted people (seeded order among equals) and grow a trio around each.
  const ranked = Array.from(active).sort(
    (a, b) => debtLevel(pool, a) - debtLevel(pool, b) || mix32(pool.idHash[a]! ^ seed) - mix32(pool.idHash[b]! ^ seed),
  );
  for (let s = 0; s < Math.min(HEURISTIC_STARTS, ranked.length); s++) {
    const v = ranked[s]!;
    const x = bestCompanion(scorer, active, [v]);
    if (x < 0) continue;
    const y = bestCompanion(scorer, active, [v, x]);
    if (y < 0) continue;
    add([v, x, y], order++);
  }
  return found.sort(byPriority);
}

/**
 * A way to split `people` into trios, plus at most two left over, with no pair forbidden or within the cooldown, or
 * null if there is none. Each trio is a list of people.
 */
function drainPlan(scorer: Scorer, people: readonly number[]): number[][] | null {
  const fits = (a: number, b: number): boolean => scorer.weight(a, b) > 0;
  const trios = (left: readonly number[]): number[][] | null => {
    if (left.length === 0) return [];
    const [a, ...others] = left as [number, ...number[]];
    for (let x = 0; x < others.length; x++) {
      if (!fits(a, others[x]!)) continue;
      for (let y = x + 1; y < others.length; y++) {
        if (!fits(a, others[y]!) || !fits(others[x]!, others[y]!)) continue;
        const after = trios(others.filter((_, i) => i !== x && i !== y));
        if (after !== null) return [[a, others[x]!, others[y]!], ...after];
      }
    }
    return null;
  };
  const spare = people.length % 3;
  if (spare === 0) return trios(people);
  for (let x = 0; x < people.length; x++) {
    if (spare === 1) {
      const plan = trios(people.filter((_, i) => i !== x));
      if (plan !== null) return plan;
      continue;
    }
    for (let y = x + 1; y < people.length; y++) {
      if (!fits(people[x]!, people[y]!)) continue;
      const plan = trios(people.filter((_, i) => i !== x && i !== y));
      if (plan !== null) return plan;
    }
  }
  return null;
}

/** The person to add to `group`: least debt, then no cooldown repeat, then the highest summed score. O(n). */
function bestCompanion(scorer: Scorer, active: Int32Array, group: number[]): number {
  const pool = scorer.pool;
  let best = -1;
  let bestLevel = 0;
  let bestTier = 0;
  let bestWeight = 0;
  for (const c of active) {
    if (group.includes(c)) continue;
    let weight = 0;
    let tier = 0;
    let ok = true;
    for (const g of group) {
      const w = scorer.relaxed(g, c);
      if (w < 0) {
        ok = false;
        break;
      }
      weight += w;
      tier += scorer.tier(g, c);
    }
    if (!ok) continue;
    const level = debtLevel(pool, c);
    if (
      best < 0 ||
      level < bestLevel ||
      (level === bestLevel && (tier < bestTier || (tier === bestTier && weight > bestWeight)))
    ) {
      best = c;
      bestLevel = level;
      bestTier = tier;
      bestWeight = weight;
    }
  }
  return best;
}

export interface TrioPairing {
  trio: [number, number, number] | null;
  /** People paired by `outcome`, as pool indices: outcome node i is rest[i]. */
  rest: Int32Array;
  outcome: PairOutcome;
}

function evaluate(scorer: Scorer, rest: Int32Array, matching: Matching): [number, number, number] {
  let free = 0;
  let tiers = 0;
  let weight = 0;
  for (let i = 0; i < rest.length; i++) {
    const j = matching.mate[i]!;
    if (j < 0) {
      free++;
      continue;
    }
    if (j < i) continue;
    tiers += scorer.tier(rest[i]!, rest[j]!);
    weight += matching.mateW[i]!;
  }
  return [free, tiers, weight];
}

export function pairOddPool(
  scorer: Scorer,
  active: Int32Array,
  solver: PairSolver,
  candidatesPerMember: number,
  rng: Rng,
): TrioPairing {
  const candidates = trioCandidates(scorer, active);
  const attempts = active.length <= EXHAUSTIVE_LIMIT ? candidates.length : solver === 'exact' ? 4 : 1;
  const pool = scorer.pool;
  let minLevel = Number.POSITIVE_INFINITY;
  for (const i of active) minLevel = Math.min(minLevel, debtLevel(pool, i));
  let best: { key: number[]; result: TrioPairing } | undefined;
  for (let a = 0; a < Math.min(attempts, candidates.length); a++) {
    const candidate = candidates[a]!;
    const rest = active.filter((i) => !candidate.members.includes(i));
    const outcome = solvePairs(restProblem(scorer, rest, minLevel, candidate.plan), solver, candidatesPerMember, rng);
    const [free, tiers, weight] = evaluate(scorer, rest, outcome.matching);
    // Everyone placed first (an unmatched round is debt too), then fairness, then the cooldown relaxed as little as
    // possible (the sum of tiers: the oldest meetings give way first), then the look-ahead, then the score.
    const key = [
      free,
      candidate.excess,
      tiers + candidate.tiers,
      Number(!candidate.drains),
      -(weight + candidate.weight),
    ];
    if (best === undefined || compareKeys(key, best.key) < 0) {
      best = { key, result: { trio: candidate.members, rest, outcome } };
    }
    if (free === 0 && tiers + candidate.tiers === 0) break;
  }
  if (best !== undefined) return best.result;
  // No allowed trio at all: pair everyone possible; the odd one out is placed afterwards or reported.
  return {
    trio: null,
    rest: active,
    outcome: solvePairs(peopleProblem(scorer, active), solver, candidatesPerMember, rng),
  };
}

/**
 * The rest of the pool as a pairing problem. People who will need each other for a trio soon should not use up the
 * cooldown on each other now, so pairs between them score the minimum (still allowed, just last resort). With a
 * drain plan, that is each planned future trio; otherwise, when only a few least-indebted people remain, all of them.
 */
export function restProblem(
  scorer: Scorer,
  rest: Int32Array,
  minLevel?: number,
  plan: readonly (readonly number[])[] | null = null,
): PairProblem {
  const problem = peopleProblem(scorer, rest);
  const pool = scorer.pool;
  // Nodes with the same label ≥ 0 are kept apart.
  const label = new Int32Array(rest.length).fill(-1);
  if (plan !== null && plan.length > 0) {
    const trioOfPerson = new Map<number, number>();
    plan.forEach((trio, t) => {
      for (const person of trio) trioOfPerson.set(person, t);
    });
    for (let i = 0; i < rest.length; i++) label[i] = trioOfPerson.get(rest[i]!) ?? -1;
  } else {
    if (minLevel === undefined) {
      minLevel = Number.POSITIVE_INFINITY;
      for (const i of rest) minLevel = Math.min(minLevel, debtLevel(pool, i));
    }
    let count = 0;
    for (let i = 0; i < rest.length; i++) {
      if (debtLevel(pool, rest[i]!) === minLevel) {
        label[i] = 0;
        count++;
      }
    }
    // Only a small minority can be kept apart; when most of the pool is at the lowest level there is nothing to save.
    if (count < 2 || count > LOOKAHEAD_LIMIT || 2 * count > rest.length) return problem;
  }
  const damp = (score: (i: number, j: number) => number) => (i: number, j: number) => {
    const w = score(i, j);
    return w > 0 && label[i]! >= 0 && label[i] === label[j] ? 1 : w;
  };
  return { ...problem, weight: damp(problem.weight), relaxed: damp(problem.relaxed) };
}

function compareKeys(p: number[], q: number[]): number {
  for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) return p[i]! - q[i]!;
  return 0;
}
