/**
 * Seeded synthetic organisations for the matching benchmark (matching.md §5): Pareto team sizes, Zipf departments,
 * seven time-zone bands with 80 % of each team co-located, working hours 9–17 local ± 1 h, seniority 1–7, 0–5 tags,
 * and a history written by a naive random bot at 85 % participation.
 */

import { createRng, type Rng, shuffleInPlace } from '../../src/matching/hash.ts';
import type { MemberInput, PastGroup } from '../../src/matching/types.ts';

export const ZONES: readonly [string, number][] = [
  ['America/Los_Angeles', 0.25],
  ['America/New_York', 0.25],
  ['Europe/London', 0.12],
  ['Europe/Paris', 0.15],
  ['Asia/Kolkata', 0.13],
  ['Asia/Singapore', 0.06],
  ['Australia/Sydney', 0.04],
];

export interface OrgOptions {
  n: number;
  seed: number;
  /** Share of everyone in the single largest team (S2), else Pareto sizes only. */
  bigTeamShare?: number;
  /** Two clusters 12 h apart instead of seven bands (S3). */
  twoClusters?: boolean;
  /** Everyone in one team (S4). */
  singleTeam?: boolean;
}

function uniform(rng: Rng): number {
  return rng.next() / 4294967296;
}

function pick<T>(rng: Rng, weighted: readonly [T, number][]): T {
  let r = uniform(rng);
  for (const [value, weight] of weighted) {
    if (r < weight) return value;
    r -= weight;
  }
  return weighted[weighted.length - 1]![0];
}

/** Team sizes from a Pareto(x_m = 2, α = 1.4) tail, capped so no random team dwarfs the org. */
function teamSizes(rng: Rng, n: number, bigTeamShare: number | undefined): number[] {
  const sizes: number[] = [];
  let left = n;
  if (bigTeamShare !== undefined) {
    const big = Math.round(n * bigTeamShare);
    sizes.push(big);
    left -= big;
  }
  const cap = Math.max(4, Math.round(n / 20));
  while (left > 0) {
    const size = Math.min(left, cap, Math.max(2, Math.floor(2 / (1 - uniform(rng)) ** (1 / 1.4))));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

export function generateOrg(options: OrgOptions): MemberInput[] {
  const rng = createRng(options.seed);
  const { n } = options;
  const sizes = options.singleTeam ? [n] : teamSizes(rng, n, options.bigTeamShare);
  const departments = Math.max(3, Math.round(Math.sqrt(n) / 3));
  // Zipf(1) over departments, assigned per team.
  const zipf: [number, number][] = [];
  let harmonic = 0;
  for (let d = 1; d <= departments; d++) harmonic += 1 / d;
  for (let d = 1; d <= departments; d++) zipf.push([d - 1, 1 / d / harmonic]);
  const clusters: [string, number][] = [
    ['Etc/GMT+6', 0.5],
    ['Etc/GMT-6', 0.5],
  ];
  const zones = options.twoClusters ? clusters : ZONES;
  const members: MemberInput[] = [];
  let id = 0;
  for (let t = 0; t < sizes.length; t++) {
    const department = `Dept-${pick(rng, zipf)}`;
    const home = pick(rng, zones);
    for (let k = 0; k < sizes[t]!; k++) {
      const timezone = uniform(rng) < 0.8 ? home : pick(rng, zones);
      const start = 9 + rng.below(3) - 1;
      const end = 17 + rng.below(3) - 1;
      const tags: string[] = [];
      const tagCount = rng.below(6);
      for (let x = 0; x < tagCount; x++) tags.push(`tag-${rng.below(40)}`);
      members.push({
        id: `m${id++}`,
        team: `Team-${t}`,
        department,
        timezone,
        workHours: [start, end],
        tags,
        seniority: 1 + rng.below(7),
      });
    }
  }
  return members;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Weekly rounds by a naive random bot (shuffle, consecutive pairs, the odd one joins the first pair). */
export function naiveHistory(
  members: readonly MemberInput[],
  weeks: number,
  roundDate: string,
  seed: number,
): PastGroup[] {
  const rng = createRng(seed ^ 0x5bd1e995);
  const roundMs = Date.parse(roundDate);
  const history: PastGroup[] = [];
  for (let w = weeks; w >= 1; w--) {
    const date = isoDay(roundMs - w * 7 * 86_400_000);
    const present = members.filter(() => uniform(rng) < 0.85).map((m) => m.id);
    shuffleInPlace(present, rng);
    const groups: string[][] = [];
    for (let i = 0; i + 1 < present.length; i += 2) groups.push([present[i]!, present[i + 1]!]);
    if (present.length % 2 === 1 && groups.length > 0) groups[0]!.push(present[present.length - 1]!);
    for (const g of groups) history.push({ members: g, date });
  }
  return history;
}
