/**
 * The fit of a (mentor, mentee) pair: the hard rules that forbid it, its integer score, and the plain sentence that
 * explains it. Points are whole numbers so the exact solver compares integers (docs/mentorship-matching.md).
 */

import { type Cohort, pairKey } from './cohort.ts';

export const POINTS = {
  base: 10,
  /** Scaled by the share of the mentee's skills the mentor teaches. */
  skills: 60,
  /** A gap of 1–3 levels; a larger gap earns half. */
  seniorityGap: 20,
  /** Only for mentees who prefer another team. */
  otherTeam: 10,
  otherDepartment: 5,
  /** Scaled up to 4 shared working hours. */
  sharedHours: 15,
  /** Both asked to continue together. */
  continuing: 40,
  /** A past pair nobody asked to continue: large enough that any other allowed mentor is preferred for that mentee. */
  repeat: -150,
} as const;

const FULL_OVERLAP_MINUTES = 240;

/** Whether one of the two manages the other (only managers that are known count). */
export function isOwnManager(c: Cohort, mentor: number, mentee: number): boolean {
  const a = c.mentorManager[mentor]!;
  const b = c.menteeManager[mentee]!;
  return (b >= 0 && b === c.mentorPerson[mentor]) || (a >= 0 && a === c.menteePerson[mentee]);
}

/** The programme's rules and the person themself; blocks are checked apart (they are confidential). */
export function ruleProblems(
  c: Cohort,
  mentor: number,
  mentee: number,
): { self: boolean; team: boolean; gap: boolean; manager: boolean } {
  const team = !c.allowSameTeam && c.mentorTeam[mentor]! >= 0 && c.mentorTeam[mentor] === c.menteeTeam[mentee];
  // A gap rule can only be broken by two known levels.
  const gap = c.minSeniorityGap > 0 && c.mentorSeniority[mentor]! - c.menteeSeniority[mentee]! < c.minSeniorityGap;
  return { self: c.selfMentor[mentee] === mentor, team, gap, manager: isOwnManager(c, mentor, mentee) };
}

export function allowedByRules(c: Cohort, mentor: number, mentee: number): boolean {
  const p = ruleProblems(c, mentor, mentee);
  return !p.self && !p.team && !p.gap && !p.manager;
}

export function isBlocked(c: Cohort, mentor: number, mentee: number): boolean {
  return c.menteeHasPairFacts[mentee] === 1 && c.blocked.has(pairKey(c, mentor, mentee));
}

/** How many of the mentee's skills the mentor teaches (both lists sorted). */
export function sharedSkillCount(c: Cohort, mentor: number, mentee: number): number {
  const a = c.teaches[mentor]!;
  const b = c.learns[mentee]!;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      shared++;
      i++;
      j++;
    }
  }
  return shared;
}

function seniorityPoints(gap: number): number {
  if (!(gap >= 1)) return 0;
  return gap <= 3 ? POINTS.seniorityGap : POINTS.seniorityGap / 2;
}

const differs = (a: number, b: number): boolean => a >= 0 && b >= 0 && a !== b;

/** The fit score of an allowed pair; `shared` is sharedSkillCount when the caller already has it. */
export function fitScore(
  c: Cohort,
  mentor: number,
  mentee: number,
  shared = sharedSkillCount(c, mentor, mentee),
): number {
  const wanted = c.learns[mentee]!.length;
  let score = POINTS.base;
  if (wanted > 0) score += Math.round((POINTS.skills * shared) / wanted);
  score += seniorityPoints(c.mentorSeniority[mentor]! - c.menteeSeniority[mentee]!);
  if (c.preferOtherTeam[mentee] === 1) {
    if (differs(c.mentorTeam[mentor]!, c.menteeTeam[mentee]!)) score += POINTS.otherTeam;
    if (differs(c.mentorDept[mentor]!, c.menteeDept[mentee]!)) score += POINTS.otherDepartment;
  }
  const minutes = Math.min(c.sharedMinutes(mentor, mentee), FULL_OVERLAP_MINUTES);
  score += Math.round((POINTS.sharedHours * minutes) / FULL_OVERLAP_MINUTES);
  if (c.menteeHasPairFacts[mentee] === 1) {
    const key = pairKey(c, mentor, mentee);
    if (c.continuing.has(key)) score += POINTS.continuing;
    else if (c.past.has(key)) score += POINTS.repeat;
  }
  return score;
}

/** "Rust", "Rust or Go", "Rust, Go or Zig". */
export function listSkills(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function andList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The mentee's own words for the skills this mentor teaches. */
export function taughtSkillNames(c: Cohort, mentor: number, mentee: number): string[] {
  const taught = new Set(c.teaches[mentor]);
  const names: string[] = [];
  c.learns[mentee]!.forEach((skill, i) => {
    if (taught.has(skill)) names.push(c.learnsText[mentee]![i]!);
  });
  return names;
}

/**
 * One line saying why this mentor: what fit earned the score, in the order it weighs. It speaks only of the pair
 * itself, so it can never reveal anything about a block.
 */
export function explainFit(
  c: Cohort,
  mentor: number,
  mentee: number,
  teamName: (mentor: number) => string | undefined,
): string {
  const parts: string[] = [];
  const key = pairKey(c, mentor, mentee);
  if (c.given !== undefined) parts.push(`given score ${c.given.get(key)}`);
  const wanted = c.learns[mentee]!.length;
  const taught = taughtSkillNames(c, mentor, mentee);
  if (taught.length > 0) {
    const share =
      taught.length === wanted
        ? wanted === 1
          ? 'your skill'
          : 'all your skills'
        : `${taught.length} of your ${wanted} skills`;
    parts.push(`teaches ${andList(taught)} (${share})`);
  }
  const gap = c.mentorSeniority[mentor]! - c.menteeSeniority[mentee]!;
  if (gap >= 1) parts.push(`${gap} level${gap === 1 ? '' : 's'} more senior`);
  if (c.preferOtherTeam[mentee] === 1 && differs(c.mentorTeam[mentor]!, c.menteeTeam[mentee]!)) {
    const team = teamName(mentor);
    parts.push(team === undefined ? 'another team' : `another team (${team})`);
  } else if (c.preferOtherTeam[mentee] === 1 && differs(c.mentorDept[mentor]!, c.menteeDept[mentee]!)) {
    parts.push('another department');
  }
  const hours = Math.floor(c.sharedMinutes(mentor, mentee) / 60);
  parts.push(hours === 0 ? 'under an hour of shared working time' : `${hours} h shared working hours`);
  if (c.continuing.has(key)) parts.push('continuing together, as you both asked');
  else if (c.past.has(key)) parts.push('paired in an earlier cycle');
  return parts.join(', ');
}
