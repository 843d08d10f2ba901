/**
 * Swap search for groups of 3–4: exchange two people between groups when the summed pair scores rise and every new
 * pair is allowed without relaxing the cooldown. Sizes never change. Partners to try are sampled (seeded), which is
 * what simulated annealing does too, minus the uphill moves.
 */

import type { Rng } from './hash.ts';
import type { Scorer } from './weights.ts';

/** Random partners tried per person and round; fewer for large pools, where each round is already O(n). */
const TRIES_PER_PERSON = 8;
const TRIES_LARGE = 3;
const LARGE = 20_000;

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
  const tries = people.length > LARGE ? TRIES_LARGE : TRIES_PER_PERSON;
  let swaps = 0;
  for (let round = 0; round < maxRounds; round++) {
    let improved = 0;
    for (const a of people) {
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
        improved++;
      }
    }
    swaps += improved;
    if (improved === 0) break;
  }
  return swaps;
}
