import type { MentorshipProgrammeRow, MentorshipProgrammeSettingsRow } from '../../db/queries/mentorship-programmes.ts';
import type { MentorshipMatchingMode } from '../../db/schema-mentorship.ts';
import { foldSkillList } from './skills.ts';

/** A programme's settings as the domain speaks of them. */
export interface MentorshipSettings {
  cycleMonths: number;
  signupDeadline: Date | null;
  /** `admin`: an admin previews and approves the cycle's pairs. `choice`: each mentee picks from suggestions. */
  matchingMode: MentorshipMatchingMode;
  defaultCapacity: number;
  maxCapacity: number;
  minSeniorityGap: number;
  allowSameTeam: boolean;
  skills: string[];
}

export type MentorshipSettingsField = keyof MentorshipSettings;
export type MentorshipSettingsErrors = Partial<Record<MentorshipSettingsField, string>>;

export const defaultMentorshipSettings: MentorshipSettings = {
  cycleMonths: 3,
  signupDeadline: null,
  matchingMode: 'admin',
  defaultCapacity: 1,
  maxCapacity: 3,
  minSeniorityGap: 0,
  allowSameTeam: true,
  skills: [],
};

export const maxProgrammeSkills = 100;
const modes: MentorshipMatchingMode[] = ['admin', 'choice'];

function wholeNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Checks every field and returns every problem at once, keyed by field; `settings` (skills folded) only when there
 * is none. A deadline is only refused for being past when it changes, so an old deadline does not lock the rest.
 */
export function validateMentorshipSettings(
  settings: MentorshipSettings,
  context: { now: Date; previousDeadline?: Date | null },
): { ok: true; settings: MentorshipSettings } | { ok: false; errors: MentorshipSettingsErrors } {
  const errors: MentorshipSettingsErrors = {};
  if (!wholeNumberIn(settings.cycleMonths, 1, 12)) errors.cycleMonths = 'A whole number of months from 1 to 12.';
  const deadline = settings.signupDeadline;
  if (deadline !== null) {
    const unchanged = context.previousDeadline?.getTime() === deadline.getTime();
    if (!(deadline instanceof Date) || Number.isNaN(deadline.getTime())) errors.signupDeadline = 'Choose a date.';
    else if (!unchanged && deadline.getTime() <= context.now.getTime()) {
      errors.signupDeadline = 'The sign-up deadline must be in the future.';
    }
  }
  if (!modes.includes(settings.matchingMode)) errors.matchingMode = 'Choose admin matching or mentee choice.';
  const maxOk = wholeNumberIn(settings.maxCapacity, 1, 5);
  if (!maxOk) errors.maxCapacity = 'A whole number of mentees from 1 to 5.';
  if (!wholeNumberIn(settings.defaultCapacity, 1, 5)) {
    errors.defaultCapacity = 'A whole number of mentees from 1 to 5.';
  } else if (maxOk && settings.defaultCapacity > settings.maxCapacity) {
    errors.defaultCapacity = 'No more than the maximum capacity.';
  }
  if (!wholeNumberIn(settings.minSeniorityGap, 0, 10)) errors.minSeniorityGap = 'A whole number of levels, 0 to 10.';
  if (typeof settings.allowSameTeam !== 'boolean') errors.allowSameTeam = 'Choose yes or no.';
  const skills = Array.isArray(settings.skills) ? foldSkillList(settings.skills, maxProgrammeSkills) : undefined;
  if (!skills) errors.skills = 'A list of skills.';
  else if (!skills.ok) errors.skills = skills.problem;
  if (Object.keys(errors).length > 0 || !skills?.ok) return { ok: false, errors };
  return { ok: true, settings: { ...settings, skills: skills.skills } };
}

export function settingsOf(row: MentorshipProgrammeRow): MentorshipSettings {
  return {
    cycleMonths: row.cycle_months,
    signupDeadline: row.signup_deadline,
    matchingMode: row.matching_mode,
    defaultCapacity: row.default_capacity,
    maxCapacity: row.max_capacity,
    minSeniorityGap: row.min_seniority_gap,
    allowSameTeam: row.allow_same_team,
    skills: row.skills,
  };
}

export function settingsRow(settings: MentorshipSettings): MentorshipProgrammeSettingsRow {
  return {
    cycle_months: settings.cycleMonths,
    signup_deadline: settings.signupDeadline,
    matching_mode: settings.matchingMode,
    default_capacity: settings.defaultCapacity,
    max_capacity: settings.maxCapacity,
    min_seniority_gap: settings.minSeniorityGap,
    allow_same_team: settings.allowSameTeam,
    skills: settings.skills,
  };
}
