/**
 * Runs one exact reference in its own process, so the parent can enforce a time budget by killing it:
 *   node bench/matching/exact-worker.ts '<json spec>' complete|sparse|pipeline [k]
 * complete: blossom on every allowed pair (pairs first, then fewest cooldown repeats, then score);
 * sparse: blossom on the same sparse candidate graph the heuristic gets; pipeline: matchRound with solver 'exact'.
 * Prints { ms, groups } with groups as pool indices.
 */

import { exactMatching, exactOnGraph } from '../../src/matching/exact.ts';
import { createRng } from '../../src/matching/hash.ts';
import { matchRound } from '../../src/matching/match.ts';
import { buildPool } from '../../src/matching/pool.ts';
import { peopleProblem } from '../../src/matching/problem.ts';
import { sparseGraph } from '../../src/matching/sparse-candidates.ts';
import { createScorer } from '../../src/matching/weights.ts';
import { matchingToGroups } from './baselines.ts';
import { type ScenarioSpec, scenarioInput } from './scenarios.ts';

const spec = JSON.parse(process.argv[2]!) as ScenarioSpec;
const mode = process.argv[3];
const k = Number(process.argv[4] ?? 10);
const input = scenarioInput(spec);
const pool = buildPool(input);
const scorer = createScorer(pool);
const nodes = new Int32Array(pool.n);
for (let i = 0; i < pool.n; i++) nodes[i] = i;
const problem = peopleProblem(scorer, nodes);
let groups: number[][];
let ms: number;
if (mode === 'pipeline') {
  const t0 = performance.now();
  const result = matchRound({ ...input, solver: 'exact' });
  ms = performance.now() - t0;
  const index = new Map(pool.ids.map((id, i) => [id, i]));
  groups = result.groups.map((g) => g.members.map((id) => index.get(id)!));
} else if (mode === 'sparse') {
  const graph = sparseGraph(problem, k, createRng(spec.seed));
  const t0 = performance.now();
  const matching = exactOnGraph(graph, scorer.maxWeight);
  ms = performance.now() - t0;
  groups = matchingToGroups(matching, spec.seed);
} else {
  const t0 = performance.now();
  const matching = exactMatching(problem);
  ms = performance.now() - t0;
  groups = matchingToGroups(matching, spec.seed);
}
process.stdout.write(`${JSON.stringify({ ms, groups })}\n`);
