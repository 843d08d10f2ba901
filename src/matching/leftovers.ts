/**
 * Nobody is dropped silently: someone the solvers could not place joins an existing group if every member there may
 * meet them, and otherwise is reported with the reason.
 */

import { fillGroups } from './groups.ts';
import type { Rng } from './hash.ts';
import type { Pool } from './pool.ts';
import { rulePopulation, type Scorer } from './weights.ts';

/** Why someone has no possible partner at all under the hard rules. */
export function isolationReason(pool: Pool, a: number): string {
  if (pool.n === 1) return 'the only member in this round';
  const rule = pool.config.rule;
  const blocks = pool.blockedPartners.get(a)?.length ?? 0;
  if (blocks > 0 && rulePopulation(pool, a) > 0) {
    return 'blocked from everyone they could be grouped with this round';
  }
  switch (rule) {
    case 'cross-team-only':
      return `everyone else in this round is in their own team (${pool.teamNames[pool.team[a]!]}; ${rule})`;
    case 'cross-department-only':
      return `everyone else in this round is in their own department (${pool.deptNames[pool.dept[a]!]}; ${rule})`;
    case 'mentor-mentee':
      return pool.hub[a] ? 'no mentees in this round' : 'no mentors in this round';
    case 'fixed-host':
      return pool.hub[a] ? 'no guests in this round' : 'no host in this round';
    default:
      return 'no one else could be grouped with them this round';
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

export const NO_ROOM_REASON = 'no group could take them without breaking a block or the programme rule';

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
