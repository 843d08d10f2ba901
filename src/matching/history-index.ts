/**
 * Past meetings per person in compressed rows (CSR), so scoring a pair costs a binary search over one person's past
 * partners. Numeric arrays rather than Map keys: string or big-number keys were the bottleneck at 100k people.
 *
 * A pair that met several times keeps one entry per meeting, side by side in the row; their count, latest date and
 * decayed penalty are read off those few entries when asked for (rarely: most scored pairs never met). That keeps
 * the index to two numbers per meeting and each round's allocations small.
 */

import type { PastGroup } from './types.ts';

const DAY_MS = 86_400_000;

export interface HistoryIndex {
  /** Row offsets: person i's meetings are at start[i] .. start[i+1], sorted by partner. */
  start: Int32Array;
  partner: Int32Array;
  /** Each meeting's date, as an index into the two per-date tables below. */
  when: Int32Array;
  /** Days from the date to the round (0 for a date on or after the round). */
  dateAge: Float64Array;
  /** 2^(−age / halfLife): what one meeting on that date adds to the pair's penalty. */
  dateWeight: Float64Array;
}

export function parseDateMs(date: string): number {
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? Number.NaN : ms;
}

export function buildHistoryIndex(
  n: number,
  indexOf: ReadonlyMap<string, number>,
  history: readonly PastGroup[],
  roundMs: number,
  halfLifeWeeks: number,
): HistoryIndex {
  const halfLifeDays = Math.max(1e-9, halfLifeWeeks * 7);
  const { flat, used, dateAge } = resolveGroups(indexOf, history, roundMs);
  const dateWeight = dateAge.map((days) => 2 ** (-days / halfLifeDays));

  const start = rowStarts(n, flat, used);
  const partner = new Int32Array(start[n]!);
  const when = new Int32Array(start[n]!);
  fillRows(n, flat, used, start, partner, when);
  sortRows(n, start, partner, when);
  return { start, partner, when, dateAge, dateWeight };
}

/**
 * Resolves ids once into one flat buffer: each group is its date as −(date + 1), then its members' indices. People
 * who have left (unknown ids) drop out; groups left with fewer than two people, or with a bad date, are dropped.
 * Rounds share a handful of dates, so each distinct date is parsed once (and the previous group's date string is
 * compared first: groups of one round usually sit together). Its own function: the one loop over every past group
 * at 100k people (a million id lookups), kept small so it is compiled on its own.
 */
function resolveGroups(
  indexOf: ReadonlyMap<string, number>,
  history: readonly PastGroup[],
  roundMs: number,
): { flat: Int32Array; used: number; dateAge: Float64Array } {
  const dateIds = new Map<string, number>();
  const ages: number[] = [];
  let lastDate: string | undefined;
  let lastDateId = -1;
  // Sized for pairs plus their headers; grown when groups are larger (a separate sizing pass would read every group
  // object twice, and at 100k people those reads are cache misses).
  let flat = new Int32Array(3 * history.length + 16);
  let used = 0;
  for (let g = 0; g < history.length; g++) {
    const group = history[g]!;
    if (group.date !== lastDate) {
      lastDate = group.date;
      let id = dateIds.get(lastDate);
      if (id === undefined) {
        const ms = parseDateMs(lastDate);
        id = Number.isNaN(ms) ? -1 : ages.length;
        if (id >= 0) ages.push(Math.max(0, (roundMs - ms) / DAY_MS));
        dateIds.set(lastDate, id);
      }
      lastDateId = id;
    }
    if (lastDateId < 0) continue;
    const members = group.members;
    if (used + members.length + 1 > flat.length) {
      const grown = new Int32Array(2 * flat.length + members.length + 1);
      grown.set(flat.subarray(0, used));
      flat = grown;
    }
    const header = used;
    flat[used++] = -(lastDateId + 1);
    for (let x = 0; x < members.length; x++) {
      const i = indexOf.get(members[x]!);
      if (i !== undefined) flat[used++] = i;
    }
    if (used - header < 3) used = header;
  }
  return { flat, used, dateAge: Float64Array.from(ages) };
}

/**
 * One entry per (person, other member of one of their groups), bucketed by person: row offsets. Each group in `flat`
 * runs from after its header to the next header. (One loop per function here and below: each runs once per round
 * over a million entries, and V8 compiles such loops on the fly, best one function at a time.)
 */
function rowStarts(n: number, flat: Int32Array, used: number): Int32Array {
  const start = new Int32Array(n + 1);
  for (let x = 0; x < used; ) {
    const to = groupEnd(flat, used, x + 1);
    for (let y = x + 1; y < to; y++) start[flat[y]! + 1]! += to - x - 2;
    x = to;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  return start;
}

function fillRows(
  n: number,
  flat: Int32Array,
  used: number,
  start: Int32Array,
  partner: Int32Array,
  when: Int32Array,
): void {
  const cursor = start.slice(0, n);
  for (let x = 0; x < used; ) {
    const dateId = -flat[x]! - 1;
    const from = x + 1;
    const to = groupEnd(flat, used, from);
    for (let y = from; y < to; y++) {
      const a = flat[y]!;
      for (let z = from; z < to; z++) {
        if (y === z) continue;
        const slot = cursor[a]!++;
        partner[slot] = flat[z]!;
        when[slot] = dateId;
      }
    }
    x = to;
  }
}

/** Each row by partner; rows are short (a few meetings a quarter), and insertion sort keeps equal partners in order. */
function sortRows(n: number, start: Int32Array, partner: Int32Array, when: Int32Array): void {
  for (let i = 0; i < n; i++) {
    const lo = start[i]!;
    const hi = start[i + 1]!;
    for (let x = lo + 1; x < hi; x++) {
      const p = partner[x]!;
      const d = when[x]!;
      let y = x - 1;
      while (y >= lo && partner[y]! > p) {
        partner[y + 1] = partner[y]!;
        when[y + 1] = when[y]!;
        y--;
      }
      partner[y + 1] = p;
      when[y + 1] = d;
    }
  }
}

/** Where the group whose members start at `from` ends: the next header (a negative entry) or the end. */
function groupEnd(flat: Int32Array, used: number, from: number): number {
  let to = from;
  while (to < used && flat[to]! >= 0) to++;
  return to;
}

/** First slot of the pair (a, b) in a's row, or -1 if they never met. */
export function findMeeting(index: HistoryIndex, a: number, b: number): number {
  let lo = index.start[a]!;
  let hi = index.start[a + 1]!;
  const partner = index.partner;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (partner[mid]! < b) lo = mid + 1;
    else hi = mid;
  }
  return lo < index.start[a + 1]! && partner[lo] === b ? lo : -1;
}

/** End of the run of meetings that starts at `slot` (a slot from findMeeting on a's row). */
function runEnd(index: HistoryIndex, a: number, slot: number): number {
  const end = index.start[a + 1]!;
  const b = index.partner[slot]!;
  let s = slot + 1;
  while (s < end && index.partner[s] === b) s++;
  return s;
}

/** How many times the pair met. */
export function meetingCount(index: HistoryIndex, a: number, slot: number): number {
  return runEnd(index, a, slot) - slot;
}

/** Days since the pair last met. */
export function daysSinceMet(index: HistoryIndex, a: number, slot: number): number {
  const end = runEnd(index, a, slot);
  let days = Number.POSITIVE_INFINITY;
  for (let s = slot; s < end; s++) days = Math.min(days, index.dateAge[index.when[s]!]!);
  return days;
}

/** Σ over the pair's meetings of 2^(−age / halfLife). */
export function decayedMeetings(index: HistoryIndex, a: number, slot: number): number {
  const end = runEnd(index, a, slot);
  let total = 0;
  for (let s = slot; s < end; s++) total += index.dateWeight[index.when[s]!]!;
  return total;
}
