import { addDays, zonedParts, zonedTimeToInstant } from '../time/zoned-time.ts';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant sign-up closes when an admin picks `date` as the deadline: the end of that whole day in the
 * workspace's time zone, so people can still sign up on the day itself. Not a date: an invalid instant, which
 * the settings refuse.
 */
export function signupDeadlineFromDate(date: string, timeZone: string): Date {
  const match = isoDate.exec(date);
  if (!match) return new Date(Number.NaN);
  const local = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(local.year, local.month - 1, local.day));
  if (check.getUTCMonth() !== local.month - 1 || check.getUTCDate() !== local.day) return new Date(Number.NaN);
  return zonedTimeToInstant(addDays(local, 1), timeZone);
}

/** The last day people may sign up, as the datepicker shows it: the inverse of `signupDeadlineFromDate`. */
export function signupDeadlineDate(deadline: Date, timeZone: string): string {
  const p = zonedParts(new Date(deadline.getTime() - 1), timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
