/**
 * Candidate graphs for the heuristic solver, as compressed rows with the score of each edge. Small pools get every
 * allowed pair; large ones a sparse random sample (matching.md §4, step 2): k uniform draws per person, re-drawn once
 * if a teammate, plus k draws from people whose working day starts within three hours. Sampling also gives weekly
 * variety, since the seed changes every round.
 */

import type { Rng } from './hash.ts';
import type { PairProblem } from './problem.ts';

export interface CandidateGraph {
  n: number;
  /** Node i's neighbours are nbr[start[i] .. start[i+1]), each edge stored from both ends. */
  start: Int32Array;
  nbr: Int32Array;
  w: Int32Array;
  /** The same edges once each (a < b), in build order: greedy sorts these instead of walking the rows twice. */
  edges: { a: Int32Array; b: Int32Array; w: Int32Array; count: number };
}

const NEAR_HOURS = 3;

export function graphFromEdges(n: number, ea: Int32Array, eb: Int32Array, ew: Int32Array, m: number): CandidateGraph {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    start[ea[e]! + 1]!++;
    start[eb[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const cursor = start.slice(0, n);
  const nbr = new Int32Array(2 * m);
  const w = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    const a = ea[e]!;
    const b = eb[e]!;
    const sa = cursor[a]!++;
    nbr[sa] = b;
    w[sa] = ew[e]!;
    const sb = cursor[b]!++;
    nbr[sb] = a;
    w[sb] = ew[e]!;
  }
  return { n, start, nbr, w, edges: { a: ea, b: eb, w: ew, count: m } };
}

/** Every pair the problem allows without relaxing the cooldown. */
export function completeGraph(problem: PairProblem): CandidateGraph {
  const n = problem.n;
  const capacity = (n * (n - 1)) / 2;
  const ea = new Int32Array(capacity);
  const eb = new Int32Array(capacity);
  const ew = new Int32Array(capacity);
  let m = 0;
  const side = problem.side;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (side !== undefined && side[a] === side[b]) continue;
      const w = problem.weight(a, b);
      if (w > 0) {
        ea[m] = a;
        eb[m] = b;
        ew[m] = w;
        m++;
      }
    }
  }
  return graphFromEdges(n, ea, eb, ew, m);
}

/** Hour buckets of working-day starts, per side, for the nearby-time-zone draws. */
function zoneBuckets(problem: PairProblem, sideValue: number): { bucketStart: Int32Array; members: Int32Array } {
  const n = problem.n;
  const bucketStart = new Int32Array(25);
  const side = problem.side;
  for (let i = 0; i < n; i++) {
    if (side !== undefined && side[i] !== sideValue) continue;
    bucketStart[Math.floor(problem.zoneStart(i) / 60) + 1]!++;
  }
  for (let h = 0; h < 24; h++) bucketStart[h + 1]! += bucketStart[h]!;
  const cursor = bucketStart.slice(0, 24);
  const members = new Int32Array(bucketStart[24]!);
  for (let i = 0; i < n; i++) {
    if (side !== undefined && side[i] !== sideValue) continue;
    members[cursor[Math.floor(problem.zoneStart(i) / 60)]!++] = i;
  }
  return { bucketStart, members };
}

export function sparseGraph(problem: PairProblem, k: number, rng: Rng): CandidateGraph {
  const n = problem.n;
  const side = problem.side;
  // Uniform draws come from the population across the side boundary when the programme is two-sided.
  const populations: Int32Array[] = [];
  if (side === undefined) {
    const everyone = new Int32Array(n);
    for (let i = 0; i < n; i++) everyone[i] = i;
    populations.push(everyone, everyone);
  } else {
    for (const value of [0, 1]) {
      const list: number[] = [];
      for (let i = 0; i < n; i++) if (side[i] === value) list.push(i);
      populations.push(Int32Array.from(list));
    }
  }
  const buckets = side === undefined ? [zoneBuckets(problem, 0)] : [zoneBuckets(problem, 0), zoneBuckets(problem, 1)];

  const maxDraws = n * 2 * k;
  const da = new Int32Array(maxDraws);
  const db = new Int32Array(maxDraws);
  let draws = 0;
  // Two-sided problems: only the smaller side draws, twice as many. Every edge has one end there anyway, and
  // filling group seats pits a few thousand groups against many more people.
  const drawingSide = side === undefined ? -1 : populations[0]!.length <= populations[1]!.length ? 0 : 1;
  const draw = side === undefined ? k : 2 * k;
  for (let a = 0; a < n; a++) {
    if (side !== undefined && side[a] !== drawingSide) continue;
    const other = side === undefined ? 0 : 1 - side[a]!;
    const population = populations[other]!;
    if (population.length === 0) continue;
    for (let t = 0; t < draw; t++) {
      let b = population[rng.below(population.length)]!;
      if (b === a || problem.sameTeam(a, b)) b = population[rng.below(population.length)]!;
      if (b !== a) {
        da[draws] = a;
        db[draws] = b;
        draws++;
      }
    }
    const { bucketStart, members } = buckets[side === undefined ? 0 : other]!;
    const hour = Math.floor(problem.zoneStart(a) / 60);
    let total = 0;
    for (let d = -NEAR_HOURS; d <= NEAR_HOURS; d++) {
      const h = (hour + d + 24) % 24;
      total += bucketStart[h + 1]! - bucketStart[h]!;
    }
    if (total === 0) continue;
    for (let t = 0; t < draw; t++) {
      let r = rng.below(total);
      let b = -1;
      for (let d = -NEAR_HOURS; d <= NEAR_HOURS; d++) {
        const h = (hour + d + 24) % 24;
        const size = bucketStart[h + 1]! - bucketStart[h]!;
        if (r < size) {
          b = members[bucketStart[h]! + r]!;
          break;
        }
        r -= size;
      }
      if (b >= 0 && b !== a) {
        da[draws] = a;
        db[draws] = b;
        draws++;
      }
    }
  }

  // Keep each unordered pair once: bucket the draws by their lower end, then one stamp per bucket removes repeats.
  // Scoring then walks the lower ends in order, so one side of every lookup stays in cache.
  const lowStart = new Int32Array(n + 1);
  for (let d = 0; d < draws; d++) lowStart[(da[d]! < db[d]! ? da[d]! : db[d]!) + 1]!++;
  for (let i = 0; i < n; i++) lowStart[i + 1]! += lowStart[i]!;
  const cursor = lowStart.slice(0, n);
  const high = new Int32Array(draws);
  for (let d = 0; d < draws; d++) {
    const x = da[d]!;
    const y = db[d]!;
    if (x < y) high[cursor[x]!++] = y;
    else high[cursor[y]!++] = x;
  }
  const seen = new Int32Array(n).fill(-1);
  // The draw buffers are free now, and `high` is read ahead of every write: reuse all three for the kept edges.
  const ea = da;
  const eb = db;
  const ew = high;
  let m = 0;
  for (let a = 0; a < n; a++) {
    for (let s = lowStart[a]!; s < lowStart[a + 1]!; s++) {
      const b = high[s]!;
      if (seen[b] === a) continue;
      seen[b] = a;
      const w = problem.weight(a, b);
      if (w > 0) {
        ea[m] = a;
        eb[m] = b;
        ew[m] = w;
        m++;
      }
    }
  }
  return graphFromEdges(n, ea, eb, ew, m);
}
