/**
 * Past meetings per person in compressed rows (CSR), so scoring a pair costs a binary search over one person's past
 * partners. Numeric arrays rather than Map keys: string or big-number keys were the bottleneck at 100k people.
 */

import type { PastGroup } from './types.ts';

const DAY_MS = 86_400_000;

export interface HistoryIndex {
  /** Row offsets: person i's partners are partner[start[i] .. start[i+1]), sorted ascending. */
  start: Int32Array;
  partner: Int32Array;
  /** Σ over meetings of 2^(−age / halfLife). */
  decayed: Float32Array;
  /** Days since the most recent meeting (0 for a meeting dated on or after the round). */
  lastDays: Float32Array;
  times: Int32Array;
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
  // Resolve once into flat typed buffers; people who have left (unknown ids) simply drop out of the pairs.
  const dateCache = new Map<string, number>();
  let capacity = 0;
  for (const group of history) capacity += group.members.length;
  const flat = new Int32Array(capacity);
  const groupEnd = new Int32Array(history.length);
  const groupAge = new Float64Array(history.length);
  let used = 0;
  let groups = 0;
  for (const group of history) {
    let ms = dateCache.get(group.date);
    if (ms === undefined) {
      ms = parseDateMs(group.date);
      dateCache.set(group.date, ms);
    }
    if (Number.isNaN(ms)) continue;
    const before = used;
    for (const id of group.members) {
      const i = indexOf.get(id);
      if (i !== undefined) flat[used++] = i;
    }
    if (used - before < 2) {
      used = before;
      continue;
    }
    groupEnd[groups] = used;
    groupAge[groups] = Math.max(0, (roundMs - ms) / DAY_MS);
    groups++;
  }

  const degree = new Int32Array(n + 1);
  let from = 0;
  for (let g = 0; g < groups; g++) {
    const to = groupEnd[g]!;
    const size = to - from;
    for (let x = from; x < to; x++) degree[flat[x]!]! += size - 1;
    from = to;
  }
  const rawStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rawStart[i + 1] = rawStart[i]! + degree[i]!;
  const total = rawStart[n]!;
  const rawPartner = new Int32Array(total);
  const rawAge = new Float32Array(total);
  const cursor = rawStart.slice(0, n);
  from = 0;
  for (let g = 0; g < groups; g++) {
    const to = groupEnd[g]!;
    const age = groupAge[g]!;
    for (let x = from; x < to; x++) {
      const a = flat[x]!;
      for (let y = from; y < to; y++) {
        const b = flat[y]!;
        if (a === b) continue;
        const slot = cursor[a]!++;
        rawPartner[slot] = b;
        rawAge[slot] = age;
      }
    }
    from = to;
  }

  // Sort each row by partner and merge repeated meetings of the same pair.
  const start = new Int32Array(n + 1);
  const partner = new Int32Array(total);
  // Single precision is plenty for penalties and day counts, and halves the largest arrays at 100k people.
  const decayed = new Float32Array(total);
  const lastDays = new Float32Array(total);
  const times = new Int32Array(total);
  const halfLifeDays = Math.max(1e-9, halfLifeWeeks * 7);
  let out = 0;
  for (let i = 0; i < n; i++) {
    start[i] = out;
    const lo = rawStart[i]!;
    const hi = rawStart[i + 1]!;
    for (let x = lo + 1; x < hi; x++) {
      const p = rawPartner[x]!;
      const age = rawAge[x]!;
      let y = x - 1;
      while (y >= lo && rawPartner[y]! > p) {
        rawPartner[y + 1] = rawPartner[y]!;
        rawAge[y + 1] = rawAge[y]!;
        y--;
      }
      rawPartner[y + 1] = p;
      rawAge[y + 1] = age;
    }
    for (let x = lo; x < hi; x++) {
      const p = rawPartner[x]!;
      const age = rawAge[x]!;
      const weight = 2 ** (-age / halfLifeDays);
      if (out > start[i]! && partner[out - 1] === p) {
        decayed[out - 1]! += weight;
        if (age < lastDays[out - 1]!) lastDays[out - 1] = age;
        times[out - 1]!++;
      } else {
        partner[out] = p;
        decayed[out] = weight;
        lastDays[out] = age;
        times[out] = 1;
        out++;
      }
    }
  }
  start[n] = out;
  return {
    start,
    partner: partner.subarray(0, out),
    decayed: decayed.subarray(0, out),
    lastDays: lastDays.subarray(0, out),
    times: times.subarray(0, out),
  };
}

/** Slot of the pair (a, b) in the index, or -1 if they never met. */
export function findMeeting(index: HistoryIndex, a: number, b: number): number {
  let lo = index.start[a]!;
  let hi = index.start[a + 1]! - 1;
  const partner = index.partner;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const p = partner[mid]!;
    if (p === b) return mid;
    if (p < b) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
