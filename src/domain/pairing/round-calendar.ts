import type { ProgrammeFrequency } from '../../db/schema-pairing.ts';
import { addDays, zonedParts, zonedTimeToInstant } from '../time/zoned-time.ts';

export interface RoundCalendarInput {
  frequency: ProgrammeFrequency;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** The programme's start; biweekly rounds fall on the weeks an even number of weeks after it. */
  createdAt: Date;
}

const dayMillis = 24 * 3600 * 1000;

function isoDate(local: { year: number; month: number; day: number }): string {
  return `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}

function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Whether a local calendar date is a round date for the programme. */
export function isRoundDate(programme: RoundCalendarInput, date: string, timeZone: string): boolean {
  if (weekdayOf(date) !== programme.weekday) return false;
  if (programme.frequency === 'weekly') return true;
  if (programme.frequency === 'monthly') return Number(date.slice(8, 10)) <= 7; // the first such weekday
  const start = zonedParts(programme.createdAt, timeZone);
  const startMonday = addDays({ year: start.year, month: start.month, day: start.day }, 1 - start.weekday);
  const weeks = Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${isoDate(startMonday)}T00:00:00Z`)) / (7 * dayMillis),
  );
  return Math.floor(weeks) % 2 === 0;
}

/** The next round date on or after `now`'s local date (searching a little over two months ahead). */
export function nextRoundDate(programme: RoundCalendarInput, now: Date, timeZone: string): string {
  const today = zonedParts(now, timeZone);
  for (let i = 0; i < 70; i += 1) {
    const date = isoDate(addDays({ year: today.year, month: today.month, day: today.day }, i));
    if (isRoundDate(programme, date, timeZone)) return date;
  }
  return isoDate(today);
}

export function localDate(now: Date, timeZone: string): string {
  return isoDate(zonedParts(now, timeZone));
}

export function addDaysToDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return isoDate(addDays({ year, month, day }, days));
}

/**
 * The date of the programme's next round as the calendar will run it: never the day it started (people get a day
 * to pause or leave first; see the `pairing.tick` job), otherwise the next round date from today.
 */
export function upcomingRoundDate(programme: RoundCalendarInput, now: Date, timeZone: string): string {
  const startedOn = localDate(programme.createdAt, timeZone);
  const today = localDate(now, timeZone);
  const from = today > startedOn ? today : addDaysToDate(startedOn, 1);
  const [year, month, day] = from.split('-').map(Number) as [number, number, number];
  for (let i = 0; i < 70; i += 1) {
    const date = isoDate(addDays({ year, month, day }, i));
    if (isRoundDate(programme, date, timeZone)) return date;
  }
  return from;
}

/** The upcoming round's date, with the midday of that date in the workspace's zone (a moment to show it by). */
export function upcomingRound(
  programme: RoundCalendarInput,
  now: Date,
  timeZone: string,
): { date: string; midday: Date } {
  const date = upcomingRoundDate(programme, now, timeZone);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { date, midday: zonedTimeToInstant({ year, month, day, hour: 12 }, timeZone) };
}
