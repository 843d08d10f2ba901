/**
 * Integer pair scores (matching.md §4). Points are multiplied by SCALE and rounded, so exact solvers compare integers
 * and never return "slightly suboptimal" float answers. Every score is at least 1: any allowed pair beats no pair.
 */

import { pairHash } from './hash.ts';
import { daysSinceMet, decayedMeetings, findMeeting } from './history-index.ts';
import type { Pool } from './pool.ts';
import { overlapMinutes } from './timezone.ts';

export const SCALE = 100;
const FULL_OVERLAP_MINUTES = 240;
const MAX_DEBT_UNITS = 4;
const MAX_TABLE_CLASSES = 1024;

export interface Scorer {
  readonly pool: Pool;
  /** Upper bound on any score. */
  readonly maxWeight: number;
  /** The cooldown in weeks: tiers run 1..maxTier. */
  readonly maxTier: number;
  /** Score ≥ 1 when a and b may meet this round as things stand; -1 if a rule, a block or the cooldown forbids it. */
  weight(a: number, b: number): number;
  /** Like weight, but the cooldown is ignored (for someone who would otherwise have nobody). */
  relaxed(a: number, b: number): number;
  /** 0 outside the cooldown, else C − whole weeks since they met (C = met this week). */
  tier(a: number, b: number): number;
  /** Self, blocks and the programme rule only. */
  hardAllowed(a: number, b: number): boolean;
  /** Relaxed score that ignores the programme's pair rule: two mentees sharing a mentor, guests of one host. */
  peerRelaxed(a: number, b: number): number;
  overlap(a: number, b: number): number;
}

const RULE_OPEN = 0;
const RULE_TEAM = 1;
const RULE_DEPT = 2;
const RULE_SIDES = 3;

export function createScorer(pool: Pool): Scorer {
  const { n, team, dept, winStart, winLength, hub, history, blocked, idHash, unmatchedDebt } = pool;
  const { weights, cooldownWeeks, rule, seed } = pool.config;
  const base = Math.round(weights.base * SCALE);
  const crossTeam = Math.round(weights.crossTeam * SCALE);
  const crossDept = Math.round(weights.crossDepartment * SCALE);
  const shared = weights.sharedHours * SCALE;
  const noShared = Math.round(weights.noSharedHours * SCALE);
  const repeat = weights.repeat * SCALE;
  const mentorFit = weights.mentorFit * SCALE;
  const boost = Math.round(weights.unmatchedBoost * SCALE);
  const jitterSpan = Math.round(weights.jitter * SCALE) + 1;
  const cooldownDays = cooldownWeeks * 7;
  const mentor = rule === 'mentor-mentee';
  const ruleKind =
    rule === 'cross-team-only'
      ? RULE_TEAM
      : rule === 'cross-department-only'
        ? RULE_DEPT
        : rule === 'mentor-mentee' || rule === 'fixed-host'
          ? RULE_SIDES
          : RULE_OPEN;
  const hasBlocks = blocked.size > 0;
  // A tight bound matters: local search skips 2-opt candidates that could not gain even at this score.
  let maxDebt = 0;
  for (let i = 0; i < n; i++) if (unmatchedDebt[i]! > maxDebt) maxDebt = unmatchedDebt[i]!;
  const maxWeight =
    base +
    crossTeam +
    crossDept +
    Math.round(shared) +
    (mentor ? Math.round(mentorFit) : 0) +
    2 * Math.min(maxDebt, MAX_DEBT_UNITS) * boost +
    jitterSpan;

  const ruleAllows = (a: number, b: number): boolean => {
    if (ruleKind === RULE_OPEN) return true;
    if (ruleKind === RULE_TEAM) return team[a] !== team[b];
    if (ruleKind === RULE_DEPT) return dept[a] !== dept[b];
    return hub[a] !== hub[b];
  };

  const isBlocked = (a: number, b: number): boolean => hasBlocks && blocked.has(a < b ? a * n + b : b * n + a);

  const mentorScore = (a: number, b: number): number => {
    const gap = Math.abs(pool.seniority[a]! - pool.seniority[b]!);
    let value = gap >= 1 && gap <= 3 ? 0.5 : 0;
    const { tagStart, tagIds } = pool;
    let i = tagStart[a]!;
    let j = tagStart[b]!;
    const iEnd = tagStart[a + 1]!;
    const jEnd = tagStart[b + 1]!;
    const union = iEnd - i + (jEnd - j);
    let common = 0;
    while (i < iEnd && j < jEnd) {
      if (tagIds[i]! === tagIds[j]!) {
        common++;
        i++;
        j++;
      } else if (tagIds[i]! < tagIds[j]!) i++;
      else j++;
    }
    if (union > common) value += (0.5 * common) / (union - common);
    return Math.round(mentorFit * value);
  };

  const overlap = (a: number, b: number): number =>
    overlapMinutes(winStart[a]!, winLength[a]!, winStart[b]!, winLength[b]!);

  const hoursTerm = (minutes: number): number =>
    Math.round((shared * Math.min(minutes, FULL_OVERLAP_MINUTES)) / FULL_OVERLAP_MINUTES) -
    (minutes < 60 ? noShared : 0);

  // Working windows fall into few classes (a handful of zones × start/end hours), so their score is a table lookup.
  const { zoneClass, zoneClasses } = pool;
  const table = zoneClasses <= MAX_TABLE_CLASSES ? new Int32Array(zoneClasses * zoneClasses) : undefined;
  if (table !== undefined) {
    const first = new Int32Array(zoneClasses).fill(-1);
    for (let i = 0; i < n; i++) if (first[zoneClass[i]!] === -1) first[zoneClass[i]!] = i;
    for (let x = 0; x < zoneClasses; x++) {
      for (let y = 0; y < zoneClasses; y++) table[x * zoneClasses + y] = hoursTerm(overlap(first[x]!, first[y]!));
    }
  }

  // Precomputed per person, so a pair reads one small array for each term. Separate arrays beat one interleaved
  // record per person here: each is 400 kB or less at 100k people and mostly stays in cache, and the reads of one pair
  // overlap in flight (measured: interleaving them made candidate scoring a fifth slower).
  const debtBoost = new Int32Array(maxDebt > 0 ? n : 0);
  for (let i = 0; i < debtBoost.length; i++) debtBoost[i] = boost * Math.min(unmatchedDebt[i]!, MAX_DEBT_UNITS);
  const zone = new Uint16Array(table !== undefined ? n : 0);
  for (let i = 0; i < zone.length; i++) zone[i] = zoneClass[i]!;

  const natural = (a: number, b: number, slot: number): number => {
    let w = base;
    if (team[a] !== team[b]) w += crossTeam;
    if (dept[a] !== dept[b]) w += crossDept;
    w += table !== undefined ? table[zone[a]! * zoneClasses + zone[b]!]! : hoursTerm(overlap(a, b));
    if (slot >= 0) w -= Math.round(repeat * decayedMeetings(history, a, slot));
    if (mentor && hub[a] !== hub[b]) w += mentorScore(a, b);
    if (maxDebt > 0) w += debtBoost[a]! + debtBoost[b]!;
    w += pairHash(idHash[a]!, idHash[b]!, seed) % jitterSpan;
    return w < 1 ? 1 : w;
  };

  /** Cooldown tier of a and b, given the slot of their meetings in a's row. */
  const tierOfSlot = (a: number, slot: number): number => {
    if (slot < 0) return 0;
    const days = daysSinceMet(history, a, slot);
    if (days >= cooldownDays) return 0;
    return cooldownWeeks - Math.floor(days / 7);
  };

  return {
    pool,
    maxWeight,
    maxTier: cooldownWeeks,
    weight(a, b) {
      if (a === b || !ruleAllows(a, b) || isBlocked(a, b)) return -1;
      const slot = findMeeting(history, a, b);
      if (slot >= 0 && daysSinceMet(history, a, slot) < cooldownDays) return -1;
      return natural(a, b, slot);
    },
    relaxed(a, b) {
      if (a === b || !ruleAllows(a, b) || isBlocked(a, b)) return -1;
      return natural(a, b, findMeeting(history, a, b));
    },
    tier(a, b) {
      return tierOfSlot(a, findMeeting(history, a, b));
    },
    hardAllowed(a, b) {
      return a !== b && ruleAllows(a, b) && !isBlocked(a, b);
    },
    peerRelaxed(a, b) {
      if (a === b || isBlocked(a, b)) return -1;
      return natural(a, b, findMeeting(history, a, b));
    },
    overlap,
  };
}

/**
 * How many people each member could be grouped with under the hard rules, counted without scanning all pairs:
 * the rule's population minus the blocks that fall inside it.
 */
export function allowedPartnerCounts(pool: Pool): Int32Array {
  const counts = new Int32Array(pool.n);
  for (let a = 0; a < pool.n; a++) counts[a] = rulePopulation(pool, a);
  for (const [a, partners] of pool.blockedPartners) {
    for (const b of partners) if (ruleAllowsPair(pool, a, b)) counts[a]!--;
  }
  return counts;
}

/** How many others the programme rule alone lets `a` meet. */
export function rulePopulation(pool: Pool, a: number): number {
  switch (pool.config.rule) {
    case 'cross-team-only':
      return pool.n - pool.teamSize[pool.team[a]!]!;
    case 'cross-department-only':
      return pool.n - pool.deptSize[pool.dept[a]!]!;
    case 'mentor-mentee':
    case 'fixed-host':
      return pool.hub[a] ? pool.n - pool.hubCount : pool.hubCount;
    default:
      return pool.n - 1;
  }
}

export function ruleAllowsPair(pool: Pool, a: number, b: number): boolean {
  switch (pool.config.rule) {
    case 'cross-team-only':
      return pool.team[a] !== pool.team[b];
    case 'cross-department-only':
      return pool.dept[a] !== pool.dept[b];
    case 'mentor-mentee':
    case 'fixed-host':
      return pool.hub[a] !== pool.hub[b];
    default:
      return true;
  }
}
