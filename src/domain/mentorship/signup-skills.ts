import { normaliseSkill } from '../../matching/mentorship/skills.ts';

/**
 * A person's saved skills split for the sign-up form: those on the programme's list (in the list's spelling, so
 * the menu shows them chosen) and the rest, which go back into the free-text field.
 */
export function splitSkillsByList(
  skills: readonly string[],
  list: readonly string[],
): { listed: string[]; other: string[] } {
  const byKey = new Map(list.map((s) => [normaliseSkill(s), s]));
  const listed: string[] = [];
  const other: string[] = [];
  for (const skill of skills) {
    const onList = byKey.get(normaliseSkill(skill));
    if (onList !== undefined) listed.push(onList);
    else other.push(skill);
  }
  return { listed, other };
}

/** Skills typed into the free-text field, comma separated; folding and checking them is the sign-up's job. */
export function parseOtherSkills(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
