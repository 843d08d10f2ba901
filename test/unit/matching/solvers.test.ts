import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { completeGraph, graphFromEdges } from '../../../src/matching/candidates.ts';
import { exactMatching } from '../../../src/matching/exact.ts';
import type { Matching } from '../../../src/matching/greedy.ts';
import { greedyMatching } from '../../../src/matching/greedy.ts';
import { createRng } from '../../../src/matching/hash.ts';
import { improveMatching, improveWithCycles } from '../../../src/matching/local-search.ts';
import type { PairProblem } from '../../../src/matching/problem.ts';
import { repairLeftovers } from '../../../src/matching/repair.ts';
import { solvePairs } from '../../../src/matching/solve-pairs.ts';
import { sparseGraph } from '../../../src/matching/sparse-candidates.ts';

/** A random problem: weights 1..100 on allowed pairs, some pairs forbidden, some only allowed when relaxed. */
function randomProblem(seed: number, n: number, forbidShare: number, cooldownShare: number): PairProblem {
  const rng = createRng(seed);
  const weight = new Int32Array(n * n);
  const tier = new Int32Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const roll = rng.below(1000) / 1000;
      const w = roll < forbidShare ? -1 : 1 + rng.below(100);
      const t = w > 0 && rng.below(1000) / 1000 < cooldownShare ? 1 + rng.below(3) : 0;
      weight[a * n + b] = weight[b * n + a] = w;
      tier[a * n + b] = tier[b * n + a] = t;
    }
  }
  return {
    n,
    weight: (a, b) => (a === b || tier[a * n + b]! > 0 ? -1 : weight[a * n + b]!),
    relaxed: (a, b) => (a === b ? -1 : weight[a * n + b]!),
    tier: (a, b) => tier[a * n + b]!,
    maxWeight: 100,
    maxTier: 3,
    zoneStart: (a) => (a * 97) % 1440,
    sameTeam: (a, b) => a % 5 === b % 5,
  };
}

function check(problem: PairProblem, matching: Matching): { pairs: number; weight: number } {
  let pairs = 0;
  let weight = 0;
  for (let a = 0; a < problem.n; a++) {
    const b = matching.mate[a]!;
    if (b < 0) continue;
    expect(matching.mate[b]).toBe(a);
    const w = problem.relaxed(a, b);
    expect(w).toBeGreaterThan(0);
    expect(matching.mateW[a]).toBe(w);
    if (a < b) {
      pairs++;
      weight += w;
    }
  }
  return { pairs, weight };
}

describe('pairing solvers', () => {
  test('exact, dense and sparse all return valid matchings of allowed pairs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(0, 0.3, 0.8),
        fc.constantFrom(0, 0.2),
        (seed, n, forbid, cooldown) => {
          const problem = randomProblem(seed, n, forbid, cooldown);
          for (const solver of ['exact', 'dense', 'sparse'] as const) {
            check(problem, solvePairs(problem, solver, 4, createRng(seed)).matching);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  test('the exact solver puts pair count first, then fewest cooldown repeats, then score', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const problem = randomProblem(seed, 12, 0.5, 0.3);
      const exact = exactMatching(problem);
      const got = check(problem, exact);
      // Brute force over all matchings of 12 nodes on the same lexicographic key.
      let best: [number, number, number] = [0, 0, 0];
      const used = new Uint8Array(12);
      const go = (pairs: number, tiers: number, weight: number): void => {
        let i = 0;
        while (i < 12 && used[i]) i++;
        if (i === 12) {
          const key: [number, number, number] = [pairs, -tiers, weight];
          if (
            key[0] > best[0] ||
            (key[0] === best[0] && (key[1] > best[1] || (key[1] === best[1] && key[2] > best[2])))
          ) {
            best = key;
          }
          return;
        }
        used[i] = 1;
        go(pairs, tiers, weight);
        for (let j = i + 1; j < 12; j++) {
          if (used[j] || problem.relaxed(i, j) < 0) continue;
          used[j] = 1;
          go(pairs + 1, tiers + problem.tier(i, j), weight + problem.relaxed(i, j));
          used[j] = 0;
        }
        used[i] = 0;
      };
      go(0, 0, 0);
      let tiers = 0;
      for (let a = 0; a < 12; a++) if (exact.mate[a]! > a) tiers += problem.tier(a, exact.mate[a]!);
      expect([got.pairs, -tiers, got.weight]).toEqual(best);
    }
  });

  test('greedy + local search on every pair stays within 2 % of the exact score on random graphs', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const problem = randomProblem(seed, 80, 0.2, 0);
      const exact = check(problem, exactMatching(problem));
      const graph = completeGraph(problem);
      const matching = greedyMatching(graph);
      improveMatching(problem, graph, matching);
      repairLeftovers(problem, matching);
      const ours = check(problem, matching);
      expect(ours.pairs).toBe(exact.pairs);
      expect(ours.weight).toBeGreaterThanOrEqual(0.98 * exact.weight);
    }
  });

  test('greedy is the heaviest-edge-first matching, ties going to the smaller node indices', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rng = createRng(seed);
      const n = 4 + rng.below(40);
      const ea: number[] = [];
      const eb: number[] = [];
      const ew: number[] = [];
      for (let a = 0; a < n; a++) {
        for (let b = a + 1; b < n; b++) {
          if (rng.below(100) >= 30) continue;
          ea.push(a);
          eb.push(b);
          ew.push(1 + rng.below(seed % 2 === 0 ? 4 : 100)); // many ties on even seeds
        }
      }
      const graph = graphFromEdges(n, Int32Array.from(ea), Int32Array.from(eb), Int32Array.from(ew), ea.length);
      const order = ea.map((_, e) => e).sort((p, q) => ew[q]! - ew[p]! || ea[p]! - ea[q]! || eb[p]! - eb[q]!);
      const expected = new Int32Array(n).fill(-1);
      for (const e of order) {
        if (expected[ea[e]!]! >= 0 || expected[eb[e]!]! >= 0) continue;
        expected[ea[e]!] = eb[e]!;
        expected[eb[e]!] = ea[e]!;
      }
      expect(Array.from(greedyMatching(graph).mate)).toEqual(Array.from(expected));
    }
  });

  test('three-pair exchanges keep a valid matching and never lower its score', () => {
    let moved = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const problem = randomProblem(seed, 120, 0.3, 0.1);
      const graph = completeGraph(problem);
      const matching = greedyMatching(graph);
      improveMatching(problem, graph, matching);
      const before = check(problem, matching);
      moved += improveWithCycles(problem, graph, matching, 4);
      const after = check(problem, matching);
      expect(after.pairs).toBe(before.pairs);
      expect(after.weight).toBeGreaterThanOrEqual(before.weight);
    }
    expect(moved).toBeGreaterThan(0);
  });

  test('sparse candidates contain only allowed pairs, each once', () => {
    const problem = randomProblem(3, 300, 0.1, 0.1);
    const graph = sparseGraph(problem, 5, createRng(9));
    const seen = new Set<number>();
    for (let a = 0; a < graph.n; a++) {
      for (let s = graph.start[a]!; s < graph.start[a + 1]!; s++) {
        const b = graph.nbr[s]!;
        expect(problem.weight(a, b)).toBe(graph.w[s]);
        const key = a * 300 + b;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
    expect(seen.size).toBeGreaterThan(300 * 5);
  });
});
