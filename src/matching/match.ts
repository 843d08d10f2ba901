/**
 * Public entry of the matching engine: one weekly round in, groups with reasons out. Pure and deterministic: the same
 * input (including its seed) always gives the same output, byte for byte.
 */

import { explainGroup, type GroupKind } from './explain.ts';
import { improveGroups } from './group-search.ts';
import { type FillOptions, fillGroups, groupSizes, memberScore } from './groups.ts';
import { createRng, type Rng, shuffleInPlace } from './hash.ts';
import { daysSinceMet, findMeeting } from './history-index.ts';
import { isolationReason, placeLeftovers } from './leftovers.ts';
import { pairOddPool, restProblem } from './odd-count.ts';
import { buildPool, type Pool } from './pool.ts';
import { peopleProblem } from './problem.ts';
import { pickSolver, solvePairs } from './solve-pairs.ts';
import type { Group, RoundInput, RoundResult, RoundStats, UnmatchedReason } from './types.ts';
import { allowedPartnerCounts, createScorer, type Scorer } from './weights.ts';

export type { ParsedRound } from './input-schema.ts';
export { parseRoundInput } from './input-schema.ts';
export { DEFAULT_COOLDOWN_WEEKS, DEFAULT_WEIGHTS, MatchInputError } from './pool.ts';
export type {
  DebtInput,
  Group,
  MemberInput,
  PastGroup,
  ProgrammeRule,
  RoundInput,
  RoundResult,
  RoundStats,
  SolverChoice,
  Unmatched,
  UnmatchedReason,
  Weights,
} from './types.ts';

interface Assembly {
  groups: number[][];
  kinds: GroupKind[];
  unmatched: { index: number; reason: UnmatchedReason }[];
  solver: RoundStats['solver'];
}

export function matchRound(input: RoundInput): RoundResult {
  const pool = buildPool(input);
  const scorer = createScorer(pool);
  const rng = createRng(pool.config.seed);
  const counts = allowedPartnerCounts(pool);
  const active: number[] = [];
  const isolated: { index: number; reason: UnmatchedReason }[] = [];
  for (let i = 0; i < pool.n; i++) {
    if (counts[i]! > 0) active.push(i);
    else isolated.push({ index: i, reason: isolationReason(pool, i) });
  }
  const { rule, groupSize } = pool.config;
  let assembly: Assembly;
  if (active.length === 0) assembly = { groups: [], kinds: [], unmatched: [], solver: 'none' };
  else if (rule === 'mentor-mentee' || rule === 'fixed-host') assembly = starRound(scorer, active, rng);
  else if (groupSize === 2) assembly = pairRound(scorer, active, rng);
  else assembly = groupRound(scorer, active, rng);
  assembly.unmatched.push(...isolated);
  if (rule !== 'mentor-mentee' && rule !== 'fixed-host' && groupSize === 2) oddOneOut(pool, assembly.unmatched);
  return writeResult(scorer, assembly);
}

/**
 * Pairs with an odd headcount: the one person no group could take hears the plainest true reason, the odd number,
 * the same words whether a block or the programme's rule kept the trio from forming.
 */
function oddOneOut(pool: Pool, unmatched: { reason: UnmatchedReason }[]): void {
  if (pool.n % 2 === 0) return;
  const noPlace = unmatched.filter((u) => u.reason === 'no-place');
  if (noPlace.length === 1) noPlace[0]!.reason = 'odd-number';
}

function pairRound(scorer: Scorer, active: number[], rng: Rng): Assembly {
  const { config } = scorer.pool;
  const nodes = Int32Array.from(active);
  const solver = pickSolver(nodes.length, config.solver);
  const groups: number[][] = [];
  const kinds: GroupKind[] = [];
  let rest: Int32Array = nodes;
  let matching: ReturnType<typeof solvePairs>['matching'];
  if (nodes.length % 2 === 1 && nodes.length >= 3) {
    const odd = pairOddPool(scorer, nodes, solver, config.candidatesPerMember, rng);
    rest = odd.rest;
    matching = odd.outcome.matching;
    if (odd.trio !== null) {
      groups.push([...odd.trio]);
      kinds.push('odd-trio');
    }
  } else {
    matching = solvePairs(restProblem(scorer, nodes), solver, config.candidatesPerMember, rng).matching;
  }
  const leftovers: number[] = [];
  for (let i = 0; i < rest.length; i++) {
    const j = matching.mate[i]!;
    if (j < 0) leftovers.push(rest[i]!);
    else if (i < j) {
      groups.push([rest[i]!, rest[j]!]);
      kinds.push('pair');
    }
  }
  const { unplaced, joined } = placeLeftovers(scorer, groups, leftovers, 3, rng);
  markJoined(groups, kinds, joined);
  return { groups, kinds, unmatched: unplaced.map((index) => ({ index, reason: 'no-place' as const })), solver };
}

function groupRound(scorer: Scorer, active: number[], rng: Rng): Assembly {
  const { config, n } = scorer.pool;
  const sizes = groupSizes(active.length, config.groupSize);
  const order = shuffleInPlace([...active], rng);
  const { groups, targets, singles } = pairsToStartGroups(scorer, order, sizes, rng);
  const options = { peers: false, solver: config.solver, candidatesPerMember: config.candidatesPerMember, rng };
  const unplaced = fillGroups(scorer, groups, targets, singles, options);
  improveGroups(scorer, groups, rng, n > 5000 ? 3 : 8);
  const kept = groups.filter((g) => g.length >= 2);
  for (const g of groups) if (g.length < 2) unplaced.push(...g);
  const kinds: GroupKind[] = kept.map(() => 'group');
  const first = placeLeftovers(scorer, kept, unplaced, config.groupSize, rng);
  const second = placeLeftovers(scorer, kept, first.unplaced, config.groupSize + 1, rng);
  markJoined(kept, kinds, second.joined);
  return {
    groups: kept,
    kinds,
    unmatched: second.unplaced.map((index) => ({ index, reason: 'no-place' as const })),
    solver: pickSolver(active.length, config.solver),
  };
}

/**
 * Every group starts as a pair: the first 2 × (number of groups) people of the seeded order are paired with the
 * pairing solvers (a general matching, better and cheaper than seating people one by one); the rest fill the
 * remaining seats. People the pairing could not place join the others waiting for a seat.
 */
function pairsToStartGroups(
  scorer: Scorer,
  order: number[],
  sizes: readonly number[],
  rng: Rng,
): { groups: number[][]; targets: number[]; singles: number[] } {
  const { config } = scorer.pool;
  const seated = Int32Array.from(order.slice(0, 2 * sizes.length));
  const solver = pickSolver(seated.length, config.solver);
  const { matching } = solvePairs(peopleProblem(scorer, seated), solver, config.candidatesPerMember, rng);
  const groups: number[][] = [];
  const singles: number[] = [];
  for (let i = 0; i < seated.length; i++) {
    const j = matching.mate[i]!;
    if (j < 0) singles.push(seated[i]!);
    else if (i < j) groups.push([seated[i]!, seated[j]!]);
  }
  singles.push(...order.slice(2 * sizes.length));
  return { groups, targets: sizes.slice(0, groups.length), singles };
}

function starRound(scorer: Scorer, active: number[], rng: Rng): Assembly {
  const { config, hub } = scorer.pool;
  const mentor = config.rule === 'mentor-mentee';
  const hubs = active.filter((i) => hub[i] === 1);
  const spokes = active.filter((i) => hub[i] === 0);
  const groups = hubs.map((h) => [h]);
  const targets = hubs.map(() => config.groupSize);
  const options: FillOptions = {
    peers: true,
    solver: config.solver,
    candidatesPerMember: config.candidatesPerMember,
    rng,
  };
  if (!mentor) {
    // A lottery: whoever has waited longest is drawn first; scores only choose among equally long waits.
    const { unmatchedDebt } = scorer.pool;
    const step = scorer.maxWeight * config.groupSize + 1;
    let longest = 0;
    for (const i of spokes) longest = Math.max(longest, unmatchedDebt[i]!);
    options.priority = (person) => unmatchedDebt[person]! * step;
    options.maxPriority = longest * step;
  }
  const notDrawn = fillGroups(scorer, groups, targets, spokes, options);
  const unmatched: { index: number; reason: UnmatchedReason }[] = [];
  const kept: number[][] = [];
  for (const g of groups) {
    if (g.length >= 2) kept.push(g);
    else unmatched.push({ index: g[0]!, reason: mentor ? 'no-mentee' : 'no-guest' });
  }
  // No counts of seats or people: in a small programme they would show who was kept out by a block.
  for (const index of notDrawn) unmatched.push({ index, reason: mentor ? 'no-mentor' : 'not-drawn' });
  return { groups: kept, kinds: kept.map(() => (mentor ? 'mentor' : 'host')), unmatched, solver: 'star' };
}

function markJoined(groups: number[][], kinds: GroupKind[], joined: ReadonlySet<number[]>): void {
  for (let g = 0; g < groups.length; g++) if (joined.has(groups[g]!)) kinds[g] = 'extra';
}

function writeResult(scorer: Scorer, assembly: Assembly): RoundResult {
  const pool: Pool = scorer.pool;
  const { ids, team, dept, history, config } = pool;
  const peers = config.rule === 'mentor-mentee' || config.rule === 'fixed-host';
  const cooldownDays = config.cooldownWeeks * 7;
  const stats: RoundStats = {
    members: pool.n,
    groups: assembly.groups.length,
    placed: 0,
    unmatched: assembly.unmatched.length,
    oversizeGroups: 0,
    solver: assembly.solver,
    objective: 0,
    pairsInGroups: 0,
    crossTeamPairs: 0,
    crossDepartmentPairs: 0,
    noSharedHoursPairs: 0,
    repeatsWithinCooldown: 0,
    repeatsEver: 0,
  };
  const groups: Group[] = [];
  const trio: string[] = [];
  for (let g = 0; g < assembly.groups.length; g++) {
    const members = assembly.groups[g]!;
    stats.placed += members.length;
    if (members.length > config.groupSize) {
      stats.oversizeGroups++;
      for (const m of members) trio.push(ids[m]!);
    }
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        stats.pairsInGroups++;
        stats.objective += Math.max(0, memberScore(scorer, a, b, peers, true));
        if (team[a] !== team[b]) stats.crossTeamPairs++;
        if (dept[a] !== dept[b]) stats.crossDepartmentPairs++;
        if (scorer.overlap(a, b) < 60) stats.noSharedHoursPairs++;
        const slot = findMeeting(history, a, b);
        if (slot >= 0) {
          stats.repeatsEver++;
          if (daysSinceMet(history, a, slot) < cooldownDays) stats.repeatsWithinCooldown++;
        }
      }
    }
    groups.push({ members: members.map((m) => ids[m]!), why: explainGroup(scorer, members, assembly.kinds[g]!) });
  }
  const unmatched = assembly.unmatched
    .sort((p, q) => p.index - q.index)
    .map(({ index, reason }) => ({ id: ids[index]!, reason }));
  return { groups, unmatched, debts: { trio, unmatched: unmatched.map((u) => u.id) }, stats };
}
