import { addDays, zonedParts, zonedTimeToInstant } from './zoned-time.ts';

export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface PeriodWindow {
  start: Date;
  end: Date;
}

/**
 * Windows already worked out, by zone, period and local date: finding a window's instants takes a few dozen
 * Intl calls, and every kudos asks for the same few windows (see bench:interactions). Bounded; cleared when full.
 */
const windows = new Map<string, { start: number; end: number }>();
const maxCachedWindows = 4096;

/** The calendar period containing `now` in `timeZone` (weeks start on Monday), as UTC instants. */
export function periodWindow(now: Date, timeZone: string, period: Period): PeriodWindow {
  const p = zonedParts(now, timeZone);
  const key = `${timeZone}|${period}|${p.year}-${p.month}-${p.day}`;
  let cached = windows.get(key);
  if (!cached) {
    const computed = computeWindow(p, timeZone, period);
    cached = { start: computed.start.getTime(), end: computed.end.getTime() };
    if (windows.size >= maxCachedWindows) windows.clear();
    windows.set(key, cached);
  }
  return { start: new Date(cached.start), end: new Date(cached.end) };
}

function computeWindow(p: ReturnType<typeof zonedParts>, timeZone: string, period: Period): PeriodWindow {
  let first: { year: number; month: number; day: number };
  let next: { year: number; month: number; day: number };
  switch (period) {
    case 'day':
      first = { year: p.year, month: p.month, day: p.day };
      next = addDays(first, 1);
      break;
    case 'week':
      first = addDays({ year: p.year, month: p.month, day: p.day }, 1 - p.weekday);
      next = addDays(first, 7);
      break;
    case 'month':
      first = { year: p.year, month: p.month, day: 1 };
      next = p.month === 12 ? { year: p.year + 1, month: 1, day: 1 } : { year: p.year, month: p.month + 1, day: 1 };
      break;
    case 'quarter': {
      const firstMonth = Math.floor((p.month - 1) / 3) * 3 + 1;
      first = { year: p.year, month: firstMonth, day: 1 };
      next =
        firstMonth === 10 ? { year: p.year + 1, month: 1, day: 1 } : { year: p.year, month: firstMonth + 3, day: 1 };
      break;
    }
    case 'year':
      first = { year: p.year, month: 1, day: 1 };
      next = { year: p.year + 1, month: 1, day: 1 };
      break;
  }
  return { start: zonedTimeToInstant(first, timeZone), end: zonedTimeToInstant(next, timeZone) };
}

const describers = new Map<string, Intl.DateTimeFormat>();

/** "Monday 00:00" style text for a moment, in the reader's own zone. */
export function describeInstant(instant: Date, timeZone: string): string {
  let describer = describers.get(timeZone);
  if (!describer) {
    describer = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    describers.set(timeZone, describer);
  }
  return describer.format(instant);
}
