import { MAX_SKILL_LENGTH, normaliseSkill } from '../../matching/mentorship/skills.ts';

export { MAX_SKILL_LENGTH };

/**
 * A list of skills as people typed them, trimmed, with spellings the engine folds together ("JS", "JavaScript")
 * kept once, in the first spelling given. `problem` says why the list cannot be used.
 */
export function foldSkillList(
  raw: readonly string[],
  max: number,
): { ok: true; skills: string[] } | { ok: false; problem: string } {
  const skills: string[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    const skill = entry.replaceAll('\u0000', '').trim();
    if (skill === '') continue;
    if (skill.length > MAX_SKILL_LENGTH) {
      return { ok: false, problem: `Each skill at most ${MAX_SKILL_LENGTH} characters.` };
    }
    const key = normaliseSkill(skill);
    if (key === '') return { ok: false, problem: `"${skill}" is not a skill: use letters or digits.` };
    if (seen.has(key)) continue;
    seen.add(key);
    skills.push(skill);
  }
  if (skills.length > max) return { ok: false, problem: `At most ${max} skills.` };
  return { ok: true, skills };
}
