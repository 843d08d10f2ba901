/**
 * The round's people as parallel typed arrays indexed 0..n-1, plus the resolved configuration. Every later stage
 * works on indices; ids come back only when the result is written.
 */

import { hashString } from './hash.ts';
import { buildHistoryIndex, type HistoryIndex, parseDateMs } from './history-index.ts';
import { isValidTimeZone, offsetOnDay, workingWindowUtc } from './timezone.ts';
import type { ProgrammeRule, RoundInput, SolverChoice, Weights } from './types.ts';

export class MatchInputError extends Error {
  override name = 'MatchInputError';
}

export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  base: 100,
  crossTeam: 30,
  crossDepartment: 10,
  sharedHours: 20,
  noSharedHours: 40,
  repeat: 60,
  repeatHalfLifeWeeks: 8,
  mentorFit: 20,
  unmatchedBoost: 25,
  jitter: 5,
});

export const DEFAULT_COOLDOWN_WEEKS = 4;
const DEFAULT_WORK_HOURS: readonly [number, number] = [9, 17];
export const DEFAULT_CANDIDATES_PER_MEMBER = 10;

export interface RoundConfig {
  groupSize: number;
  cooldownWeeks: number;
  rule: ProgrammeRule;
  weights: Weights;
  seed: number;
  solver: SolverChoice;
  candidatesPerMember: number;
  roundMs: number;
}

export interface Pool {
  n: number;
  ids: readonly string[];
  team: Int32Array;
  teamNames: readonly string[];
  teamSize: Int32Array;
  dept: Int32Array;
  deptNames: readonly string[];
  deptSize: Int32Array;
  winStart: Int16Array;
  winLength: Int16Array;
  /** People with the same UTC working window share a class, so overlap scores come from a small table. */
  zoneClass: Int32Array;
  zoneClasses: number;
  /** 1 for the hub side of a star programme (mentors, hosts). */
  hub: Uint8Array;
  hubCount: number;
  seniority: Float64Array;
  tagStart: Int32Array;
  tagIds: Int32Array;
  idHash: Uint32Array;
  history: HistoryIndex;
  blocked: ReadonlySet<number>;
  blockedPartners: ReadonlyMap<number, readonly number[]>;
  trioDebt: Int32Array;
  unmatchedDebt: Int32Array;
  config: RoundConfig;
}

function startOfUtcDay(ms: number): number {
  return ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000);
}

export function resolveConfig(input: RoundInput): RoundConfig {
  const roundMs = parseDateMs(input.date);
  if (Number.isNaN(roundMs)) throw new MatchInputError(`date "${input.date}" is not an ISO date`);
  const groupSize = input.groupSize ?? 2;
  if (!Number.isInteger(groupSize) || groupSize < 2 || groupSize > 4) {
    throw new MatchInputError(`groupSize must be 2, 3 or 4 (got ${groupSize})`);
  }
  const cooldownWeeks = input.cooldownWeeks ?? DEFAULT_COOLDOWN_WEEKS;
  if (!Number.isInteger(cooldownWeeks) || cooldownWeeks < 0 || cooldownWeeks > 104) {
    throw new MatchInputError(`cooldownWeeks must be a whole number from 0 to 104 (got ${cooldownWeeks})`);
  }
  const weights: Weights = { ...DEFAULT_WEIGHTS, ...input.weights };
  for (const [key, value] of Object.entries(weights)) {
    if (!Number.isFinite(value) || value < 0 || value > 10_000) {
      throw new MatchInputError(`weights.${key} must be a number from 0 to 10000 (got ${value})`);
    }
  }
  if (weights.base < 1) throw new MatchInputError('weights.base must be at least 1');
  const k = input.candidatesPerMember ?? DEFAULT_CANDIDATES_PER_MEMBER;
  if (!Number.isInteger(k) || k < 1 || k > 200) {
    throw new MatchInputError(`candidatesPerMember must be a whole number from 1 to 200 (got ${k})`);
  }
  return {
    groupSize,
    cooldownWeeks,
    rule: input.rule ?? 'open',
    weights,
    seed: hashString(String(input.seed ?? input.date)),
    solver: input.solver ?? 'auto',
    candidatesPerMember: k,
    roundMs,
  };
}

function intern(names: string[], lookup: Map<string, number>, name: string | undefined, fallback: string): number {
  if (name === undefined || name === '') {
    // Nobody shares a missing team: each gets its own anonymous one.
    names.push(fallback);
    return names.length - 1;
  }
  let id = lookup.get(name);
  if (id === undefined) {
    id = names.length;
    names.push(name);
    lookup.set(name, id);
  }
  return id;
}

export function buildPool(input: RoundInput): Pool {
  const config = resolveConfig(input);
  const members = input.members;
  const n = members.length;
  if (n > 1 << 24) throw new MatchInputError('at most 16,777,216 members per round');
  const ids: string[] = new Array(n);
  const indexOf = new Map<string, number>();
  const teamNames: string[] = [];
  const teamLookup = new Map<string, number>();
  const deptNames: string[] = [];
  const deptLookup = new Map<string, number>();
  const tagLookup = new Map<string, number>();
  const team = new Int32Array(n);
  const dept = new Int32Array(n);
  const winStart = new Int16Array(n);
  const winLength = new Int16Array(n);
  const zoneClass = new Int32Array(n);
  const classOf = new Map<number, number>();
  const hub = new Uint8Array(n);
  const seniority = new Float64Array(n);
  const idHash = new Uint32Array(n);
  const tagStart = new Int32Array(n + 1);
  const tagList: number[] = [];
  const dayStart = startOfUtcDay(config.roundMs);
  const offsets = new Map<string, number>();
  const hubRole = config.rule === 'mentor-mentee' ? 'mentor' : config.rule === 'fixed-host' ? 'host' : undefined;

  let lastTeam: string | undefined;
  let lastDept: string | undefined;
  let lastZone: string | undefined;
  let lastOffset = 0;
  let lastWindowKey = -1;
  for (let i = 0; i < n; i++) {
    const m = members[i]!;
    if (typeof m.id !== 'string' || m.id === '')
      throw new MatchInputError(`members[${i}].id must be a non-empty string`);
    // One lookup instead of has + set: a duplicate leaves the size unchanged.
    const known = indexOf.size;
    indexOf.set(m.id, i);
    if (indexOf.size === known) throw new MatchInputError(`members[${i}].id "${m.id}" appears more than once`);
    ids[i] = m.id;
    idHash[i] = hashString(m.id);
    // Teammates usually come one after another, so the previous member's team, department and zone are tried first.
    if (m.team !== undefined && m.team !== '' && m.team === lastTeam) team[i] = team[i - 1]!;
    else team[i] = intern(teamNames, teamLookup, m.team, '(no team)');
    lastTeam = m.team;
    if (m.department !== undefined && m.department !== '' && m.department === lastDept) dept[i] = dept[i - 1]!;
    else dept[i] = intern(deptNames, deptLookup, m.department, '(no department)');
    lastDept = m.department;
    const zone = m.timezone ?? 'UTC';
    let offset = zone === lastZone ? lastOffset : offsets.get(zone);
    if (offset === undefined) {
      if (!isValidTimeZone(zone))
        throw new MatchInputError(`members[${i}].timezone "${zone}" is not an IANA time zone`);
      offset = offsetOnDay(zone, dayStart);
      offsets.set(zone, offset);
    }
    lastZone = zone;
    lastOffset = offset;
    const hoursGiven = m.workHours ?? DEFAULT_WORK_HOURS;
    const startHour = hoursGiven[0];
    const endHour = hoursGiven[1];
    if (!(startHour >= 0 && startHour <= 24 && endHour >= 0 && endHour <= 24)) {
      throw new MatchInputError(`members[${i}].workHours must be two hours between 0 and 24`);
    }
    const window = workingWindowUtc(offset, startHour, endHour);
    winStart[i] = window.start;
    winLength[i] = window.length;
    const windowKey = window.start * 2048 + window.length;
    let cls = windowKey === lastWindowKey ? zoneClass[i - 1]! : classOf.get(windowKey);
    if (cls === undefined) {
      cls = classOf.size;
      classOf.set(windowKey, cls);
    }
    lastWindowKey = windowKey;
    zoneClass[i] = cls;
    hub[i] = hubRole !== undefined && m.role === hubRole ? 1 : 0;
    seniority[i] = m.seniority ?? Number.NaN;
    if (config.rule === 'mentor-mentee' && m.tags !== undefined && m.tags.length > 0) {
      // Only the mentor programme scores tags; skipping them elsewhere keeps large rounds lean.
      const tags = new Set<number>();
      for (const tag of m.tags) {
        let id = tagLookup.get(tag);
        if (id === undefined) {
          id = tagLookup.size;
          tagLookup.set(tag, id);
        }
        tags.add(id);
      }
      for (const id of [...tags].sort((a, b) => a - b)) tagList.push(id);
    }
    tagStart[i + 1] = tagList.length;
  }

  let hubCount = 0;
  for (let i = 0; i < n; i++) hubCount += hub[i]!;
  const teamSize = new Int32Array(teamNames.length);
  for (let i = 0; i < n; i++) teamSize[team[i]!]!++;
  const deptSize = new Int32Array(deptNames.length);
  for (let i = 0; i < n; i++) deptSize[dept[i]!]!++;

  const blocked = new Set<number>();
  const blockedPartners = new Map<number, number[]>();
  for (const pair of input.blocks ?? []) {
    const a = indexOf.get(pair[0]);
    const b = indexOf.get(pair[1]);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a < b ? a * n + b : b * n + a;
    if (blocked.has(key)) continue;
    blocked.add(key);
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = blockedPartners.get(x);
      if (list === undefined) blockedPartners.set(x, [y]);
      else list.push(y);
    }
  }

  const trioDebt = new Int32Array(n);
  const unmatchedDebt = new Int32Array(n);
  for (const debt of input.debts ?? []) {
    const i = indexOf.get(debt.id);
    if (i === undefined) continue;
    trioDebt[i] = Math.max(0, Math.floor(debt.trios ?? 0));
    unmatchedDebt[i] = Math.max(0, Math.floor(debt.unmatched ?? 0));
  }

  const history = buildHistoryIndex(
    n,
    indexOf,
    input.history ?? [],
    config.roundMs,
    config.weights.repeatHalfLifeWeeks,
  );

  return {
    n,
    ids,
    team,
    teamNames,
    teamSize,
    dept,
    deptNames,
    deptSize,
    winStart,
    winLength,
    zoneClass,
    zoneClasses: classOf.size,
    hub,
    hubCount,
    seniority,
    tagStart,
    tagIds: Int32Array.from(tagList),
    idHash,
    history,
    blocked,
    blockedPartners,
    trioDebt,
    unmatchedDebt,
    config,
  };
}
