/**
 * The matching benchmark: `npm run bench:matching` (full, the numbers in docs/benchmarks.md) or
 * `npm run bench:matching -- --quick` (smaller sizes, a couple of minutes). `--only=scenarios,seeds,sparse,scale,
 * groups,fairness,determinism` runs a subset. Exact references run in child processes behind a time budget.
 */

import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { greedyMatching } from '../../src/matching/greedy.ts';
import { createRng, shuffleInPlace } from '../../src/matching/hash.ts';
import { improveMatching } from '../../src/matching/local-search.ts';
import { matchRound } from '../../src/matching/match.ts';
import { buildPool } from '../../src/matching/pool.ts';
import { type PairProblem, peopleProblem } from '../../src/matching/problem.ts';
import { repairLeftovers } from '../../src/matching/repair.ts';
import { sparseGraph } from '../../src/matching/sparse-candidates.ts';
import { createScorer, type Scorer } from '../../src/matching/weights.ts';
import {
  type Groups,
  greedyAllPairs,
  greedySparse,
  matchingToGroups,
  randomShuffle,
  randomWithRestarts,
} from './baselines.ts';
import { measureGroups, type Quality } from './metrics.ts';
import { type ScenarioSpec, scenarioInput, scenarios } from './scenarios.ts';
import { simulate } from './simulate.ts';
import { ms, pct, quantile, table } from './table.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg === undefined ? undefined : new Set(onlyArg.slice('--only='.length).split(','));
const wants = (section: string): boolean => only === undefined || only.has(section);
const EXACT_BUDGET_MS = quick ? 60_000 : 240_000;
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const K = 10;

const timingHeaders = ['median', 'p95', 'min–max', 'median CPU', 'load avg', 'peak RSS'];

/** The table cells every scale row shares: median, p95 and range of wall time, median CPU, load, peak memory. */
function timingCells(m: { times: number[]; cpuTimes: number[]; loadAverage: number; peakRss: number }): string[] {
  return [
    ms(quantile(m.times, 0.5)),
    ms(quantile(m.times, 0.95)),
    `${ms(Math.min(...m.times))}–${ms(Math.max(...m.times))}`,
    ms(quantile(m.cpuTimes, 0.5)),
    m.loadAverage.toFixed(1),
    `${m.peakRss} MB`,
  ];
}

function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

function child(
  script: string,
  childArgs: string[],
  timeoutMs: number,
): { json?: unknown; timedOut: boolean; ms: number } {
  const t0 = performance.now();
  const out = spawnSync(process.execPath, ['--expose-gc', here(script), ...childArgs], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 512 * 1024 * 1024,
  });
  const elapsed = performance.now() - t0;
  if (out.error !== undefined || out.status !== 0) {
    const timedOut = (out.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || out.signal !== null;
    if (!timedOut) process.stderr.write(`${script} failed: ${out.stderr}\n`);
    return { timedOut, ms: elapsed };
  }
  return { json: JSON.parse(out.stdout), timedOut: false, ms: elapsed };
}

function allNodes(n: number): Int32Array {
  const nodes = new Int32Array(n);
  for (let i = 0; i < n; i++) nodes[i] = i;
  return nodes;
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

interface Row {
  method: string;
  quality: Quality;
  time: number | string;
}

function meanQuality(list: readonly Quality[]): Quality {
  const mean = {} as Quality;
  for (const key of Object.keys(list[0]!) as (keyof Quality)[]) {
    mean[key] = list.reduce((s, q) => s + q[key], 0) / list.length;
  }
  return mean;
}

function idsToGroups(pool: { ids: readonly string[] }, groups: readonly { members: string[] }[]): Groups {
  const index = new Map(pool.ids.map((id, i) => [id, i]));
  return groups.map((g) => g.members.map((id) => index.get(id)!));
}

function sparseOurs(problem: PairProblem, seed: number): { groups: Groups; time: number; edges: number } {
  const t0 = performance.now();
  const graph = sparseGraph(problem, K, createRng(seed));
  const matching = greedyMatching(graph);
  improveMatching(problem, graph, matching);
  repairLeftovers(problem, matching);
  const time = performance.now() - t0;
  return { groups: matchingToGroups(matching, seed), time, edges: graph.nbr.length / 2 };
}

function machine(): void {
  const cpus = os.cpus();
  print(
    `machine: ${cpus.length} logical CPUs (${cpus[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
  );
  print(`node ${process.version}; mode: ${quick ? 'quick' : 'full'}; exact budget ${ms(EXACT_BUDGET_MS)} per run`);
  print(
    `load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (other work on the machine slows wall times)`,
  );
  print();
}

function scenarioSection(): void {
  print('## Scenarios: every method on the same round');
  print();
  print('Objective = sum of pair scores inside groups (points × 100). "% of ref" is against the exact optimum;');
  print('"gain" = (method − random) / (exact − random). Random rows are the mean of 5 shuffles.');
  print();
  for (const spec of scenarios(quick)) {
    const input = scenarioInput(spec);
    const pool = buildPool(input);
    const scorer = createScorer(pool);
    const problem = peopleProblem(scorer, allNodes(pool.n));
    const rows: Row[] = [];
    const shuffles = [1, 2, 3, 4, 5].map((s) => timed(() => randomShuffle(pool.n, s)));
    rows.push({
      method: 'random shuffle (TSE-Muffin)',
      quality: meanQuality(shuffles.map(([g]) => measureGroups(scorer, g))),
      time: shuffles.reduce((s, [, t]) => s + t, 0) / shuffles.length,
    });
    const [restarts, tRestarts] = timed(() => randomWithRestarts(problem, 1));
    rows.push({
      method: 'random + 50 restarts (coffeeomatic)',
      quality: measureGroups(scorer, restarts),
      time: tRestarts,
    });
    const [greedy, tGreedy] = timed(() => greedyAllPairs(problem, 1));
    rows.push({ method: 'greedy, all pairs (doughnut)', quality: measureGroups(scorer, greedy), time: tGreedy });
    const [sparse, tSparse] = timed(() => greedySparse(problem, K, spec.seed));
    rows.push({ method: `greedy, sparse k=${K} + repair`, quality: measureGroups(scorer, sparse), time: tSparse });
    const [ours, tOurs] = timed(() => matchRound(input));
    rows.push({
      method: `ours (${ours.stats.solver})`,
      quality: measureGroups(scorer, idsToGroups(pool, ours.groups)),
      time: tOurs,
    });
    const exactMode = pool.n % 2 === 1 ? 'pipeline' : 'complete';
    const exact = child('./exact-worker.ts', [JSON.stringify(spec), exactMode], EXACT_BUDGET_MS);
    let ref: number | undefined;
    if (exact.json !== undefined) {
      const { ms: exactMs, groups } = exact.json as { ms: number; groups: Groups };
      const quality = measureGroups(scorer, groups);
      ref = quality.objective;
      rows.push({
        method: `exact blossom (${exactMode === 'pipeline' ? 'trio + exact rest' : 'complete graph'})`,
        quality,
        time: exactMs,
      });
    } else {
      rows.push({ method: 'exact blossom', quality: rows[0]!.quality, time: `> ${ms(EXACT_BUDGET_MS)} (skipped)` });
    }
    const random = rows[0]!.quality.objective;
    print(`### ${spec.id}: ${spec.title}`);
    print();
    print(
      table(
        [
          'method',
          '% of exact',
          'gain',
          'repeats ≤ cooldown',
          'met before',
          'cross-team',
          'no shared hours',
          'trios',
          'time',
        ],
        rows.map((r) => {
          const q = r.quality;
          const skipped = typeof r.time === 'string';
          return [
            r.method,
            ref === undefined || skipped ? '–' : pct(q.objective / ref, 2),
            ref === undefined || skipped ? '–' : pct((q.objective - random) / (ref - random), 1),
            skipped ? '–' : q.repeatsCooldown.toFixed(q.repeatsCooldown % 1 ? 1 : 0),
            skipped ? '–' : q.repeatsEver.toFixed(q.repeatsEver % 1 ? 1 : 0),
            skipped ? '–' : pct(q.crossTeam / q.pairs, 1),
            skipped ? '–' : `${q.noOverlap.toFixed(q.noOverlap % 1 ? 1 : 0)} (${pct(q.noOverlap / q.pairs, 1)})`,
            skipped ? '–' : q.trios.toFixed(q.trios % 1 ? 1 : 0),
            typeof r.time === 'string' ? r.time : ms(r.time),
          ];
        }),
      ),
    );
    print();
  }
}

function seedsSection(): void {
  const seeds = quick ? [0] : [0, 1, 2];
  print(
    `## Gain over random at ${scenarios(quick)[0]!.n} people on the complete graph, ${seeds.length} seeds per scenario`,
  );
  print();
  const rows: (string | number)[][] = [];
  for (const base of scenarios(quick).filter((s) => s.n % 2 === 0 && s.n > 100)) {
    const gains: Record<string, number[]> = { ours: [], sparse: [], greedy: [] };
    for (const offset of seeds) {
      const spec: ScenarioSpec = { ...base, seed: base.seed + 100 * offset };
      const input = scenarioInput(spec);
      const pool = buildPool(input);
      const scorer = createScorer(pool);
      const problem = peopleProblem(scorer, allNodes(pool.n));
      const exact = child('./exact-worker.ts', [JSON.stringify(spec), 'complete'], EXACT_BUDGET_MS);
      if (exact.json === undefined) continue;
      const ref = measureGroups(scorer, (exact.json as { groups: Groups }).groups).objective;
      const random = meanQuality([1, 2, 3, 4, 5].map((s) => measureGroups(scorer, randomShuffle(pool.n, s)))).objective;
      const gain = (groups: Groups): number => (measureGroups(scorer, groups).objective - random) / (ref - random);
      gains.ours!.push(gain(idsToGroups(pool, matchRound(input).groups)));
      gains.sparse!.push(gain(idsToGroups(pool, matchRound({ ...input, solver: 'sparse' }).groups)));
      gains.greedy!.push(gain(greedyAllPairs(problem, 1)));
    }
    const cell = (list: number[]): string =>
      list.length === 0 ? '–' : `${pct(Math.min(...list))} / ${pct(list.reduce((a, b) => a + b, 0) / list.length)}`;
    rows.push([
      `${base.id} (${base.title.split(',')[0]})`,
      cell(gains.ours!),
      cell(gains.sparse!),
      cell(gains.greedy!),
    ]);
  }
  print(table(['scenario', 'ours, auto (min / mean)', `ours, sparse k=${K}`, 'greedy, all pairs'], rows));
  print();
}

function sparseSection(): void {
  print('## Sparse candidates: ours vs the exact optimum on the same sparse graph');
  print();
  const sizes = quick ? [1000] : [1000, 2000, 5000];
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    const spec: ScenarioSpec = { id: `P${n}`, title: 'default', n, seed: 21, historyWeeks: 12 };
    const input = scenarioInput(spec);
    const pool = buildPool(input);
    const scorer: Scorer = createScorer(pool);
    const problem = peopleProblem(scorer, allNodes(n));
    const ours = sparseOurs(problem, spec.seed);
    const oursQ = measureGroups(scorer, ours.groups);
    const exact = child('./exact-worker.ts', [JSON.stringify(spec), 'sparse', String(K)], EXACT_BUDGET_MS);
    const random = meanQuality([1, 2, 3].map((s) => measureGroups(scorer, randomShuffle(n, s)))).objective;
    if (exact.json === undefined) {
      rows.push([n, ours.edges, '–', '–', ms(ours.time), `> ${ms(EXACT_BUDGET_MS)}`]);
      continue;
    }
    const { ms: exactMs, groups } = exact.json as { ms: number; groups: Groups };
    const exactQ = measureGroups(scorer, groups);
    rows.push([
      n,
      ours.edges,
      pct(oursQ.objective / exactQ.objective, 2),
      pct((oursQ.objective - random) / (exactQ.objective - random), 1),
      ms(ours.time),
      ms(exactMs),
    ]);
  }
  print(
    table(
      ['n', `edges (k=${K})`, 'ours % of exact-on-sparse', 'gain vs random', 'ours time', 'exact on sparse time'],
      rows,
    ),
  );
  print();
  print('Ours here = greedy + local search + repair on exactly the graph the exact solver gets (local search may also');
  print('score pairs outside it, so more than 100 % is possible).');
  print();
}

interface Measurement {
  n: number;
  runs: number;
  times: number[];
  cpuTimes: number[];
  loadAverage: number;
  startRss: number;
  inputRss: number;
  peakRss: number;
  phases: Record<string, number>;
  edges: number;
  freeAfterGreedy: number;
  freeAfterSearch: number;
  localSearch: { rounds: number; moves: number };
  ours: Quality;
  random: Quality;
  bounds: { class: number; lp?: number };
  stats: { solver: string; unmatched: number };
}

function scaleSection(): void {
  print('## Scale: end-to-end matchRound, default organisation with 12 weeks of history');
  print();
  const sizes = quick ? [1000, 10_000] : [1000, 10_000, 100_000];
  const runs = quick ? 3 : 5;
  const results: Measurement[] = [];
  for (const n of sizes) {
    const out = child('./measure.ts', [String(n), String(runs), '1'], 900_000);
    if (out.json === undefined) {
      print(`n=${n}: measurement failed`);
      continue;
    }
    results.push(out.json as Measurement);
  }
  print(
    table(
      [
        'n',
        'solver',
        ...timingHeaders,
        'RSS with input only',
        '% of LP bound',
        '% of class bound',
        'repeats ≤ cooldown',
        'no shared hours (ours / random)',
        'unmatched',
      ],
      results.map((m) => [
        m.n,
        m.stats.solver,
        ...timingCells(m),
        `${m.inputRss} MB`,
        m.bounds.lp === undefined ? '–' : pct(m.ours.objective / m.bounds.lp, 2),
        pct(m.ours.objective / m.bounds.class, 2),
        m.ours.repeatsCooldown,
        `${pct(m.ours.noOverlap / m.ours.pairs, 2)} / ${pct(m.random.noOverlap / m.random.pairs, 1)}`,
        m.stats.unmatched,
      ]),
    ),
  );
  print();
  print(
    `Timings are ${runs} rounds with different seeds; peak RSS is the whole process (Node, the generated input and`,
  );
  print('the rounds). "RSS with input only" is after generating the input, before matching.');
  print();
  const largest = results[results.length - 1];
  if (largest !== undefined) {
    print(`Sparse pipeline phases at n=${largest.n} (one extra round, replayed step by step):`);
    print();
    print(
      table(
        [...Object.keys(largest.phases), 'edges', 'free after greedy', 'free after local search', 'local search'],
        [
          [
            ...Object.values(largest.phases).map((x) => ms(x)),
            largest.edges,
            largest.freeAfterGreedy,
            largest.freeAfterSearch,
            `${largest.localSearch.rounds} rounds, ${largest.localSearch.moves} moves`,
          ],
        ],
      ),
    );
    print();
  }
  groupScaleSection(runs);
}

interface GroupMeasurement {
  n: number;
  groupSize: number;
  times: number[];
  cpuTimes: number[];
  loadAverage: number;
  peakRss: number;
  inputRss: number;
  ours: Quality;
  random: Quality;
  stats: { unmatched: number; groups: number };
}

function groupScaleSection(runs: number): void {
  const n = quick ? 10_000 : 100_000;
  print(`## Scale: groups of 3 and 4, end-to-end matchRound at ${n} people`);
  print();
  const rows: (string | number)[][] = [];
  for (const groupSize of [3, 4]) {
    const out = child('./measure.ts', [String(n), String(runs), '1', String(groupSize)], 900_000);
    if (out.json === undefined) {
      print(`groups of ${groupSize}: measurement failed`);
      continue;
    }
    const m = out.json as GroupMeasurement;
    rows.push([
      m.n,
      m.groupSize,
      ...timingCells(m),
      `${(m.ours.objective / m.ours.pairs).toFixed(0)} / ${(m.random.objective / m.random.pairs).toFixed(0)}`,
      `${m.ours.repeatsCooldown} / ${m.random.repeatsCooldown}`,
      `${pct(m.ours.noOverlap / m.ours.pairs, 2)} / ${pct(m.random.noOverlap / m.random.pairs, 1)}`,
      pct(m.ours.crossTeam / m.ours.pairs, 2),
      m.stats.groups,
      m.stats.unmatched,
    ]);
  }
  print(
    table(
      [
        'n',
        'group size',
        ...timingHeaders,
        'mean pair score (ours / random)',
        'repeats ≤ cooldown (ours / random)',
        'no shared hours (ours / random)',
        'cross-team',
        'groups',
        'unmatched',
      ],
      rows,
    ),
  );
  print();
  print(`Random = the same people in random groups of the same sizes. ${runs} rounds with different seeds.`);
  print();
}

function groupsSection(): void {
  print('## Groups of four (S1 organisation)');
  print();
  const spec = scenarios(quick)[0]!;
  const input = scenarioInput(spec, { groupSize: 4 });
  const pool = buildPool(input);
  const scorer = createScorer(pool);
  const randomGroups: Groups = [];
  const order = shuffleInPlace(
    Array.from({ length: pool.n }, (_, i) => i),
    createRng(5),
  );
  for (let i = 0; i < order.length; i += 4) randomGroups.push(order.slice(i, i + 4));
  const random = measureGroups(scorer, randomGroups);
  const [ours, t] = timed(() => matchRound(input));
  const q = measureGroups(scorer, idsToGroups(pool, ours.groups));
  print(
    table(
      ['method', 'mean pair score', 'repeats ≤ cooldown', 'cross-team', 'no shared hours', 'groups', 'time'],
      [
        [
          'random groups of 4',
          (random.objective / random.pairs).toFixed(0),
          random.repeatsCooldown,
          pct(random.crossTeam / random.pairs),
          pct(random.noOverlap / random.pairs),
          randomGroups.length,
          '–',
        ],
        [
          'ours (seat filling + swaps)',
          (q.objective / q.pairs).toFixed(0),
          q.repeatsCooldown,
          pct(q.crossTeam / q.pairs),
          pct(q.noOverlap / q.pairs),
          ours.groups.length,
          ms(t),
        ],
      ],
    ),
  );
  print();
}

function fairnessSection(): void {
  print('## 26-week rolling simulation: trio fairness');
  print();
  const specs = quick
    ? [{ n: 31, weeks: 26, cooldownWeeks: 4, churn: 0, seed: 31 }]
    : [
        { n: 5, weeks: 26, cooldownWeeks: 2, churn: 0, seed: 5 },
        { n: 5, weeks: 26, cooldownWeeks: 4, churn: 0, seed: 5 },
        { n: 7, weeks: 26, cooldownWeeks: 2, churn: 0, seed: 7 },
        { n: 7, weeks: 26, cooldownWeeks: 4, churn: 0, seed: 7 },
        { n: 9, weeks: 26, cooldownWeeks: 2, churn: 0, seed: 9 },
        { n: 9, weeks: 26, cooldownWeeks: 4, churn: 0, seed: 9 },
        { n: 9, weeks: 26, cooldownWeeks: 4, churn: 0.2, seed: 9 },
        { n: 11, weeks: 26, cooldownWeeks: 4, churn: 0, seed: 11 },
        { n: 13, weeks: 26, cooldownWeeks: 2, churn: 0, seed: 13 },
        { n: 13, weeks: 26, cooldownWeeks: 4, churn: 0, seed: 13 },
        { n: 31, weeks: 26, cooldownWeeks: 4, churn: 0, seed: 31 },
        { n: 61, weeks: 26, cooldownWeeks: 4, churn: 0, seed: 61 },
        { n: 101, weeks: 26, cooldownWeeks: 4, churn: 0.1, seed: 101 },
        { n: 1001, weeks: 26, cooldownWeeks: 4, churn: 0, seed: 1001 },
      ];
  const rows: (string | number)[][] = [];
  for (const spec of specs) {
    for (const method of ['random', 'ours'] as const) {
      const [r, t] = timed(() => simulate(spec, method));
      rows.push([
        `${spec.n}${spec.churn > 0 ? `, ${spec.churn * 100} % paused weekly` : ''}`,
        spec.cooldownWeeks,
        method === 'ours' ? 'ours' : 'random shuffle',
        `${r.minTrios}–${r.maxTrios}`,
        r.meanTrios.toFixed(2),
        `${r.violationWeeks} / ${r.oddWeeks}`,
        r.notLeastIndebtedWeeks,
        r.repeatsWithinCooldown,
        r.unmatched,
        ms(t),
      ]);
    }
  }
  print(
    table(
      [
        'pool',
        'cooldown (weeks)',
        'method',
        'trios per person (min–max)',
        'mean',
        'unfair weeks / odd weeks',
        'trio not the least-indebted',
        'repeats ≤ cooldown',
        'unmatched',
        'time',
      ],
      rows,
    ),
  );
  print();
  print(
    'Every member of a trio counts one trio. An unfair week is one where a trio member ends the week more than one',
  );
  print('trio above the lowest count among that week\'s pool. "Trio not the least-indebted": weeks whose trio is not');
  print("three of the members with the fewest trios (plus unmatched rounds) in that week's pool. With people paused,");
  print('an unfair week can be unavoidable (someone returns far behind), a trio not from the least-indebted cannot.');
  print();
}

function determinismSection(): void {
  const spec = scenarios(quick)[0]!;
  const input = scenarioInput(spec);
  const a = JSON.stringify(matchRound(input));
  const b = JSON.stringify(matchRound(structuredClone(input)));
  const c = JSON.stringify(matchRound({ ...input, seed: 'another seed' }));
  print(`## Determinism`);
  print();
  print(
    `Same input and seed, twice: ${a === b ? 'identical output' : 'DIFFERENT OUTPUT'}. Another seed: ${a === c ? 'identical (unexpected)' : 'a different round'}.`,
  );
  print();
}

machine();
if (wants('scenarios')) scenarioSection();
if (wants('seeds')) seedsSection();
if (wants('sparse')) sparseSection();
if (wants('scale')) scaleSection();
if (wants('groups')) groupsSection();
if (wants('fairness')) fairnessSection();
if (wants('determinism')) determinismSection();
