/**
 * The mentorship matching benchmark: `npm run bench:mentorship` (the numbers in docs/benchmarks.md) or
 * `npm run bench:mentorship -- --quick` (smaller cohorts, fewer runs). `--only=exact,scale` runs a subset.
 *
 * exact: seeded cohorts of 50–2,000 people; the engine's optimum against an independent exact reference (reference.ts)
 * on the same candidate pairs, with greedy and stable matching beside it, every assignment checked independently.
 * scale: 2,000 × 500 with every pair allowed and 20,000 × 5,000 with sparse candidates, each in a child process.
 */

import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { candidateRows } from '../../src/matching/mentorship/candidates.ts';
import { buildCohort } from '../../src/matching/mentorship/cohort.ts';
import { matchMentorship } from '../../src/matching/mentorship/match.ts';
import { topCandidates } from '../../src/matching/mentorship/suggestions.ts';
import type { MentorshipInput } from '../../src/matching/mentorship/types.ts';
import { ms, pct, quantile, table } from '../matching/table.ts';
import { greedyBestFirst, stableMatching } from './baselines.ts';
import { generateCohort } from './generator.ts';
import { type Pair, referenceOptimum } from './reference.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg === undefined ? undefined : new Set(onlyArg.slice('--only='.length).split(','));
const wants = (section: string): boolean => only === undefined || only.has(section);
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

interface Outcome {
  total: number;
  matched: number;
  top3: number;
  violations: number;
}

/**
 * Scores an assignment from scratch: every pair must be an allowed candidate (else counted as a violation, like a
 * mentor over capacity), the total is summed from the candidate list, and "top 3" counts mentees given one of the
 * three mentors they would have been suggested.
 */
function evaluate(
  mentorOf: ArrayLike<number>,
  capacity: ArrayLike<number>,
  allowed: Map<number, number>,
  nMentees: number,
  top3: readonly Set<number>[],
): Outcome {
  const load = new Int32Array(capacity.length);
  let total = 0;
  let matched = 0;
  let inTop3 = 0;
  let violations = 0;
  for (let e = 0; e < mentorOf.length; e++) {
    const m = mentorOf[e]!;
    if (m < 0) continue;
    const score = allowed.get(m * nMentees + e);
    if (score === undefined) violations++;
    else total += score;
    matched++;
    load[m]!++;
    if (top3[e]!.has(m)) inTop3++;
  }
  for (let m = 0; m < capacity.length; m++) if (load[m]! > capacity[m]!) violations += load[m]! - capacity[m]!;
  return { total, matched, top3: inTop3 / nMentees, violations };
}

function exactSection(): void {
  print('## Exactness and quality: engine vs an independent exact reference, greedy and stable matching');
  print();
  print('Cohorts: 80 % mentees, 20 % mentors, ~5 skills per 100 people (at least 8), 10 past pairs and 3 blocks per');
  print('100 mentees; seed 3 adds rules (minSeniorityGap 1, allowSameTeam false). Totals are summed over the seeds.');
  print('"= ref" counts instances where the engine matched exactly as many mentees as the reference and reached');
  print('exactly its total score. Violations: pairs over capacity or not allowed, checked from scratch.');
  print();
  const sizes = quick ? [50, 200, 500] : [50, 100, 200, 500, 1000, 2000];
  const seeds = [1, 2, 3];
  const rows: (string | number)[][] = [];
  let allExact = true;
  for (const people of sizes) {
    const mentees = Math.round(people * 0.8);
    const mentors = people - mentees;
    const sum = { ours: zero(), greedy: zero(), stable: zero(), ref: { total: 0, matched: 0 } };
    let equal = 0;
    let oursMs = 0;
    let refMs = 0;
    for (const seed of seeds) {
      const input: MentorshipInput = generateCohort({
        mentees,
        mentors,
        skills: Math.max(8, Math.round(people / 20)),
        seed,
        history: 10,
        blocks: 3,
        ...(seed === 3 ? { rules: { minSeniorityGap: 1, allowSameTeam: false } } : {}),
      });
      const t0 = performance.now();
      const result = matchMentorship(input);
      oursMs += performance.now() - t0;

      const cohort = buildCohort(input);
      const rows = candidateRows(cohort);
      const pairs: Pair[] = [];
      const allowed = new Map<number, number>();
      for (let e = 0; e < mentees; e++) {
        for (let k = rows.start[e]!; k < rows.start[e + 1]!; k++) {
          pairs.push({ mentor: rows.mentor[k]!, mentee: e, score: rows.score[k]! });
          allowed.set(rows.mentor[k]! * mentees + e, rows.score[k]!);
        }
      }
      const top3 = Array.from(
        { length: mentees },
        (_, e) => new Set(topCandidates(cohort, rows, e).map((k) => rows.mentor[k]!)),
      );
      const t1 = performance.now();
      const ref = referenceOptimum(mentors, mentees, cohort.capacity, pairs);
      refMs += performance.now() - t1;

      const mentorIndex = new Map(cohort.mentorIds.map((id, i) => [id, i]));
      const menteeIndex = new Map(cohort.menteeIds.map((id, i) => [id, i]));
      const oursOf = new Int32Array(mentees).fill(-1);
      for (const p of result.pairs) oursOf[menteeIndex.get(p.mentee)!] = mentorIndex.get(p.mentor)!;
      const ours = evaluate(oursOf, cohort.capacity, allowed, mentees, top3);
      const greedy = evaluate(
        greedyBestFirst(mentees, cohort.capacity, pairs),
        cohort.capacity,
        allowed,
        mentees,
        top3,
      );
      const stable = evaluate(stableMatching(mentees, cohort.capacity, pairs), cohort.capacity, allowed, mentees, top3);
      const exact = ours.matched === ref.matched && ours.total === ref.total && ours.total === result.stats.totalScore;
      if (exact) equal++;
      else allExact = false;
      add(sum.ours, ours);
      add(sum.greedy, greedy);
      add(sum.stable, stable);
      sum.ref.total += ref.total;
      sum.ref.matched += ref.matched;
    }
    const cell = (o: Outcome): string => `${o.total} (${pct(o.total / sum.ref.total)}) / ${o.matched}`;
    rows.push([
      people,
      `${mentees} × ${mentors}`,
      `${equal}/${seeds.length}`,
      `${sum.ref.total} / ${sum.ref.matched}`,
      cell(sum.ours),
      cell(sum.greedy),
      cell(sum.stable),
      `${pct(sum.ours.top3 / seeds.length)} / ${pct(sum.greedy.top3 / seeds.length)} / ${pct(sum.stable.top3 / seeds.length)}`,
      `${sum.ours.violations} / ${sum.greedy.violations} / ${sum.stable.violations}`,
      `${ms(oursMs / seeds.length)} / ${ms(refMs / seeds.length)}`,
    ]);
  }
  print(
    table(
      [
        'people',
        'mentees × mentors',
        '= ref',
        'reference total / matched',
        'engine total (% of ref) / matched',
        'greedy',
        'stable (Gale–Shapley)',
        'top-3 % engine / greedy / stable',
        'violations engine / greedy / stable',
        'mean time engine / reference',
      ],
      rows,
    ),
  );
  print();
  print(allExact ? 'engine == reference on every instance' : 'MISMATCH: the engine differs from the reference');
  print();
}

function zero(): Outcome {
  return { total: 0, matched: 0, top3: 0, violations: 0 };
}

function add(into: Outcome, o: Outcome): void {
  into.total += o.total;
  into.matched += o.matched;
  into.top3 += o.top3;
  into.violations += o.violations;
}

interface Measurement {
  mode: string;
  mentees: number;
  mentors: number;
  times: number[];
  cpuTimes: number[];
  loadAverage: number;
  inputRss: number;
  peakRss: number;
  stats: { matched: number; candidatePairs: number; seats: number; totalScore: number };
}

function scaleSection(): void {
  print('## Scale: end-to-end matchMentorship, each size in a fresh process');
  print();
  const runs = quick ? 3 : 5;
  const cases: [string, number, number, string][] = [
    ['dense', 2000, 500, '≤ 2 s'],
    ['sparse', quick ? 5000 : 20_000, quick ? 1250 : 5000, '≤ 10 s, ≤ 1 GB'],
  ];
  const rows: (string | number)[][] = [];
  for (const [mode, mentees, mentors, target] of cases) {
    const out = spawnSync(
      process.execPath,
      ['--expose-gc', here('./measure.ts'), mode, String(mentees), String(mentors), String(runs), '1'],
      { encoding: 'utf8', timeout: 1_800_000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (out.status !== 0) {
      print(`${mode} ${mentees} × ${mentors}: measurement failed: ${out.stderr}`);
      continue;
    }
    const m = JSON.parse(out.stdout) as Measurement;
    rows.push([
      mode === 'dense' ? 'every pair allowed' : 'sparse (mentors sharing a skill)',
      `${m.mentees} × ${m.mentors}`,
      m.stats.candidatePairs,
      `${m.stats.matched} / ${m.stats.seats}`,
      ms(quantile(m.times, 0.5)),
      `${ms(Math.min(...m.times))}–${ms(Math.max(...m.times))}`,
      ms(quantile(m.cpuTimes, 0.5)),
      m.loadAverage.toFixed(1),
      `${m.peakRss} MB`,
      target,
    ]);
  }
  print(
    table(
      [
        'cohort',
        'mentees × mentors',
        'candidate pairs',
        'matched / seats',
        `median of ${runs}`,
        'min–max',
        'median CPU',
        'load avg',
        'peak RSS',
        'target',
      ],
      rows,
    ),
  );
  print();
}

const cpus = os.cpus();
print(`machine: ${cpus.length} logical CPUs (${cpus[0]?.model ?? 'unknown'}), node ${process.version}`);
print(
  `load average at start: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
print();
if (wants('exact')) exactSection();
if (wants('scale')) scaleSection();
print(
  `load average at end: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
