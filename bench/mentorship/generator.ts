/**
 * Seeded synthetic mentorship cohorts. Skills follow a Zipf-like popularity (a few everyone wants, a long tail),
 * mentors teach 1–3 skills and take 1–5 mentees, mentees learn 1–3, people sit in seven time-zone bands and in teams and
 * departments, and a share of mentees prefer another team. Optional: past pairs, continuing pairs, blocks, and a skill
 * everyone teaches and learns (every pair allowed).
 */

import { createRng, type Rng } from '../../src/matching/hash.ts';
import type { MenteeInput, MentorInput, MentorshipInput } from '../../src/matching/mentorship/types.ts';

export interface CohortSpec {
  mentees: number;
  mentors: number;
  skills: number;
  /** Each person teaches or learns 1..maxSkills skills (default 3). */
  maxSkills?: number;
  seed: number;
  /** Every mentor teaches and every mentee learns one common skill, so every pair is allowed. */
  everyPair?: boolean;
  /** Past pairs per 100 mentees, blocks per 100 mentees. */
  history?: number;
  blocks?: number;
  rules?: MentorshipInput['rules'];
}

const ZONES = [
  ['America/Los_Angeles', 25],
  ['America/New_York', 25],
  ['Europe/London', 12],
  ['Europe/Paris', 15],
  ['Asia/Kolkata', 13],
  ['Asia/Singapore', 6],
  ['Australia/Sydney', 4],
] as const;

function zone(rng: Rng): string {
  let x = rng.below(100);
  for (const [name, share] of ZONES) {
    if (x < share) return name;
    x -= share;
  }
  return 'UTC';
}

/** Skill index with probability ∝ 1 / (rank + 2): popular skills are wanted by many. */
function zipfSkill(rng: Rng, cumulative: Float64Array): number {
  const x = (rng.next() / 4294967296) * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pickSkills(rng: Rng, cumulative: Float64Array, count: number): string[] {
  const set = new Set<number>();
  while (set.size < count) set.add(zipfSkill(rng, cumulative));
  return [...set].map((s) => `skill-${s}`);
}

export function generateCohort(spec: CohortSpec): MentorshipInput {
  const rng = createRng(spec.seed * 7919 + 17);
  const cumulative = new Float64Array(spec.skills);
  let sum = 0;
  for (let s = 0; s < spec.skills; s++) {
    sum += 1 / (s + 2);
    cumulative[s] = sum;
  }
  const teams = Math.max(2, Math.round((spec.mentees + spec.mentors) / 8));
  const person = () => {
    const team = rng.below(teams);
    const start = 8 + rng.below(3);
    return {
      team: `team-${team}`,
      department: `dept-${team % 12}`,
      timezone: zone(rng),
      workHours: [start, start + 8] as [number, number],
    };
  };
  const mentors: MentorInput[] = [];
  for (let i = 0; i < spec.mentors; i++) {
    const teaches = pickSkills(rng, cumulative, Math.min(spec.skills, 1 + rng.below(spec.maxSkills ?? 3)));
    if (spec.everyPair) teaches.push('mentoring');
    mentors.push({ id: `m${i}`, capacity: 1 + rng.below(5), teaches, seniority: 3 + rng.below(5), ...person() });
  }
  const mentees: MenteeInput[] = [];
  for (let i = 0; i < spec.mentees; i++) {
    const learns = pickSkills(rng, cumulative, Math.min(spec.skills, 1 + rng.below(spec.maxSkills ?? 3)));
    if (spec.everyPair) learns.push('mentoring');
    mentees.push({
      id: `e${i}`,
      learns,
      seniority: 1 + rng.below(5),
      preferOtherTeam: rng.below(2) === 0,
      ...person(),
    });
  }
  const randomPair = (): [string, string] => [`m${rng.below(spec.mentors)}`, `e${rng.below(spec.mentees)}`];
  const history = Array.from({ length: Math.round(((spec.history ?? 0) * spec.mentees) / 100) }, () => {
    const [mentor, mentee] = randomPair();
    return { mentor, mentee, date: '2025-12-01' };
  });
  const continuing = history.filter((_, i) => i % 3 === 0).map(({ mentor, mentee }) => ({ mentor, mentee }));
  const blocks = Array.from({ length: Math.round(((spec.blocks ?? 0) * spec.mentees) / 100) }, randomPair);
  const input: MentorshipInput = { mentors, mentees, history, continuing, blocks, seed: spec.seed, date: '2026-01-05' };
  return spec.rules === undefined ? input : { ...input, rules: spec.rules };
}
