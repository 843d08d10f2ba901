import type { CelebrationVisibility, OccasionKind, WeekendRule } from '../../db/schema-celebrations.ts';
import { addDays, isValidTimeZone, zonedParts, zonedTimeToInstant } from '../time/zoned-time.ts';

/**
 * When a birthday or work anniversary is celebrated: pure functions of the person's dates, their time zone,
 * the workspace's rules and `now`. No I/O, so every time zone, DST night and leap year can be tested exactly.
 */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface MonthDay {
  month: number;
  day: number;
}

export interface CelebrationRules {
  /** Local hour in the person's own time zone. */
  postHour: number;
  weekendRule: WeekendRule;
}

export interface Celebrant {
  userId: string;
  timeZone: string;
  birthday: MonthDay | null;
  startDate: LocalDate | null;
  birthdayVisibility: CelebrationVisibility;
  anniversaryVisibility: CelebrationVisibility;
}

export interface Occasion {
  userId: string;
  kind: OccasionKind;
  /** The year of the date being celebrated (a Friday-before for a Saturday 1 January still counts for that year). */
  occasionYear: number;
  /** The date celebrated, after Feb 29 → Feb 28 in common years. */
  date: LocalDate;
  /** The date it is posted on, after the weekend rule. */
  observed: LocalDate;
  /** The posting instant: `postHour` on `observed` in the person's time zone. */
  moment: Date;
  timeZone: string;
  /** Completed years, for anniversaries; null for birthdays. */
  years: number | null;
  visibility: Exclude<CelebrationVisibility, 'none'>;
}

/** How late a missed posting moment may still be caught up (a worker down for a few hours, a restart). */
export const catchUpHours = 24;

export const milestoneYears = [1, 5, 10, 15, 20];

/** 1, 5, 10, 15, 20 years, and every five years after that. */
export function isMilestone(years: number): boolean {
  return milestoneYears.includes(years) || (years > 20 && years % 5 === 0);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether month/day can be someone's birthday (Feb 29 can: it is celebrated on Feb 28 in common years). */
export function isValidMonthDay(month: number, day: number): boolean {
  if (!Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(2000, month);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. A calendar date's weekday needs no time zone. */
export function weekdayOf(date: LocalDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function formatDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function parseDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) {
    return undefined;
  }
  return date;
}

/** The month/day falls in `year`: Feb 29 becomes Feb 28 in a common year. */
export function dateInYear(monthDay: MonthDay, year: number): LocalDate {
  if (monthDay.month === 2 && monthDay.day === 29 && !isLeapYear(year)) return { year, month: 2, day: 28 };
  return { year, month: monthDay.month, day: monthDay.day };
}

/** Saturday and Sunday move to the Friday before or the Monday after, or stay, as the workspace chooses. */
export function applyWeekendRule(date: LocalDate, rule: WeekendRule): LocalDate {
  const weekday = weekdayOf(date);
  if (rule === 'keep' || weekday < 6) return date;
  if (rule === 'friday') return addDays(date, weekday === 6 ? -1 : -2);
  return addDays(date, weekday === 6 ? 2 : 1);
}

/**
 * The first instant showing `hour`:00 on `date` in `timeZone` (after the gap, if a spring-forward skips it).
 * zonedTimeToInstant can land on the second of two repeated wall times on an autumn night; step back to the
 * first (DST shifts are an hour, or half an hour on Lord Howe Island).
 */
export function postingInstant(date: LocalDate, hour: number, timeZone: string): Date {
  const instant = zonedTimeToInstant({ ...date, hour }, timeZone);
  for (const back of [3600_000, 1800_000]) {
    const earlier = new Date(instant.getTime() - back);
    const p = zonedParts(earlier, timeZone);
    if (p.year === date.year && p.month === date.month && p.day === date.day && p.hour === hour && p.minute === 0) {
      return earlier;
    }
  }
  return instant;
}

function safeZone(timeZone: string): string {
  return timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

/** The occasion of `kind` for `occasionYear`, or undefined when there is none (no date, year 0, not wanted). */
export function occasionFor(
  person: Celebrant,
  kind: OccasionKind,
  occasionYear: number,
  rules: CelebrationRules,
): Occasion | undefined {
  const visibility = kind === 'birthday' ? person.birthdayVisibility : person.anniversaryVisibility;
  if (visibility === 'none') return undefined;
  let date: LocalDate;
  let years: number | null = null;
  if (kind === 'birthday') {
    if (!person.birthday) return undefined;
    date = dateInYear(person.birthday, occasionYear);
  } else {
    if (!person.startDate) return undefined;
    years = occasionYear - person.startDate.year;
    if (years < 1) return undefined;
    date = dateInYear(person.startDate, occasionYear);
  }
  const observed = applyWeekendRule(date, rules.weekendRule);
  const timeZone = safeZone(person.timeZone);
  const moment = postingInstant(observed, rules.postHour, timeZone);
  return { userId: person.userId, kind, occasionYear, date, observed, moment, timeZone, years, visibility };
}

function candidateYears(now: Date): number[] {
  // A posting moment is within a day or two of its date (weekend rule, time zones), so the occasion year is the
  // current UTC year or a neighbour (a Friday-before posting of a Saturday 1 January happens in December).
  const year = now.getUTCFullYear();
  return [year - 1, year, year + 1];
}

/**
 * Everything whose posting moment has come: `moment <= now < moment + catchUpHours`. Run as often as you
 * like; the caller's ledger (one row per person, occasion and year) is what makes each one happen once.
 */
export function dueOccasions(people: Celebrant[], rules: CelebrationRules, now: Date): Occasion[] {
  const due: Occasion[] = [];
  const t = now.getTime();
  for (const person of people) {
    for (const kind of ['birthday', 'anniversary'] as const) {
      for (const year of candidateYears(now)) {
        const occasion = occasionFor(person, kind, year, rules);
        if (!occasion) continue;
        const m = occasion.moment.getTime();
        if (m <= t && t < m + catchUpHours * 3600_000) due.push(occasion);
      }
    }
  }
  return due;
}

/** Occasions whose posting moment falls in [now, now + days), soonest first (App Home's "upcoming"). */
export function upcomingOccasions(people: Celebrant[], rules: CelebrationRules, now: Date, days: number): Occasion[] {
  const end = now.getTime() + days * 24 * 3600_000;
  const found: Occasion[] = [];
  for (const person of people) {
    for (const kind of ['birthday', 'anniversary'] as const) {
      for (const year of [...candidateYears(now), now.getUTCFullYear() + 2]) {
        const occasion = occasionFor(person, kind, year, rules);
        if (occasion && occasion.moment.getTime() >= now.getTime() && occasion.moment.getTime() < end) {
          found.push(occasion);
        }
      }
    }
  }
  return found.sort((a, b) => a.moment.getTime() - b.moment.getTime() || a.userId.localeCompare(b.userId));
}

/**
 * The month/day pairs whose occasions can fall between `daysBefore` days before and `daysAfter` days after `now`
 * (a few days of margin cover weekend shifts and every time zone), so the database can be asked for just those
 * people. Feb 29 comes along with Feb 28.
 */
export function monthDaysAround(now: Date, daysBefore = 4, daysAfter = daysBefore): MonthDay[] {
  const today = zonedParts(now, 'UTC');
  const seen = new Map<string, MonthDay>();
  for (let offset = -daysBefore; offset <= daysAfter; offset += 1) {
    const d = addDays({ year: today.year, month: today.month, day: today.day }, offset);
    seen.set(`${d.month}-${d.day}`, { month: d.month, day: d.day });
    if (d.month === 2 && d.day === 28) seen.set('2-29', { month: 2, day: 29 });
  }
  return [...seen.values()];
}

/** The local date in the person's zone at an instant, as YYYY-MM-DD. */
export function localDateAt(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, safeZone(timeZone));
  return formatDate({ year: p.year, month: p.month, day: p.day });
}

/** Stable text for a posting moment, used in sender keys: the local date and hour, and the UTC instant. */
export function momentLabel(occasion: Pick<Occasion, 'observed' | 'moment'>, postHour: number): string {
  return `${formatDate(occasion.observed)}.h${String(postHour).padStart(2, '0')}.${occasion.moment.toISOString()}`;
}
