/**
 * Worklist local search over a matching (matching.md §4, step 3). Moves, strict improvements only:
 * - a free node takes a free neighbour, or an augmenting path u–x=y–z re-pairs two free nodes (one more pair);
 * - a free node steals a neighbour whose pair scores less (the freed node then looks for its own way back in);
 * - a 2-opt swap (a–b, c–d) → (a–c, b–d), where a–c is a candidate and b–d is scored on the fly, so the search
 *   can use pairs outside the sampled graph.
 * More pairs always win over score; among equal pair counts the score must rise. Touched nodes go back on the list.
 */

import type { CandidateGraph } from './candidates.ts';
import type { Matching } from './greedy.ts';
import type { PairProblem } from './problem.ts';

export interface LocalSearchStats {
  rounds: number;
  moves: number;
}

export function improveMatching(
  problem: PairProblem,
  graph: CandidateGraph,
  matching: Matching,
  maxRounds = 30,
): LocalSearchStats {
  const { n, start, nbr, w } = graph;
  const maxWeight = problem.maxWeight;
  // Partner and pair score side by side (at[2i], at[2i + 1]): the scans below read both for every neighbour, and one
  // cache line instead of two is most of their cost at 100k people. Copied back into `matching` at the end.
  const at = interleave(matching);
  let current = new Int32Array(n);
  let next = new Int32Array(n);
  const queued = new Uint8Array(n);
  let size = initialWorklist(graph, at, current);
  let nextSize = 0;
  const push = (i: number): void => {
    if (i >= 0 && !queued[i]) {
      queued[i] = 1;
      next[nextSize++] = i;
    }
  };
  // Free nodes per side: in two-sided problems (filling seats) one side often has thousands free and the other
  // none, and then no augmenting path can exist; skipping that search is what keeps those rounds linear.
  const side = problem.side;
  const sideOf = (i: number): number => (side === undefined ? 0 : side[i]!);
  const freeOn = [0, 0];
  for (let i = 0; i < n; i++) if (at[2 * i] === -1) freeOn[sideOf(i)]!++;
  // How many free neighbours each node has (rows are symmetric): an augmenting path u–x=y–z needs a free z next to
  // y, and with few free nodes most y have none, so their rows need not be searched.
  const freeNear = freeNeighbours(graph, at);
  const nearby = (a: number, step: number): void => {
    for (let s = start[a]!; s < start[a + 1]!; s++) freeNear[nbr[s]!]! += step;
  };
  const pair = (a: number, b: number, weight: number): void => {
    if (at[2 * a] === -1) {
      freeOn[sideOf(a)]!--;
      nearby(a, -1);
    }
    if (at[2 * b] === -1) {
      freeOn[sideOf(b)]!--;
      nearby(b, -1);
    }
    at[2 * a] = b;
    at[2 * b] = a;
    at[2 * a + 1] = weight;
    at[2 * b + 1] = weight;
  };
  const release = (a: number): void => {
    if (at[2 * a] !== -1) {
      freeOn[sideOf(a)]!++;
      nearby(a, 1);
    }
    at[2 * a] = -1;
    at[2 * a + 1] = 0;
  };

  let moves = 0;
  let rounds = 0;
  while (size > 0 && rounds < maxRounds) {
    rounds++;
    nextSize = 0;
    for (let q = 0; q < size; q++) {
      const u = current[q]!;
      queued[u] = 0;
    }
    for (let q = 0; q < size; q++) {
      const u = current[q]!;
      if (at[2 * u] === -1) {
        // Best augmenting move, else best steal.
        let augGain = Number.NEGATIVE_INFINITY;
        let augX = -1;
        let augZ = -1;
        let augW1 = 0;
        let augW2 = 0;
        let stealGain = 0;
        let stealX = -1;
        let stealW = 0;
        const canAugment = side === undefined ? freeOn[0]! >= 2 : freeOn[1 - side[u]!]! > 0;
        for (let s = start[u]!; s < start[u + 1]!; s++) {
          const x = nbr[s]!;
          const wux = w[s]!;
          const y = at[2 * x]!;
          if (y === -1) {
            if (wux > augGain) {
              augGain = wux;
              augX = x;
              augZ = -1;
              augW1 = wux;
            }
            continue;
          }
          const wxy = at[2 * x + 1]!;
          if (wux - wxy > stealGain) {
            stealGain = wux - wxy;
            stealX = x;
            stealW = wux;
          }
          if (!canAugment || freeNear[y] === 0) continue;
          for (let s2 = start[y]!; s2 < start[y + 1]!; s2++) {
            const z = nbr[s2]!;
            if (z === u || at[2 * z] !== -1) continue;
            const gain = wux + w[s2]! - wxy;
            if (gain > augGain) {
              augGain = gain;
              augX = x;
              augZ = z;
              augW1 = wux;
              augW2 = w[s2]!;
            }
          }
        }
        if (augX >= 0) {
          if (augZ === -1) {
            pair(u, augX, augW1);
          } else {
            const y = at[2 * augX]!;
            pair(u, augX, augW1);
            pair(y, augZ, augW2);
            push(y);
            push(augZ);
          }
          push(u);
          push(augX);
          moves++;
        } else if (stealX >= 0) {
          const y = at[2 * stealX]!;
          release(y);
          pair(u, stealX, stealW);
          push(y);
          push(u);
          push(stealX);
          moves++;
        }
        continue;
      }

      // u is matched to v: best 2-opt swap, or leave v for a free neighbour that scores more.
      const v = at[2 * u]!;
      const wuv = at[2 * u + 1]!;
      let bestGain = 0;
      let bestC = -1;
      let bestWuc = 0;
      let bestWvd = 0;
      for (let s = start[u]!; s < start[u + 1]!; s++) {
        const c = nbr[s]!;
        if (c === v) continue;
        const wuc = w[s]!;
        const d = at[2 * c]!;
        if (d === -1) {
          const gain = wuc - wuv;
          if (gain > bestGain) {
            bestGain = gain;
            bestC = c;
            bestWuc = wuc;
            bestWvd = -1;
          }
          continue;
        }
        if (d === u) continue;
        const wcd = at[2 * c + 1]!;
        if (wuc + maxWeight - wuv - wcd <= bestGain) continue;
        const wvd = problem.weight(v, d);
        if (wvd < 0) continue;
        const gain = wuc + wvd - wuv - wcd;
        if (gain > bestGain) {
          bestGain = gain;
          bestC = c;
          bestWuc = wuc;
          bestWvd = wvd;
        }
      }
      if (bestC >= 0) {
        const d = at[2 * bestC]!;
        if (d === -1) {
          release(v);
          pair(u, bestC, bestWuc);
          push(v);
        } else {
          pair(u, bestC, bestWuc);
          pair(v, d, bestWvd);
          push(v);
          push(d);
        }
        push(u);
        push(bestC);
        moves++;
      }
    }
    const swap = current;
    current = next;
    next = swap;
    size = nextSize;
  }
  writeBack(at, matching);
  return { rounds, moves };
}

// Set-up and write-back loops in functions of their own: each runs once per call over every node, and V8 compiles
// long loops on the fly, best one function at a time (a loop that ends inside the search's function would leave the
// code after it running unoptimised until that is compiled too).

function interleave(matching: Matching): Int32Array {
  const n = matching.mate.length;
  const at = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    at[2 * i] = matching.mate[i]!;
    at[2 * i + 1] = matching.mateW[i]!;
  }
  return at;
}

function writeBack(at: Int32Array, matching: Matching): void {
  for (let i = 0; i < matching.mate.length; i++) {
    matching.mate[i] = at[2 * i]!;
    matching.mateW[i] = at[2 * i + 1]!;
  }
}

/**
 * Free nodes first: adding pairs matters more than polishing scores. A paired node starts on the list only if some
 * candidate beats its current pair; the others are reached when a neighbour's move touches them. At 100k this cuts a
 * third of the search and, measured, loses nothing. Returns the list's length.
 */
function initialWorklist(graph: CandidateGraph, at: Int32Array, list: Int32Array): number {
  const { n, start, w } = graph;
  let size = 0;
  for (let i = 0; i < n; i++) if (at[2 * i] === -1) list[size++] = i;
  for (let i = 0; i < n; i++) {
    if (at[2 * i] === -1) continue;
    for (let s = start[i]!; s < start[i + 1]!; s++) {
      if (w[s]! > at[2 * i + 1]!) {
        list[size++] = i;
        break;
      }
    }
  }
  return size;
}

function freeNeighbours(graph: CandidateGraph, at: Int32Array): Int32Array {
  const { n, start, nbr } = graph;
  const near = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (at[2 * i] !== -1) continue;
    for (let s = start[i]!; s < start[i + 1]!; s++) near[nbr[s]!]!++;
  }
  return near;
}

/** Keeps the `size` best (gain, node) entries seen, best first. */
function keepBest(
  gains: Float64Array,
  nodes: Int32Array,
  count: number,
  size: number,
  gain: number,
  node: number,
): number {
  if (count === size && gain <= gains[size - 1]!) return count;
  let i = count < size ? count++ : size - 1;
  while (i > 0 && gains[i - 1]! < gain) {
    gains[i] = gains[i - 1]!;
    nodes[i] = nodes[i - 1]!;
    i--;
  }
  gains[i] = gain;
  nodes[i] = node;
  return count;
}

/**
 * Three-pair exchanges (an alternating 6-cycle): (u–v, c–d, e–f) → (u–c, d–e, f–v). 2-opt stalls when fixing one
 * weak pair needs two other pairs to move, as when one team holds 40 % of the pool. Each step keeps only the `width`
 * most promising partners, so a pass costs O(n · width · degree) with f–v scored on the fly.
 */
export function improveWithCycles(problem: PairProblem, graph: CandidateGraph, matching: Matching, width = 8): number {
  const { n, start, nbr, w } = graph;
  const { mate, mateW } = matching;
  const maxWeight = problem.maxWeight;
  const firstGain = new Float64Array(width);
  const firstNode = new Int32Array(width);
  const secondGain = new Float64Array(width);
  const secondNode = new Int32Array(width);
  let moves = 0;
  for (let u = 0; u < n; u++) {
    const v = mate[u]!;
    if (v < 0) continue;
    const wuv = mateW[u]!;
    let firstCount = 0;
    for (let s = start[u]!; s < start[u + 1]!; s++) {
      const c = nbr[s]!;
      const d = mate[c]!;
      if (c === v || d < 0 || d === u || d === v) continue;
      firstCount = keepBest(firstGain, firstNode, firstCount, width, w[s]! - mateW[c]!, c);
    }
    let best = 0;
    let bestC = -1;
    let bestE = -1;
    let bestWde = 0;
    let bestWfv = 0;
    for (let i = 0; i < firstCount; i++) {
      const g1 = firstGain[i]!;
      if (g1 + 2 * maxWeight - wuv <= best) break;
      const c = firstNode[i]!;
      const d = mate[c]!;
      let secondCount = 0;
      for (let s = start[d]!; s < start[d + 1]!; s++) {
        const e = nbr[s]!;
        const f = mate[e]!;
        if (f < 0 || e === c || e === u || e === v || f === u || f === v || f === c) continue;
        secondCount = keepBest(secondGain, secondNode, secondCount, width, w[s]! - mateW[e]!, e);
      }
      for (let j = 0; j < secondCount; j++) {
        const g2 = secondGain[j]!;
        if (g1 + g2 + maxWeight - wuv <= best) break;
        const e = secondNode[j]!;
        const f = mate[e]!;
        const wfv = problem.weight(f, v);
        if (wfv < 0) continue;
        const gain = g1 + g2 + wfv - wuv;
        if (gain > best) {
          best = gain;
          bestC = c;
          bestE = e;
          bestWde = g2 + mateW[e]!;
          bestWfv = wfv;
        }
      }
    }
    if (bestC < 0) continue;
    const c = bestC;
    const d = mate[c]!;
    const e = bestE;
    const f = mate[e]!;
    const wuc = weightInRow(graph, u, c);
    mate[u] = c;
    mate[c] = u;
    mateW[u] = mateW[c] = wuc;
    mate[d] = e;
    mate[e] = d;
    mateW[d] = mateW[e] = bestWde;
    mate[f] = v;
    mate[v] = f;
    mateW[f] = mateW[v] = bestWfv;
    moves++;
  }
  return moves;
}

function weightInRow(graph: CandidateGraph, a: number, b: number): number {
  for (let s = graph.start[a]!; s < graph.start[a + 1]!; s++) if (graph.nbr[s] === b) return graph.w[s]!;
  return 0;
}
