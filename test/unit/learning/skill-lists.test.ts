import { describe, expect, test } from 'vitest';
import { foldSkillsForStorage, MAX_SKILL_LENGTH, maxProfileSkills } from '../../../src/domain/learning/skill-lists.ts';
import { skillMenu } from '../../../src/domain/learning/workspace-skills.ts';
import { maxSignupSkills } from '../../../src/domain/mentorship/save-signup.ts';
import { foldSkillList, MAX_SKILL_LENGTH as mentorshipMaxLength } from '../../../src/domain/mentorship/skills.ts';
import { normaliseSkill } from '../../../src/matching/mentorship/skills.ts';

describe('skills are folded exactly as mentorship folds them', () => {
  const raw = ['JS', 'JavaScript', 'Node.js', 'node js', 'C++', 'C#', ' k8s ', 'Public-speaking'];

  test('the kept skills are mentorship’s, each stored with the engine’s key', () => {
    const folded = foldSkillsForStorage(raw, 20);
    const mentorship = foldSkillList(raw, 20);
    if (!folded.ok || !mentorship.ok) throw new Error('expected both to fold');
    expect(folded.skills.map((s) => s.skill)).toEqual(mentorship.skills);
    expect(folded.skills).toEqual([
      { skill: 'JS', key: 'javascript' },
      { skill: 'Node.js', key: 'nodejs' },
      { skill: 'C++', key: 'cplusplus' },
      { skill: 'C#', key: 'csharp' },
      { skill: 'k8s', key: 'kubernetes' },
      { skill: 'Public-speaking', key: 'public speaking' },
    ]);
    for (const { skill, key } of folded.skills) expect(key).toBe(normaliseSkill(skill));
  });

  test('the limits are mentorship’s: 20 a list, 100 characters a skill', () => {
    expect(maxProfileSkills).toBe(maxSignupSkills);
    expect(MAX_SKILL_LENGTH).toBe(mentorshipMaxLength);
    expect(foldSkillsForStorage(['a'.repeat(101)], 20)).toEqual({
      ok: false,
      problem: 'Each skill at most 100 characters.',
    });
    expect(foldSkillsForStorage(['!!!'], 20)).toEqual({
      ok: false,
      problem: '"!!!" is not a skill: use letters or digits.',
    });
  });
});

describe('a menu of skills from several lists', () => {
  test('keeps each skill once in its first spelling, in order, and holds at most 100', () => {
    expect(
      skillMenu([
        ['JS', 'Go'],
        ['JavaScript', 'golang', 'SQL', ''],
      ]),
    ).toEqual(['JS', 'Go', 'SQL']);
    const long = Array.from({ length: 150 }, (_, i) => `Skill ${i}`);
    expect(skillMenu([long.slice(0, 60), long.slice(40)])).toEqual(long.slice(0, 100));
  });
});
