import { type SkillListName, skillListNames } from '../../db/schema-learning.ts';
import { normaliseSkill } from '../../matching/mentorship/skills.ts';
import { maxSignupSkills } from '../mentorship/save-signup.ts';
import { foldSkillList, MAX_SKILL_LENGTH } from '../mentorship/skills.ts';

export { MAX_SKILL_LENGTH, type SkillListName, skillListNames };

/** A profile list holds as many skills as a mentorship sign-up, so one profile can fill a sign-up and back. */
export const maxProfileSkills = maxSignupSkills;

/** The list everyone may read; the other three are their owner's alone. */
export const publicSkillList: SkillListName = 'ask_me_about';

export const skillListLabels: Record<SkillListName, string> = {
  ask_me_about: 'Ask me about',
  can_mentor: 'I can mentor in',
  want_to_learn: 'I want to learn',
  want_to_improve: 'I want to improve',
};

export function isSkillListName(value: string): value is SkillListName {
  return (skillListNames as readonly string[]).includes(value);
}

/**
 * Mentorship's folding, with the key each kept skill is stored under: the same spelling rules on both sides, so a
 * profile's "JS" matches a programme's "JavaScript".
 */
export function foldSkillsForStorage(
  raw: readonly string[],
  max: number,
): { ok: true; skills: Array<{ skill: string; key: string }> } | { ok: false; problem: string } {
  const folded = foldSkillList(raw, max);
  if (!folded.ok) return folded;
  return { ok: true, skills: folded.skills.map((skill) => ({ skill, key: normaliseSkill(skill) })) };
}
