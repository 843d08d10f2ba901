/**
 * One scale measurement in a fresh process, so its peak RSS belongs to that size alone:
 *   node --expose-gc bench/matching/measure.ts <n> <runs> <seed> [groupSize]
 * Generates the default organisation with 12 weeks of naive history, then runs `matchRound` `runs` times with
 * different round seeds (gc between runs). Prints one JSON line. Peak RSS is read before the bounds are computed.
 * Pairs (groupSize 2) also replay the sparse pipeline phase by phase and compare with upper bounds; groups of 3–4
 * are compared with random groups of the same sizes instead.
 * CPU time is process-wide (it includes V8's helper threads), so it can exceed the wall time.
 */

import os from 'node:os';
import { greedyMatching } from '../../src/matching/greedy.ts';
import { groupSizes } from '../../src/matching/groups.ts';
import { createRng, shuffleInPlace } from '../../src/matching/hash.ts';
import { improveMatching } from '../../src/matching/local-search.ts';
import { matchRound } from '../../src/matching/match.ts';
import { buildPool } from '../../src/matching/pool.ts';
import { peopleProblem } from '../../src/matching/problem.ts';
import { repairLeftovers } from '../../src/matching/repair.ts';
import { sparseGraph } from '../../src/matching/sparse-candidates.ts';
import type { RoundInput } from '../../src/matching/types.ts';
import { allowedPartnerCounts, createScorer } from '../../src/matching/weights.ts';
import { randomShuffle } from './baselines.ts';
import { generateOrg, naiveHistory } from './generator.ts';
import { classBound, lpBound, measureGroups } from './metrics.ts';

const DATE = '2025-06-02';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number): number => Math.round(bytes / 1048576);

function main(): void {
  const n = Number(process.argv[2]);
  const runs = Number(process.argv[3] ?? 5);
  const seed = Number(process.argv[4] ?? 1);
  const groupSize = Number(process.argv[5] ?? 2);
  const startRss = mb(process.memoryUsage().rss);
  const members = generateOrg({ n, seed });
  const history = naiveHistory(members, 12, DATE, seed);
  gc();
  const inputRss = mb(process.memoryUsage().rss);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let last: ReturnType<typeof matchRound> | undefined;
  for (let r = 0; r < runs; r++) {
    gc();
    const input: RoundInput = { members, history, date: DATE, seed: `round-${r}`, groupSize };
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = matchRound(input);
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const peakRss = Math.round(process.resourceUsage().maxRSS / 1024);
  // What every measurement line reports about the timed rounds and memory.
  const timed = { n, runs, times, cpuTimes, loadAverage: os.loadavg()[0], startRss, inputRss, peakRss };
  last = last!;
  if (groupSize > 2) {
    // Scored with the last round's own seed, so the jitter it optimised is the jitter counted.
    const pool = buildPool({ members, history, date: DATE, seed: `round-${runs - 1}`, groupSize });
    const scorer = createScorer(pool);
    const index = new Map(pool.ids.map((id, i) => [id, i]));
    const ours = measureGroups(
      scorer,
      last.groups.map((g) => g.members.map((id) => index.get(id)!)),
    );
    const order = shuffleInPlace(
      Array.from({ length: n }, (_, i) => i),
      createRng(seed),
    );
    const random: number[][] = [];
    for (const size of groupSizes(n, groupSize)) random.push(order.splice(0, size));
    const line = {
      ...timed,
      groupSize,
      ours,
      random: measureGroups(scorer, random),
      stats: last.stats,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }

  // Phase timings of one more round, replaying the sparse pipeline step by step.
  const phases: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    phases[name] = Math.round(now - t);
    t = now;
  };
  const pool = buildPool({ members, history, date: DATE, seed: 'phases' });
  lap('pool+history');
  const scorer = createScorer(pool);
  allowedPartnerCounts(pool);
  const nodes = new Int32Array(n);
  for (let i = 0; i < n; i++) nodes[i] = i;
  const problem = peopleProblem(scorer, nodes);
  lap('scorer');
  const graph = sparseGraph(problem, pool.config.candidatesPerMember, createRng(pool.config.seed));
  lap('candidates');
  const matching = greedyMatching(graph);
  lap('greedy');
  let freeAfterGreedy = 0;
  for (const m of matching.mate) if (m < 0) freeAfterGreedy++;
  const ls = improveMatching(problem, graph, matching);
  lap('local search');
  let freeAfterSearch = 0;
  for (const m of matching.mate) if (m < 0) freeAfterSearch++;
  repairLeftovers(problem, matching);
  lap('repair');

  // Quality of the last timed round against bounds, and the random shuffle for context.
  const index = new Map(pool.ids.map((id, i) => [id, i]));
  const ours = measureGroups(
    scorer,
    last.groups.map((g) => g.members.map((id) => index.get(id)!)),
  );
  const random = measureGroups(scorer, randomShuffle(n, seed));
  const bounds: Record<string, number> = { class: classBound(scorer) };
  if (n <= 10_000) bounds.lp = lpBound(scorer);
  process.stdout.write(
    `${JSON.stringify({
      ...timed,
      phases,
      edges: graph.nbr.length / 2,
      freeAfterGreedy,
      freeAfterSearch,
      localSearch: ls,
      ours,
      random,
      bounds,
      stats: last.stats,
    })}\n`,
  );
}

main();
