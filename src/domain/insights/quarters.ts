import { type PeriodWindow, periodWindow } from '../time/periods.ts';
import { zonedParts, zonedTimeToInstant } from '../time/zoned-time.ts';

/** A calendar quarter in a time zone: `key` (`2026-Q3`) names it in rows and send keys, `label` in messages. */
export interface Quarter {
  key: string;
  label: string;
  window: PeriodWindow;
}

export function quarterContaining(instant: Date, timeZone: string): Quarter {
  const window = periodWindow(instant, timeZone, 'quarter');
  const local = zonedParts(window.start, timeZone);
  const number = Math.floor((local.month - 1) / 3) + 1;
  return { key: `${local.year}-Q${number}`, label: `Q${number} ${local.year}`, window };
}

/** The quarter that ended last: the one a recap sent now looks back on. */
export function previousQuarter(now: Date, timeZone: string): Quarter {
  const current = periodWindow(now, timeZone, 'quarter');
  return quarterContaining(new Date(current.start.getTime() - 1), timeZone);
}

/** The calendar months from `from` (a month's first instant) up to, not including, `to`, in the time zone. */
export function monthsBetween(from: Date, to: Date, timeZone: string): Array<{ label: string; window: PeriodWindow }> {
  const months: Array<{ label: string; window: PeriodWindow }> = [];
  let cursor = from;
  while (cursor.getTime() < to.getTime()) {
    const window = periodWindow(cursor, timeZone, 'month');
    const label = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone }).format(window.start);
    months.push({ label, window });
    cursor = window.end;
  }
  return months;
}

/** The quarter a `2026-Q3` key names, in the time zone. */
export function quarterOfKey(key: string, timeZone: string): Quarter {
  const match = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!match) throw new Error(`not a quarter: ${key}`);
  const month = (Number(match[2]) - 1) * 3 + 2;
  return quarterContaining(zonedTimeToInstant({ year: Number(match[1]), month, day: 15 }, timeZone), timeZone);
}
