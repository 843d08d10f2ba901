import { addDays, zonedParts, zonedTimeToInstant } from './zoned-time.ts';

export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface PeriodWindow {
  start: Date;
  end: Date;
}

/** The calendar period containing `now` in `timeZone` (weeks start on Monday), as UTC instants. */
export function periodWindow(now: Date, timeZone: string, period: Period): PeriodWindow {
  const p = zonedParts(now, timeZone);
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

/** "Monday 00:00" style text for a moment, in the reader's own zone. */
export function describeInstant(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(instant);
}
