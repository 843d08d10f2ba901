/**
 * Nobody is dropped silently: someone the solvers could not place joins an existing group if every member there may
 * meet them, and otherwise is reported with the reason.
 */

import { fillGroups } from './groups.ts';
import type { Rng } from './hash.ts';
import type { Pool } from './pool.ts';
import type { UnmatchedReason } from './types.ts';
import { rulePopulation, type Scorer } from './weights.ts';

/**
 * Why someone has no possible partner at all under the hard rules. A block is never the reason given: when blocks
 * take away everyone the programme's rule leaves, the reason is the one a full round gives (`no-place`), true either
 * way, so the person left out cannot tell a block from a crowd.
 */
export function isolationReason(pool: Pool, a: number): UnmatchedReason {
  if (pool.n === 1) return 'alone';
  const byRuleAlone = rulePopulation(pool, a) === 0;
  switch (pool.config.rule) {
    case 'cross-team-only':
      return byRuleAlone ? 'own-team' : 'no-place';
    case 'cross-department-only':
      return byRuleAlone ? 'own-department' : 'no-place';
    case 'mentor-mentee':
      return pool.hub[a] ? 'no-mentee' : 'no-mentor';
    case 'fixed-host':
      if (pool.hub[a]) return 'no-guest';
      return byRuleAlone ? 'no-host' : 'not-drawn';
    default:
      return 'no-place';
  }
}

/** Above this many leftovers, one scan of every group each would be quadratic: match them to groups instead. */
const SCAN_LIMIT = 64;

function placeInBulk(
  scorer: Scorer,
  groups: number[][],
  leftovers: readonly number[],
  maxSize: number,
  rng: Rng,
): { unplaced: number[]; joined: Set<number[]> } {
  const before = groups.map((g) => g.length);
  const options = {
    peers: false,
    solver: 'auto' as const,
    candidatesPerMember: scorer.pool.config.candidatesPerMember,
    rng,
  };
  const unplaced = fillGroups(
    scorer,
    groups,
    groups.map(() => maxSize),
    leftovers,
    options,
  );
  const joined = new Set<number[]>();
  for (let i = 0; i < groups.length; i++) if (groups[i]!.length > before[i]!) joined.add(groups[i]!);
  return { unplaced, joined };
}

/**
 * Adds each leftover to the group that takes them best: smaller groups first, then fewest cooldown repeats, then
 * the highest summed score. Returns the leftovers that fit nowhere.
 */
export function placeLeftovers(
  scorer: Scorer,
  groups: number[][],
  leftovers: readonly number[],
  maxSize: number,
  rng: Rng,
): { unplaced: number[]; joined: Set<number[]> } {
  if (leftovers.length > SCAN_LIMIT) return placeInBulk(scorer, groups, leftovers, maxSize, rng);
  const unplaced: number[] = [];
  const joined = new Set<number[]>();
  for (const u of leftovers) {
    let best: number[] | undefined;
    let bestKey: [number, number, number] = [0, 0, 0];
    for (const group of groups) {
      if (group.length >= maxSize) continue;
      let weight = 0;
      let tiers = 0;
      let ok = true;
      for (const g of group) {
        const w = scorer.relaxed(u, g);
        if (w < 0) {
          ok = false;
          break;
        }
        weight += w;
        tiers += scorer.tier(u, g);
      }
      if (!ok) continue;
      const key: [number, number, number] = [group.length, tiers, -weight];
      if (best === undefined || lexLess(key, bestKey)) {
        best = group;
        bestKey = key;
      }
    }
    if (best === undefined) unplaced.push(u);
    else {
      best.push(u);
      joined.add(best);
    }
  }
  return { unplaced, joined };
}

function lexLess(p: readonly number[], q: readonly number[]): boolean {
  for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) return p[i]! < q[i]!;
  return false;
}
