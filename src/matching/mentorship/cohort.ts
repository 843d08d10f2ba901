/**
 * A cohort's input resolved to indices and typed arrays once, so scoring a pair is a few array reads: skills become
 * sorted integer ids, teams and departments integer ids, working hours UTC windows at the cohort's date, and blocks,
 * past pairs and continuing pairs sets of (mentor, mentee) keys.
 */

import { hashString } from '../hash.ts';
import { isValidTimeZone, offsetOnDay, overlapMinutes, workingWindowUtc } from '../timezone.ts';
import { normaliseSkill } from './skills.ts';
import type { MentorshipInput } from './types.ts';

export const DEFAULT_DATE = '2026-01-05';
export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 5;

export class MentorshipInputError extends Error {}

export interface Cohort {
  mentorIds: readonly string[];
  menteeIds: readonly string[];
  nMentors: number;
  nMentees: number;
  capacity: Int32Array;
  /** Sorted distinct skill ids per mentor / mentee. */
  teaches: readonly Int32Array[];
  learns: readonly Int32Array[];
  /** What the mentee typed for each of their skills, for the sentences they read. */
  learnsText: readonly (readonly string[])[];
  /** Mentors teaching each skill id. */
  teachersOf: readonly Int32Array[];
  mentorTeam: Int32Array;
  menteeTeam: Int32Array;
  mentorDept: Int32Array;
  menteeDept: Int32Array;
  /** NaN when unknown. */
  mentorSeniority: Float64Array;
  menteeSeniority: Float64Array;
  mentorWinStart: Int16Array;
  mentorWinLength: Int16Array;
  menteeWinStart: Int16Array;
  menteeWinLength: Int16Array;
  preferOtherTeam: Uint8Array;
  /** Shared working minutes of a mentor and a mentee (windows are few, so they are compared once per kind). */
  sharedMinutes(mentor: number, mentee: number): number;
  /** The mentor index that is the same person as the mentee, or −1. */
  selfMentor: Int32Array;
  /**
   * People as integers shared by both roles, and each one's manager as the same kind of integer (−1 when unknown or
   * outside the cohort), so the manager rule is two integer comparisons.
   */
  mentorPerson: Int32Array;
  menteePerson: Int32Array;
  mentorManager: Int32Array;
  menteeManager: Int32Array;
  blocked: ReadonlySet<number>;
  /** 1 for a mentee named in a block, a past pair or a continuing pair: only they need the set lookups. */
  menteeHasPairFacts: Uint8Array;
  past: ReadonlySet<number>;
  continuing: ReadonlySet<number>;
  minSeniorityGap: number;
  allowSameTeam: boolean;
  seed: number;
  /** Given scores, when the input replaces the fit score with its own: key → score. */
  given: ReadonlyMap<number, number> | undefined;
}

export function pairKey(cohort: { nMentees: number }, mentor: number, mentee: number): number {
  return mentor * cohort.nMentees + mentee;
}

function indexIds(ids: readonly string[], role: string): Map<string, number> {
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) throw new MentorshipInputError(`${role} "${id}" appears more than once`);
    index.set(id, i);
  });
  return index;
}

/**
 * People share a handful of working windows (a zone and a start hour), so the overlap of every pair of distinct
 * windows is computed once; with too many distinct windows for a table it is computed per pair.
 */
function overlapLookup(
  mentorStart: Int16Array,
  mentorLength: Int16Array,
  menteeStart: Int16Array,
  menteeLength: Int16Array,
): (mentor: number, mentee: number) => number {
  const kinds = (start: Int16Array, length: Int16Array): { kind: Int32Array; start: number[]; length: number[] } => {
    const ids = new Map<number, number>();
    const out = { kind: new Int32Array(start.length), start: [] as number[], length: [] as number[] };
    for (let i = 0; i < start.length; i++) {
      const key = start[i]! * 2048 + length[i]!;
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
        out.start.push(start[i]!);
        out.length.push(length[i]!);
      }
      out.kind[i] = id;
    }
    return out;
  };
  const a = kinds(mentorStart, mentorLength);
  const b = kinds(menteeStart, menteeLength);
  if (a.start.length * b.start.length > 1_000_000) {
    return (m, e) => overlapMinutes(mentorStart[m]!, mentorLength[m]!, menteeStart[e]!, menteeLength[e]!);
  }
  const width = b.start.length;
  const table = new Int16Array(a.start.length * width);
  for (let i = 0; i < a.start.length; i++) {
    for (let j = 0; j < width; j++)
      table[i * width + j] = overlapMinutes(a.start[i]!, a.length[i]!, b.start[j]!, b.length[j]!);
  }
  return (m, e) => table[a.kind[m]! * width + b.kind[e]!]!;
}

/** Ids for names such as teams: −1 when missing, so "unknown" never equals "unknown". */
function interner(): (name: string | undefined) => number {
  const ids = new Map<string, number>();
  return (name) => {
    const trimmed = name?.trim();
    if (trimmed === undefined || trimmed === '') return -1;
    let id = ids.get(trimmed);
    if (id === undefined) {
      id = ids.size;
      ids.set(trimmed, id);
    }
    return id;
  };
}

export function buildCohort(input: MentorshipInput): Cohort {
  const { mentors, mentees } = input;
  const mentorIndex = indexIds(
    mentors.map((m) => m.id),
    'mentor',
  );
  const menteeIndex = indexIds(
    mentees.map((m) => m.id),
    'mentee',
  );
  const nMentors = mentors.length;
  const nMentees = mentees.length;
  const key = (mentor: number, mentee: number): number => mentor * nMentees + mentee;

  const skillIds = new Map<string, number>();
  const skillId = (raw: string): number => {
    const name = normaliseSkill(raw);
    let id = skillIds.get(name);
    if (id === undefined) {
      id = skillIds.size;
      skillIds.set(name, id);
    }
    return id;
  };
  const sortedDistinct = (list: readonly number[]): Int32Array => Int32Array.from(new Set(list)).sort();

  const teaches = mentors.map((m) => sortedDistinct(m.teaches.map(skillId)));
  const learnsText: string[][] = [];
  const learns = mentees.map((m) => {
    const seen = new Set<number>();
    const text: string[] = [];
    for (const raw of m.learns) {
      const id = skillId(raw);
      if (!seen.has(id)) text.push(raw.trim());
      seen.add(id);
    }
    learnsText.push(text);
    return sortedDistinct([...seen]);
  });
  const teacherLists: number[][] = Array.from({ length: skillIds.size }, () => []);
  teaches.forEach((list, m) => {
    for (const s of list) teacherLists[s]!.push(m);
  });

  const teamId = interner();
  const deptId = interner();

  const date = input.date ?? DEFAULT_DATE;
  const dayStart = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(dayStart)) throw new MentorshipInputError(`date "${date}" is not an ISO date`);
  const offsets = new Map<string, number>();
  const windowOf = (
    timezone: string | undefined,
    hours: readonly [number, number] | undefined,
  ): { start: number; length: number } => {
    const zone = timezone ?? 'UTC';
    let offset = offsets.get(zone);
    if (offset === undefined) {
      if (!isValidTimeZone(zone)) throw new MentorshipInputError(`unknown time zone "${zone}"`);
      offset = offsetOnDay(zone, dayStart);
      offsets.set(zone, offset);
    }
    const [startHour, endHour] = hours ?? [9, 17];
    return workingWindowUtc(offset, startHour, endHour);
  };

  const capacity = new Int32Array(nMentors);
  const mentorWinStart = new Int16Array(nMentors);
  const mentorWinLength = new Int16Array(nMentors);
  mentors.forEach((m, i) => {
    if (!Number.isInteger(m.capacity) || m.capacity < MIN_CAPACITY || m.capacity > MAX_CAPACITY) {
      throw new MentorshipInputError(`mentor "${m.id}": capacity must be ${MIN_CAPACITY}–${MAX_CAPACITY}`);
    }
    capacity[i] = m.capacity;
    const w = windowOf(m.timezone, m.workHours);
    mentorWinStart[i] = w.start;
    mentorWinLength[i] = w.length;
  });
  const menteeWinStart = new Int16Array(nMentees);
  const menteeWinLength = new Int16Array(nMentees);
  mentees.forEach((m, i) => {
    const w = windowOf(m.timezone, m.workHours);
    menteeWinStart[i] = w.start;
    menteeWinLength[i] = w.length;
  });

  const blocked = new Set<number>();
  for (const [a, b] of input.blocks ?? []) {
    for (const [mentor, mentee] of [
      [a, b],
      [b, a],
    ] as const) {
      const i = mentorIndex.get(mentor);
      const j = menteeIndex.get(mentee);
      if (i !== undefined && j !== undefined) blocked.add(key(i, j));
    }
  }
  const pairSet = (pairs: readonly { mentor: string; mentee: string }[] | undefined): Set<number> => {
    const set = new Set<number>();
    for (const p of pairs ?? []) {
      const i = mentorIndex.get(p.mentor);
      const j = menteeIndex.get(p.mentee);
      if (i !== undefined && j !== undefined) set.add(key(i, j));
    }
    return set;
  };

  let given: Map<number, number> | undefined;
  if (input.scores !== undefined) {
    given = new Map();
    for (const s of input.scores) {
      const i = mentorIndex.get(s.mentor);
      const j = menteeIndex.get(s.mentee);
      if (i === undefined || j === undefined) {
        throw new MentorshipInputError(`score for unknown pair ${s.mentor} → ${s.mentee}`);
      }
      if (!Number.isSafeInteger(s.score)) throw new MentorshipInputError('scores must be whole numbers');
      given.set(key(i, j), s.score);
    }
  }

  const menteeHasPairFacts = new Uint8Array(nMentees);
  const past = pairSet(input.history);
  const continuing = pairSet(input.continuing);
  for (const set of [blocked, past, continuing]) for (const k of set) menteeHasPairFacts[k % nMentees] = 1;

  const personIds = new Map<string, number>();
  for (const p of [...mentors, ...mentees]) if (!personIds.has(p.id)) personIds.set(p.id, personIds.size);
  const managerOf = (p: { id: string; manager?: string }): number =>
    p.manager === undefined || p.manager === p.id ? -1 : (personIds.get(p.manager) ?? -1);

  const sharedMinutes = overlapLookup(mentorWinStart, mentorWinLength, menteeWinStart, menteeWinLength);
  const seed = input.seed ?? date;
  return {
    mentorIds: mentors.map((m) => m.id),
    menteeIds: mentees.map((m) => m.id),
    nMentors,
    nMentees,
    capacity,
    teaches,
    learns,
    learnsText,
    teachersOf: teacherLists.map((list) => Int32Array.from(list)),
    mentorTeam: Int32Array.from(mentors, (m) => teamId(m.team)),
    menteeTeam: Int32Array.from(mentees, (m) => teamId(m.team)),
    mentorDept: Int32Array.from(mentors, (m) => deptId(m.department)),
    menteeDept: Int32Array.from(mentees, (m) => deptId(m.department)),
    mentorSeniority: Float64Array.from(mentors, (m) => m.seniority ?? Number.NaN),
    menteeSeniority: Float64Array.from(mentees, (m) => m.seniority ?? Number.NaN),
    mentorWinStart,
    mentorWinLength,
    menteeWinStart,
    menteeWinLength,
    sharedMinutes,
    preferOtherTeam: Uint8Array.from(mentees, (m) => (m.preferOtherTeam === true ? 1 : 0)),
    selfMentor: Int32Array.from(mentees, (m) => mentorIndex.get(m.id) ?? -1),
    mentorPerson: Int32Array.from(mentors, (m) => personIds.get(m.id)!),
    menteePerson: Int32Array.from(mentees, (m) => personIds.get(m.id)!),
    mentorManager: Int32Array.from(mentors, managerOf),
    menteeManager: Int32Array.from(mentees, managerOf),
    blocked,
    menteeHasPairFacts,
    past,
    continuing,
    minSeniorityGap: input.rules?.minSeniorityGap ?? 0,
    allowSameTeam: input.rules?.allowSameTeam ?? true,
    seed: typeof seed === 'number' ? seed >>> 0 : hashString(seed),
    given,
  };
}
