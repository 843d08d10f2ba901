import type { Db } from '../../db/database.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import { upsertMentorshipSignup } from '../../db/queries/mentorship-signups.ts';
import type { MentorshipRole } from '../../db/schema-mentorship.ts';
import { foldSkillList } from './skills.ts';

export const maxSignupSkills = 20;
export const maxGoalsLength = 280;
const roles: MentorshipRole[] = ['mentor', 'mentee', 'both'];

export interface SignupInput {
  workspaceId: string;
  programmeId: string;
  userId: string;
  role: MentorshipRole;
  /** Skills to learn (mentee, both). */
  learns: string[];
  /** Skills to teach (mentor, both). */
  teaches: string[];
  goals: string;
  /** Mentees a mentor takes this cycle, 1 to the programme's maximum; the programme's default when left out. */
  capacity?: number | null;
  preferOtherTeam: boolean;
  preferOverlap: boolean;
  now: Date;
}

export type SignupField = 'role' | 'learns' | 'teaches' | 'goals' | 'capacity' | 'deadline';

export type SaveSignupResult =
  | { ok: true; role: MentorshipRole; learns: string[]; teaches: string[]; capacity: number | null }
  | { ok: false; refused: 'no_programme' }
  | { ok: false; errors: Partial<Record<SignupField, string>> };

const teachesAs = (role: MentorshipRole) => role === 'mentor' || role === 'both';
const learnsAs = (role: MentorshipRole) => role === 'mentee' || role === 'both';

/**
 * Saves a person's sign-up to a programme, or updates it when they sign up again. Every problem is returned at once,
 * keyed by field, and nothing is saved on any. The skills of a role the person did not choose are not kept.
 */
export async function saveSignup(db: Db, input: SignupInput): Promise<SaveSignupResult> {
  const programme = await findMentorshipProgramme(db, input.workspaceId, input.programmeId);
  if (!programme) return { ok: false, refused: 'no_programme' };
  const errors: Partial<Record<SignupField, string>> = {};
  if (programme.signup_deadline && input.now.getTime() > programme.signup_deadline.getTime()) {
    errors.deadline = 'Sign-up for this programme has closed.';
  }
  const role = roles.find((r) => r === input.role);
  if (!role) errors.role = 'Choose mentor, mentee or both.';

  const learns = foldSkillList(learnsAs(input.role) ? input.learns : [], maxSignupSkills);
  if (!learns.ok) errors.learns = learns.problem;
  else if (role && learnsAs(role) && learns.skills.length === 0) errors.learns = 'Add at least one skill to learn.';
  const teaches = foldSkillList(teachesAs(input.role) ? input.teaches : [], maxSignupSkills);
  if (!teaches.ok) errors.teaches = teaches.problem;
  else if (role && teachesAs(role) && teaches.skills.length === 0) errors.teaches = 'Add at least one skill to teach.';

  const goals = input.goals.replaceAll('\u0000', '').trim();
  if (goals.length > maxGoalsLength) errors.goals = `A few words: at most ${maxGoalsLength} characters.`;

  let capacity: number | null = null;
  if (role && teachesAs(role)) {
    capacity = input.capacity ?? programme.default_capacity;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > programme.max_capacity) {
      errors.capacity = `A whole number of mentees from 1 to ${programme.max_capacity}.`;
    }
  }

  if (Object.keys(errors).length > 0 || !role || !learns.ok || !teaches.ok) return { ok: false, errors };
  await upsertMentorshipSignup(
    db,
    { workspaceId: input.workspaceId, programmeId: input.programmeId, userId: input.userId },
    {
      role,
      learns: learns.skills,
      teaches: teaches.skills,
      goals,
      capacity,
      preferOtherTeam: input.preferOtherTeam,
      preferOverlap: input.preferOverlap,
    },
    input.now,
  );
  return { ok: true, role, learns: learns.skills, teaches: teaches.skills, capacity };
}
