/**
 * Working windows in UTC minutes, from IANA zones at the round's date. Offsets come from Intl so daylight saving is
 * whatever the zone observes on that date (London is UTC+1 in July and UTC+0 in January).
 */

export const DAY_MINUTES = 1440;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes to add to UTC to get the zone's wall clock at `instantMs`. */
export function utcOffsetMinutes(timeZone: string, instantMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(instantMs);
  const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'));
  const truncated = instantMs - (((instantMs % 60000) + 60000) % 60000);
  return Math.round((wall - truncated) / 60000);
}

/** The offset in force at local noon of the given calendar day (noon is never inside a DST switch). */
export function offsetOnDay(timeZone: string, dayStartUtcMs: number): number {
  const noonUtc = dayStartUtcMs + 12 * 3600_000;
  const guess = utcOffsetMinutes(timeZone, noonUtc);
  return utcOffsetMinutes(timeZone, noonUtc - guess * 60000);
}

export interface UtcWindow {
  /** Start in minutes after 00:00 UTC, 0..1439. */
  start: number;
  /** Length in minutes, 0..1440. */
  length: number;
}

export function workingWindowUtc(offsetMinutes: number, startHour: number, endHour: number): UtcWindow {
  const startLocal = Math.round(startHour * 60);
  let endLocal = Math.round(endHour * 60);
  if (endLocal <= startLocal) endLocal += DAY_MINUTES; // a night shift such as [22, 6]
  const length = Math.min(DAY_MINUTES, endLocal - startLocal);
  const start = (((startLocal - offsetMinutes) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return { start, length };
}

/** Minutes per day when both windows are open; windows repeat daily, so they are compared on a 24 h circle. */
export function overlapMinutes(startA: number, lengthA: number, startB: number, lengthB: number): number {
  const endA = startA + lengthA;
  let total = 0;
  for (let shift = -DAY_MINUTES; shift <= DAY_MINUTES; shift += DAY_MINUTES) {
    const lo = Math.max(startA, startB + shift);
    const hi = Math.min(endA, startB + shift + lengthB);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

/** Minutes per day when every window of a group is open, at 15-minute resolution. */
export function groupOverlapMinutes(starts: readonly number[], lengths: readonly number[]): number {
  const slots = DAY_MINUTES / 15;
  const open = new Uint8Array(slots);
  for (let i = 0; i < starts.length; i++) {
    const first = Math.round(starts[i]! / 15);
    const count = Math.round(lengths[i]! / 15);
    for (let s = 0; s < count; s++) open[(first + s) % slots]!++;
  }
  let all = 0;
  for (let s = 0; s < slots; s++) if (open[s] === starts.length) all++;
  return all * 15;
}
