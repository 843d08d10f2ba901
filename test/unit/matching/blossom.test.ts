import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { maxWeightMatching } from '../../../src/matching/blossom.ts';
import { createRng } from '../../../src/matching/hash.ts';

interface Graph {
  n: number;
  edges: [number, number, number][];
}

/** Maximum matching weight by dynamic programming over vertex subsets: the oracle, O(2^n · n). */
function bruteForceWeight({ n, edges }: Graph): number {
  const w: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [a, b, weight] of edges) {
    w[a]![b] = Math.max(w[a]![b]!, weight);
    w[b]![a] = Math.max(w[b]![a]!, weight);
  }
  const memo = new Map<number, number>();
  const best = (mask: number): number => {
    if (mask === 0) return 0;
    const cached = memo.get(mask);
    if (cached !== undefined) return cached;
    const i = 31 - Math.clz32(mask & -mask);
    const rest = mask & ~(1 << i);
    let value = best(rest);
    for (let j = 0; j < n; j++) {
      if (rest & (1 << j) && w[i]![j]! > 0) value = Math.max(value, w[i]![j]! + best(rest & ~(1 << j)));
    }
    memo.set(mask, value);
    return value;
  };
  return best((1 << n) - 1);
}

/** Checks the matching is valid for the graph and returns its weight. */
function matchingWeight({ n, edges }: Graph, mate: Int32Array): number {
  const weightOf = new Map<number, number>();
  for (const [a, b, weight] of edges) {
    const key = Math.min(a, b) * n + Math.max(a, b);
    weightOf.set(key, Math.max(weightOf.get(key) ?? 0, weight));
  }
  let total = 0;
  for (let v = 0; v < n; v++) {
    const u = mate[v]!;
    if (u === -1) continue;
    expect(mate[u]).toBe(v);
    const weight = weightOf.get(Math.min(u, v) * n + Math.max(u, v));
    expect(weight).toBeDefined();
    if (v < u) total += weight!;
  }
  return total;
}

function solve(graph: Graph): Int32Array {
  return maxWeightMatching(
    graph.n,
    graph.edges.map((e) => e[0]),
    graph.edges.map((e) => e[1]),
    graph.edges.map((e) => e[2]),
  );
}

function randomGraph(seed: number, maxN: number): Graph {
  const rng = createRng(seed);
  const n = 1 + rng.below(maxN);
  const density = rng.below(101) / 100;
  const maxWeight = [1, 2, 3, 10, 1000, 1_000_000][rng.below(6)]!;
  const edges: [number, number, number][] = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (rng.below(1000) < density * 1000) edges.push([a, b, 1 + rng.below(maxWeight)]);
    }
  }
  return { n, edges };
}

const graphArbitrary = fc.integer({ min: 0, max: 12 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges:
      n < 2
        ? fc.constant<[number, number, number][]>([])
        : fc.array(
            fc
              .tuple(
                fc.integer({ min: 0, max: n - 1 }),
                fc.integer({ min: 0, max: n - 1 }),
                fc.integer({ min: 1, max: 20 }),
              )
              .filter(([a, b]) => a !== b),
            { maxLength: 40 },
          ),
  }),
);

describe('maxWeightMatching (Edmonds blossom)', () => {
  test('matches the brute-force optimum on random graphs (fast-check)', () => {
    fc.assert(
      fc.property(graphArbitrary, (graph) => {
        expect(matchingWeight(graph, solve(graph))).toBe(bruteForceWeight(graph));
      }),
      { numRuns: 400 },
    );
  });

  test('matches the brute-force optimum on 3,000 seeded random graphs of up to 14 vertices, ties included', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const graph = randomGraph(seed, 14);
      const got = matchingWeight(graph, solve(graph));
      const want = bruteForceWeight(graph);
      if (got !== want) throw new Error(`seed ${seed}: got ${got}, optimum ${want}`);
    }
  });

  test('prefers one heavy edge over two light ones (maximum weight, not maximum cardinality)', () => {
    const mate = solve({
      n: 4,
      edges: [
        [0, 1, 1],
        [1, 2, 3],
        [2, 3, 1],
      ],
    });
    expect(Array.from(mate)).toEqual([-1, 2, 1, -1]);
  });

  test('finds the augmenting path through an odd cycle (a blossom)', () => {
    // A heavy triangle 0-1-2 with a pendant on each corner: the optimum leaves the triangle for the three pendants.
    const graph: Graph = {
      n: 6,
      edges: [
        [0, 1, 6],
        [1, 2, 6],
        [0, 2, 6],
        [0, 3, 5],
        [2, 4, 5],
        [1, 5, 5],
      ],
    };
    expect(matchingWeight(graph, solve(graph))).toBe(bruteForceWeight(graph));
    expect(matchingWeight(graph, solve(graph))).toBe(15);
  });

  test('handles empty and edgeless graphs, and rejects self-loops', () => {
    expect(Array.from(maxWeightMatching(0, [], [], []))).toEqual([]);
    expect(Array.from(maxWeightMatching(3, [], [], []))).toEqual([-1, -1, -1]);
    expect(() => maxWeightMatching(2, [1], [1], [5])).toThrow(RangeError);
  });
});
