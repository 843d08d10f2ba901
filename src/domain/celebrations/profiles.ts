import type { Db } from '../../db/database.ts';
import { findCelebrationProfile, upsertCelebrationProfile } from '../../db/queries/celebration-profiles.ts';
import { findMember } from '../../db/queries/members.ts';
import type { CelebrationVisibility } from '../../db/schema-celebrations.ts';
import { formatDate, isValidMonthDay, type LocalDate, type MonthDay, parseDate } from './occasions.ts';

export const visibilities: CelebrationVisibility[] = ['channel', 'dm', 'none'];

export interface CelebrationProfile {
  birthday: MonthDay | null;
  startDate: string | null;
  birthdayVisibility: CelebrationVisibility;
  anniversaryVisibility: CelebrationVisibility;
  source: 'self' | 'import' | 'ask';
}

export async function loadCelebrationProfile(
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<CelebrationProfile | undefined> {
  const row = await findCelebrationProfile(db, workspaceId, userId);
  if (!row) return undefined;
  return {
    birthday:
      row.birthday_month !== null && row.birthday_day !== null
        ? { month: row.birthday_month, day: row.birthday_day }
        : null,
    startDate: row.start_date,
    birthdayVisibility: row.birthday_visibility,
    anniversaryVisibility: row.anniversary_visibility,
    source: row.source,
  };
}

/** The occasions of a profile that would be posted in the celebrations channel. */
export function channelOccasions(profile: CelebrationProfile | undefined): Array<'birthday' | 'anniversary'> {
  if (!profile) return [];
  return [
    ...(profile.birthday && profile.birthdayVisibility === 'channel' ? (['birthday'] as const) : []),
    ...(profile.startDate && profile.anniversaryVisibility === 'channel' ? (['anniversary'] as const) : []),
  ];
}

export function isVisibility(value: string): value is CelebrationVisibility {
  return (visibilities as string[]).includes(value);
}

/** A start date people can have: a real calendar date, not before 1900 and not after today. */
export function checkStartDate(date: LocalDate, now: Date): string | undefined {
  if (date.year < 1900) return 'A start date from 1900 on.';
  // A day of slack: it is already tomorrow somewhere.
  const latest = new Date(now.getTime() + 24 * 3600_000).toISOString().slice(0, 10);
  if (formatDate(date) > latest) return "A start date can't be in the future.";
  return undefined;
}

export interface ProfileInput {
  /** "1" … "12", or null for no birthday. */
  birthdayMonth: string | null;
  birthdayDay: string | null;
  /** YYYY-MM-DD, or null for none. */
  startDate: string | null;
  birthdayVisibility: string;
  anniversaryVisibility: string;
}

export type ProfileField = keyof ProfileInput;
export type SaveProfileResult =
  | { ok: true }
  | { ok: false; refused: 'not_member' }
  | { ok: false; errors: Partial<Record<ProfileField, string>> };

/** Someone's own dates and choices. A year is never asked for a birthday; empty fields clear a date. */
export async function saveCelebrationProfile(
  db: Db,
  input: { workspaceId: string; userId: string; profile: ProfileInput; now: Date },
): Promise<SaveProfileResult> {
  const member = await findMember(db, input.workspaceId, input.userId);
  if (!member || member.is_bot || member.is_deleted) return { ok: false, refused: 'not_member' };
  const p = input.profile;
  const errors: Partial<Record<ProfileField, string>> = {};
  let birthday: MonthDay | null = null;
  const month = p.birthdayMonth ? Number(p.birthdayMonth) : null;
  const day = p.birthdayDay ? Number(p.birthdayDay) : null;
  if (month !== null && day === null) errors.birthdayDay = 'Choose the day of your birthday too.';
  else if (month === null && day !== null) errors.birthdayMonth = 'Choose the month of your birthday too.';
  else if (month !== null && day !== null) {
    if (!isValidMonthDay(month, day)) errors.birthdayDay = `That month has no day ${day}.`;
    else birthday = { month, day };
  }
  let startDate: string | null = null;
  if (p.startDate) {
    const parsed = parseDate(p.startDate);
    const problem = parsed ? checkStartDate(parsed, input.now) : 'Use a date like 2019-05-02.';
    if (problem) errors.startDate = problem;
    else startDate = p.startDate;
  }
  if (!isVisibility(p.birthdayVisibility)) errors.birthdayVisibility = 'Choose who hears about your birthday.';
  if (!isVisibility(p.anniversaryVisibility)) errors.anniversaryVisibility = 'Choose who hears about your anniversary.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  await upsertCelebrationProfile(db, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    birthday,
    startDate,
    birthdayVisibility: p.birthdayVisibility as CelebrationVisibility,
    anniversaryVisibility: p.anniversaryVisibility as CelebrationVisibility,
    source: 'self',
    now: input.now,
  });
  return { ok: true };
}
