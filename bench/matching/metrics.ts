/** One scoring function for every method, plus the upper bounds used where the exact optimum is out of reach. */

import { findMeeting } from '../../src/matching/history-index.ts';
import type { Pool } from '../../src/matching/pool.ts';
import { SCALE, type Scorer } from '../../src/matching/weights.ts';
import type { Groups } from './baselines.ts';

export interface Quality {
  objective: number;
  pairs: number;
  placed: number;
  trios: number;
  repeatsCooldown: number;
  repeatsEver: number;
  crossTeam: number;
  noOverlap: number;
  forbidden: number;
}

export function measureGroups(scorer: Scorer, groups: Groups): Quality {
  const { team, history } = scorer.pool;
  const q: Quality = {
    objective: 0,
    pairs: 0,
    placed: 0,
    trios: 0,
    repeatsCooldown: 0,
    repeatsEver: 0,
    crossTeam: 0,
    noOverlap: 0,
    forbidden: 0,
  };
  for (const g of groups) {
    q.placed += g.length;
    if (g.length > 2) q.trios++;
    for (let i = 0; i < g.length; i++) {
      for (let j = i + 1; j < g.length; j++) {
        const a = g[i]!;
        const b = g[j]!;
        q.pairs++;
        const w = scorer.relaxed(a, b);
        if (w < 0) q.forbidden++;
        else q.objective += w;
        if (scorer.tier(a, b) > 0) q.repeatsCooldown++;
        if (findMeeting(history, a, b) >= 0) q.repeatsEver++;
        if (team[a] !== team[b]) q.crossTeam++;
        if (scorer.overlap(a, b) < 60) q.noOverlap++;
      }
    }
  }
  return q;
}

/** Σ_v max_u w(v, u) / 2: no matching can beat it (each pair scores at most the mean of its two maxima). O(n²). */
export function lpBound(scorer: Scorer): number {
  const n = scorer.pool.n;
  const best = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const w = scorer.relaxed(a, b);
      if (w > best[a]!) best[a] = w;
      if (w > best[b]!) best[b] = w;
    }
  }
  let total = 0;
  for (let a = 0; a < n; a++) total += best[a]!;
  return total / 2;
}

/**
 * A class bound, O(n·C): each person's best conceivable pair is the base, both cross bonuses if anyone outside
 * their team and department exists, the best working-hours term over the windows present, and the maximum jitter.
 * Looser than lpBound (it ignores who those people are), but linear, so it works at 100k.
 */
export function classBound(scorer: Scorer): number {
  const pool: Pool = scorer.pool;
  const { n, weights } = { n: pool.n, weights: pool.config.weights };
  const classes = pool.zoneClasses;
  const representative = new Int32Array(classes).fill(-1);
  for (let i = 0; i < n; i++) if (representative[pool.zoneClass[i]!] === -1) representative[pool.zoneClass[i]!] = i;
  const bestHours = new Float64Array(classes).fill(Number.NEGATIVE_INFINITY);
  for (let x = 0; x < classes; x++) {
    for (let y = 0; y < classes; y++) {
      const minutes = scorer.overlap(representative[x]!, representative[y]!);
      const term =
        Math.round((weights.sharedHours * SCALE * Math.min(minutes, 240)) / 240) -
        (minutes < 60 ? Math.round(weights.noSharedHours * SCALE) : 0);
      if (term > bestHours[x]!) bestHours[x] = term;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    let ub = Math.round(weights.base * SCALE) + Math.round(weights.jitter * SCALE);
    if (pool.teamSize[pool.team[i]!]! < n) ub += Math.round(weights.crossTeam * SCALE);
    if (pool.deptSize[pool.dept[i]!]! < n) ub += Math.round(weights.crossDepartment * SCALE);
    ub += bestHours[pool.zoneClass[i]!]!;
    total += ub;
  }
  return total / 2;
}
