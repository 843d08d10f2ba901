/**
 * Groups larger than a pair, and star programmes (one mentor or host per group), by filling seats: every round is one
 * matching between the groups that still have a seat and the people not yet placed, solved by the pairing solvers.
 * Joining a group scores the sum of the newcomer's pair scores with everyone already in it, and is allowed only if
 * every one of those pairs is. Optimal grouping is NP-hard; this gets each seat right given the seats before it, and
 * group-search.ts then swaps people between groups.
 */

import type { Rng } from './hash.ts';
import type { PairProblem } from './problem.ts';
import { pickSolver, solvePairs } from './solve-pairs.ts';
import type { SolverChoice } from './types.ts';
import type { Scorer } from './weights.ts';

/** Sizes for `count` people in groups of at most `groupSize`, as even as possible (10 in fours: 4, 3, 3). */
export function groupSizes(count: number, groupSize: number): number[] {
  if (count < 2) return [];
  const groups = Math.ceil(count / groupSize);
  const small = Math.floor(count / groups);
  const large = count % groups;
  return Array.from({ length: groups }, (_, i) => (i < large ? small + 1 : small));
}

export interface FillOptions {
  /** Star programmes: the rule applies between hub and spoke; spokes of one hub may meet each other. */
  peers: boolean;
  solver: SolverChoice;
  candidatesPerMember: number;
  rng: Rng;
  /** Added to every join score of a person: the host lottery uses it to draw the longest-waiting guests first. */
  priority?: (person: number) => number;
  maxPriority?: number;
}

/** A pair score between two people inside a group: the programme rule only binds hub–spoke pairs in stars. */
export function memberScore(scorer: Scorer, a: number, b: number, peers: boolean, relaxed: boolean): number {
  const hub = scorer.pool.hub;
  if (peers && hub[a] === hub[b]) {
    const w = scorer.peerRelaxed(a, b);
    if (w < 0 || relaxed) return w;
    return scorer.tier(a, b) === 0 ? w : -1;
  }
  return relaxed ? scorer.relaxed(a, b) : scorer.weight(a, b);
}

function joinProblem(
  scorer: Scorer,
  groups: number[][],
  open: number[],
  people: number[],
  options: FillOptions,
): PairProblem {
  const { peers, priority } = options;
  const g = open.length;
  const n = g + people.length;
  const side = new Uint8Array(n);
  for (let i = g; i < n; i++) side[i] = 1;
  const { team, winStart } = scorer.pool;
  // Members of each open group, flattened: scoring a join walks them for every candidate, millions of times.
  const memberFrom = new Int32Array(g + 1);
  for (let i = 0; i < g; i++) memberFrom[i + 1] = memberFrom[i]! + groups[open[i]!]!.length;
  const members = new Int32Array(memberFrom[g]!);
  for (let i = 0; i < g; i++) members.set(groups[open[i]!]!, memberFrom[i]!);
  const personOf = (i: number): number => (i < g ? members[memberFrom[i]!]! : people[i - g]!);
  // Two closures rather than one with a flag: millions of calls, and each layer between the solver and the scorer
  // costs (measured) more than the loop itself.
  const weight = (i: number, j: number): number => {
    if (side[i] === side[j]) return -1;
    const groupNode = i < g ? i : j;
    const person = people[(i < g ? j : i) - g]!;
    let total = 0;
    for (let x = memberFrom[groupNode]!; x < memberFrom[groupNode + 1]!; x++) {
      const w = peers ? memberScore(scorer, members[x]!, person, true, false) : scorer.weight(members[x]!, person);
      if (w < 0) return -1;
      total += w;
    }
    return priority === undefined ? total : total + priority(person);
  };
  const relaxed = (i: number, j: number): number => {
    if (side[i] === side[j]) return -1;
    const groupNode = i < g ? i : j;
    const person = people[(i < g ? j : i) - g]!;
    let total = 0;
    for (let x = memberFrom[groupNode]!; x < memberFrom[groupNode + 1]!; x++) {
      const w = peers ? memberScore(scorer, members[x]!, person, true, true) : scorer.relaxed(members[x]!, person);
      if (w < 0) return -1;
      total += w;
    }
    return priority === undefined ? total : total + priority(person);
  };
  let largest = 1;
  for (const index of open) largest = Math.max(largest, groups[index]!.length);
  return {
    n,
    weight,
    relaxed,
    tier: (i, j) => {
      const groupNode = i < g ? i : j;
      const person = people[(i < g ? j : i) - g]!;
      let tiers = 0;
      for (let x = memberFrom[groupNode]!; x < memberFrom[groupNode + 1]!; x++)
        tiers += scorer.tier(members[x]!, person);
      return Math.min(tiers, scorer.maxTier);
    },
    maxWeight: scorer.maxWeight * largest + (options.maxPriority ?? 0),
    maxTier: scorer.maxTier,
    zoneStart: (i) => winStart[personOf(i)]!,
    sameTeam: (i, j) => team[personOf(i)] === team[personOf(j)],
    side,
  };
}

/**
 * Adds people to `groups` until each reaches its target size or nobody left fits. Mutates `groups`; returns the
 * people who were not placed.
 */
export function fillGroups(
  scorer: Scorer,
  groups: number[][],
  targets: readonly number[],
  people: readonly number[],
  options: FillOptions,
): number[] {
  let remaining = [...people];
  for (;;) {
    const open: number[] = [];
    for (let i = 0; i < groups.length; i++) if (groups[i]!.length < targets[i]!) open.push(i);
    if (open.length === 0 || remaining.length === 0) break;
    const problem = joinProblem(scorer, groups, open, remaining, options);
    const solver = pickSolver(problem.n, options.solver);
    const { matching } = solvePairs(problem, solver, options.candidatesPerMember, options.rng);
    const placed = new Uint8Array(remaining.length);
    let progress = 0;
    for (let i = 0; i < open.length; i++) {
      const j = matching.mate[i]!;
      if (j < 0) continue;
      groups[open[i]!]!.push(remaining[j - open.length]!);
      placed[j - open.length] = 1;
      progress++;
    }
    if (progress === 0) break;
    remaining = remaining.filter((_, i) => !placed[i]);
  }
  return remaining;
}
