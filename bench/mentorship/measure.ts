/**
 * One scale measurement in a fresh process, so its peak RSS belongs to that size alone:
 *   node --expose-gc bench/mentorship/measure.ts <dense|sparse> <mentees> <mentors> <runs> <seed>
 * dense: one skill everyone teaches and learns (every pair allowed) beside 20 others; sparse: 50 skills, each person
 * teaching or learning 1–2 of them, so a mentee's candidates are the mentors who share one. Generates the cohort,
 * then runs `matchMentorship` `runs` times with different seeds (gc between runs). Prints one JSON line.
 * CPU time is process-wide (it includes V8's helper threads), so it can exceed the wall time.
 */

import os from 'node:os';
import { matchMentorship } from '../../src/matching/mentorship/match.ts';
import type { MentorshipResult } from '../../src/matching/mentorship/types.ts';
import { generateCohort } from './generator.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number): number => Math.round(bytes / 1048576);

const [mode, mentees, mentors, runs, seed] = [
  process.argv[2]!,
  Number(process.argv[3]),
  Number(process.argv[4]),
  Number(process.argv[5] ?? 5),
  Number(process.argv[6] ?? 1),
];
const dense = mode === 'dense';
const input = generateCohort({
  mentees,
  mentors,
  skills: dense ? 20 : 50,
  maxSkills: dense ? 3 : 2,
  everyPair: dense,
  history: 5,
  blocks: 2,
  seed,
});
gc();
const inputRss = mb(process.memoryUsage().rss);
const times: number[] = [];
const cpuTimes: number[] = [];
let last: MentorshipResult | undefined;
for (let r = 0; r < runs; r++) {
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  last = matchMentorship({ ...input, seed: `run-${r}` });
  times.push(performance.now() - t0);
  const cpu = process.cpuUsage(c0);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
}
const peakRss = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  `${JSON.stringify({ mode, mentees, mentors, runs, times, cpuTimes, loadAverage: os.loadavg()[0], inputRss, peakRss, stats: last!.stats })}\n`,
);
