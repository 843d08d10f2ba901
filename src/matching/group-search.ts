/**
 * Swap search for groups of 3–4: exchange two people between groups when the summed pair scores rise and every new
 * pair is allowed without relaxing the cooldown. Sizes never change. Partners to try are sampled (seeded), which is
 * what simulated annealing does too, minus the uphill moves.
 *
 * In large pools nearly every group is already as good as it gets (cross-team, shared hours, never met), and random
 * swaps there only shuffle the jitter: at 100k people a full round cost a second for 0.004 % of the score. So above
 * FOCUS_ABOVE people only members of a group with a weak pair (under WEAK_SHARE of the best possible score: same team,
 * little shared time, a recent meeting) look for swaps, with more tries each.
 */

import type { Rng } from './hash.ts';
import type { Scorer } from './weights.ts';

/** Random partners tried per person and round. */
const TRIES_PER_PERSON = 8;
const FOCUS_ABOVE = 20_000;
const WEAK_SHARE = 0.9;
const TRIES_PER_WEAK_PERSON = 32;

export function improveGroups(scorer: Scorer, groups: number[][], rng: Rng, maxRounds: number): number {
  const n = scorer.pool.n;
  const groupOf = new Int32Array(n).fill(-1);
  const people: number[] = [];
  for (let g = 0; g < groups.length; g++) {
    for (const p of groups[g]!) {
      groupOf[p] = g;
      people.push(p);
    }
  }
  if (groups.length < 2) return 0;
  // Contribution of `p` to a group without `skip`, or -1 if some pair is forbidden.
  const contribution = (p: number, group: readonly number[], skip: number, relaxed: boolean): number => {
    let total = 0;
    for (const q of group) {
      if (q === skip || q === p) continue;
      const w = relaxed ? scorer.relaxed(p, q) : scorer.weight(p, q);
      if (w < 0) return -1;
      total += w;
    }
    return total;
  };
  const focused = people.length > FOCUS_ABOVE;
  const tries = focused ? TRIES_PER_WEAK_PERSON : TRIES_PER_PERSON;
  const weakBelow = WEAK_SHARE * scorer.maxWeight;
  let swaps = 0;
  // Focused: the weak are found once (a pass over every pair of every group); later rounds re-check only them and
  // the members of groups a swap changed.
  let movers = focused ? weakMembers(scorer, groups, people, groupOf, weakBelow) : people;
  const changed = new Uint8Array(groups.length);
  for (let round = 0; round < maxRounds; round++) {
    if (round > 0 && focused) {
      const recheck = new Set(movers);
      for (let g = 0; g < groups.length; g++) {
        if (!changed[g]) continue;
        for (const p of groups[g]!) recheck.add(p);
        changed[g] = 0;
      }
      movers = weakMembers(scorer, groups, [...recheck], groupOf, weakBelow);
    }
    let improved = 0;
    for (const a of movers) {
      for (let t = 0; t < tries; t++) {
        const b = people[rng.below(people.length)]!;
        const ga = groupOf[a]!;
        const gb = groupOf[b]!;
        if (ga === gb) continue;
        const groupA = groups[ga]!;
        const groupB = groups[gb]!;
        const aInB = contribution(a, groupB, b, false);
        if (aInB < 0) continue;
        const bInA = contribution(b, groupA, a, false);
        if (bInA < 0) continue;
        const before = contribution(a, groupA, a, true) + contribution(b, groupB, b, true);
        if (aInB + bInA <= before) continue;
        groupA[groupA.indexOf(a)] = b;
        groupB[groupB.indexOf(b)] = a;
        groupOf[a] = gb;
        groupOf[b] = ga;
        changed[ga] = 1;
        changed[gb] = 1;
        improved++;
      }
    }
    swaps += improved;
    if (improved === 0) break;
  }
  return swaps;
}

/** Those of `people` in a pair that scores under `below` (or is allowed only with the cooldown relaxed). */
function weakMembers(
  scorer: Scorer,
  groups: readonly number[][],
  people: readonly number[],
  groupOf: Int32Array,
  below: number,
): number[] {
  const weak: number[] = [];
  for (const p of people) {
    for (const q of groups[groupOf[p]!]!) {
      if (q !== p && scorer.weight(p, q) < below) {
        weak.push(p);
        break;
      }
    }
  }
  return weak;
}
