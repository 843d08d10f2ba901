/**
 * What the pairing solvers see: nodes 0..n-1 and a score oracle. A node is a person when pairing, or a half-built
 * group when filling groups, so the same solvers serve both.
 */

import type { Scorer } from './weights.ts';

export interface PairProblem {
  readonly n: number;
  /** ≥ 1 when i and j may be paired without relaxing anything, else -1. */
  weight(i: number, j: number): number;
  /** ≥ 1 when i and j may be paired once the cooldown is relaxed, else -1. */
  relaxed(i: number, j: number): number;
  /** 0 outside the cooldown, else 1..maxTier (higher = met more recently). */
  tier(i: number, j: number): number;
  readonly maxWeight: number;
  readonly maxTier: number;
  /** Start of i's working window in UTC minutes, for drawing nearby-time-zone candidates. */
  zoneStart(i: number): number;
  sameTeam(i: number, j: number): boolean;
  /** When set, only pairs across sides are allowed (mentor ↔ mentee), and candidates are drawn across. */
  readonly side?: Uint8Array;
}

/** The people `nodes[i]` of the pool as problem nodes 0..nodes.length-1. */
export function peopleProblem(scorer: Scorer, nodes: Int32Array, side?: Uint8Array): PairProblem {
  const { team, winStart } = scorer.pool;
  const sideField = side === undefined ? {} : { side };
  if (isIdentity(nodes, scorer.pool.n)) {
    // The whole pool (the usual even round): the scorer's own functions, without an index translation (or a call)
    // in between on each of millions of scores. They use no `this`.
    return {
      n: nodes.length,
      weight: scorer.weight,
      relaxed: scorer.relaxed,
      tier: scorer.tier,
      maxWeight: scorer.maxWeight,
      maxTier: scorer.maxTier,
      zoneStart: (i) => winStart[i]!,
      sameTeam: (i, j) => team[i] === team[j],
      ...sideField,
    };
  }
  return {
    n: nodes.length,
    weight: (i, j) => scorer.weight(nodes[i]!, nodes[j]!),
    relaxed: (i, j) => scorer.relaxed(nodes[i]!, nodes[j]!),
    tier: (i, j) => scorer.tier(nodes[i]!, nodes[j]!),
    maxWeight: scorer.maxWeight,
    maxTier: scorer.maxTier,
    zoneStart: (i) => winStart[nodes[i]!]!,
    sameTeam: (i, j) => team[nodes[i]!] === team[nodes[j]!],
    ...sideField,
  };
}

function isIdentity(nodes: Int32Array, n: number): boolean {
  if (nodes.length !== n) return false;
  for (let i = 0; i < n; i++) if (nodes[i] !== i) return false;
  return true;
}
