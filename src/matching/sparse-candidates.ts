/**
 * The sparse candidate graph for large pools (matching.md §4, step 2): k uniform draws per person, re-drawn once if a
 * teammate, plus k draws from people whose working day starts within three hours. Sampling also gives weekly variety,
 * since the seed changes every round.
 *
 * The graph is built in place, without an edge list: at 100k people that saves some 40 MB of short-lived buffers per
 * round, and with them a full garbage collection of the caller's heap.
 * 1. Draw each drawing person's partners, counting every row's size: own draws plus the times others drew it.
 * 2. Score each draw once, in the drawer's order so one end of every lookup stays in cache, into the front of the
 *    drawer's row.
 * 3. Copy each scored edge into the other end's row: a tight scatter loop, so many of its cache misses overlap.
 * 4. Squeeze out forbidden pairs, and a pair's second copy when both ends drew each other.
 * One pass per function: each runs once per round over 100k+ items, and V8 compiles a long loop on the fly; a loop
 * that ends inside a bigger function leaves the code after it running unoptimised until that is compiled too.
 */

import type { CandidateGraph } from './candidates.ts';
import type { Rng } from './hash.ts';
import type { PairProblem } from './problem.ts';

const NEAR_HOURS = 3;

/**
 * People of one side sorted by the UTC hour their working day starts, circularly: everyone starting within ±3 h of
 * hour h is the contiguous (wrapping) range of `members` that begins at windowFrom[h] and holds windowSize[h] people.
 */
interface NearWindows {
  members: Int32Array;
  windowFrom: Int32Array;
  windowSize: Int32Array;
}

/** Who draws, how many times, and from whom. */
interface Sampler {
  /** Uniform draws come from the population across the side boundary when the programme is two-sided. */
  populations: [Int32Array, Int32Array];
  windows: [NearWindows, NearWindows];
  /** -1 when everyone draws. */
  drawingSide: number;
  draw: number;
  drawers: number;
}

/** Each person's draws: picked[pickedFrom[a] .. pickedFrom[a + 1]); rowSize[i + 1] = the size of row i. */
interface Draws {
  picked: Int32Array;
  pickedFrom: Int32Array;
  rowSize: Int32Array;
  count: number;
}

export function sparseGraph(problem: PairProblem, k: number, rng: Rng): CandidateGraph {
  const n = problem.n;
  const draws = drawPartners(problem, sampler(problem, k), rng);
  const start = draws.rowSize;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const nbr = new Int32Array(2 * draws.count);
  const w = new Int32Array(2 * draws.count);
  scoreDraws(problem, draws, start, nbr, w);
  const fill = mirrorEdges(n, draws.pickedFrom, start, nbr, w);
  const size = squeeze(n, start, fill, nbr, w);
  return { n, start, nbr: nbr.subarray(0, size), w: w.subarray(0, size) };
}

function sampler(problem: PairProblem, k: number): Sampler {
  const n = problem.n;
  const side = problem.side;
  let populations: [Int32Array, Int32Array];
  if (side === undefined) {
    const everyone = new Int32Array(n);
    for (let i = 0; i < n; i++) everyone[i] = i;
    populations = [everyone, everyone];
  } else {
    const lists: [number[], number[]] = [[], []];
    for (let i = 0; i < n; i++) lists[side[i]!]!.push(i);
    populations = [Int32Array.from(lists[0]), Int32Array.from(lists[1])];
  }
  const near = nearWindows(problem, 0);
  const windows: [NearWindows, NearWindows] = [near, side === undefined ? near : nearWindows(problem, 1)];
  // Two-sided problems: only the smaller side draws, twice as many. Every edge has one end there anyway, and
  // filling group seats pits a few thousand groups against many more people.
  if (side === undefined) return { populations, windows, drawingSide: -1, draw: k, drawers: n };
  const drawingSide = populations[0].length <= populations[1].length ? 0 : 1;
  return { populations, windows, drawingSide, draw: 2 * k, drawers: populations[drawingSide].length };
}

function nearWindows(problem: PairProblem, sideValue: number): NearWindows {
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
  const windowFrom = new Int32Array(24);
  const windowSize = new Int32Array(24);
  for (let h = 0; h < 24; h++) {
    windowFrom[h] = bucketStart[(h - NEAR_HOURS + 24) % 24]!;
    for (let d = -NEAR_HOURS; d <= NEAR_HOURS; d++) {
      const b = (h + d + 24) % 24;
      windowSize[h]! += bucketStart[b + 1]! - bucketStart[b]!;
    }
  }
  return { members, windowFrom, windowSize };
}

/** 1. Draws; a person's repeated draws are dropped with a scan of their last few picks (in L1). */
function drawPartners(problem: PairProblem, s: Sampler, rng: Rng): Draws {
  const n = problem.n;
  const side = problem.side;
  const picked = new Int32Array(s.drawers * 2 * s.draw);
  const pickedFrom = new Int32Array(n + 1);
  const rowSize = new Int32Array(n + 1);
  let m = 0;
  for (let a = 0; a < n; a++) {
    pickedFrom[a] = m;
    if (side !== undefined && side[a] !== s.drawingSide) continue;
    const other = side === undefined ? 0 : 1 - side[a]!;
    const population = s.populations[other]!;
    if (population.length === 0) continue;
    const first = m;
    for (let t = 0; t < s.draw; t++) {
      let b = population[rng.below(population.length)]!;
      if (b === a || problem.sameTeam(a, b)) b = population[rng.below(population.length)]!;
      if (b !== a && !inRange(picked, first, m, b)) picked[m++] = b;
    }
    const { members, windowFrom, windowSize } = s.windows[other]!;
    const hour = Math.floor(problem.zoneStart(a) / 60);
    const total = windowSize[hour]!;
    if (total > 0) {
      const from = windowFrom[hour]!;
      for (let t = 0; t < s.draw; t++) {
        let at = from + rng.below(total);
        if (at >= members.length) at -= members.length; // the window wraps past midnight UTC
        const b = members[at]!;
        if (b !== a && !inRange(picked, first, m, b)) picked[m++] = b;
      }
    }
    rowSize[a + 1]! += m - first;
    for (let e = first; e < m; e++) rowSize[picked[e]! + 1]!++;
  }
  pickedFrom[n] = m;
  return { picked, pickedFrom, rowSize, count: m };
}

/** 2. Row a starts with a's own draws, scored; -1 marks a forbidden pair. */
function scoreDraws(problem: PairProblem, draws: Draws, start: Int32Array, nbr: Int32Array, w: Int32Array): void {
  const { picked, pickedFrom } = draws;
  for (let a = 0; a < problem.n; a++) {
    let slot = start[a]!;
    for (let e = pickedFrom[a]!; e < pickedFrom[a + 1]!; e++) {
      const b = picked[e]!;
      const weight = problem.weight(a, b);
      nbr[slot] = weight > 0 ? b : -1;
      w[slot] = weight;
      slot++;
    }
  }
}

/** 3. Each allowed draw a–b also goes into b's row, after b's own draws. Returns each row's end. */
function mirrorEdges(n: number, pickedFrom: Int32Array, start: Int32Array, nbr: Int32Array, w: Int32Array): Int32Array {
  const fill = new Int32Array(n);
  for (let i = 0; i < n; i++) fill[i] = start[i]! + pickedFrom[i + 1]! - pickedFrom[i]!;
  for (let a = 0; a < n; a++) {
    const own = start[a]! + pickedFrom[a + 1]! - pickedFrom[a]!;
    for (let s = start[a]!; s < own; s++) {
      const b = nbr[s]!;
      if (b < 0) continue;
      const r = fill[b]!++;
      nbr[r] = a;
      w[r] = w[s]!;
    }
  }
  return fill;
}

/**
 * 4. Drops gaps (forbidden pairs) and keeps the first copy of a pair in each row (a pair drawn from both ends sits
 * twice in both rows, so both drop one). Rewrites `start`; returns the number of entries kept.
 */
function squeeze(n: number, start: Int32Array, fill: Int32Array, nbr: Int32Array, w: Int32Array): number {
  const seen = new Int32Array(n).fill(-1);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const from = start[i]!;
    start[i] = out;
    for (let s = from; s < fill[i]!; s++) {
      const b = nbr[s]!;
      if (b < 0 || seen[b] === i) continue;
      seen[b] = i;
      nbr[out] = b;
      w[out] = w[s]!;
      out++;
    }
  }
  start[n] = out;
  return out;
}

function inRange(list: Int32Array, from: number, to: number, target: number): boolean {
  for (let e = from; e < to; e++) if (list[e] === target) return true;
  return false;
}
