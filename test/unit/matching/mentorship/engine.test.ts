import { describe, expect, test } from 'vitest';
import { matchMentorship, parseMentorshipInput } from '../../../../src/matching/mentorship/match.ts';
import { normaliseSkill } from '../../../../src/matching/mentorship/skills.ts';
import type { MenteeInput, MentorInput, MentorshipInput } from '../../../../src/matching/mentorship/types.ts';

const mentor = (id: string, extra: Partial<MentorInput> = {}): MentorInput => ({
  id,
  capacity: 1,
  teaches: ['Rust'],
  ...extra,
});
const mentee = (id: string, extra: Partial<MenteeInput> = {}): MenteeInput => ({ id, learns: ['Rust'], ...extra });
const pairsOf = (input: MentorshipInput): string[] =>
  matchMentorship(input)
    .pairs.map((p) => `${p.mentor}>${p.mentee}`)
    .sort();
const unmatchedOf = (input: MentorshipInput) => matchMentorship(input).unmatched;

describe('matchMentorship', () => {
  test('never gives a mentor more mentees than their capacity, and says why the others are left out', () => {
    const input = {
      mentors: [mentor('ana', { capacity: 2 })],
      mentees: [mentee('a'), mentee('b'), mentee('c'), mentee('d')],
    };
    const result = matchMentorship(input);
    expect(result.pairs).toHaveLength(2);
    expect(result.unmatched).toHaveLength(2);
    for (const u of result.unmatched) {
      expect(u).toMatchObject({ code: 'no-room', reason: 'no mentor who teaches Rust had room for you this cycle' });
    }
    expect(result.stats).toMatchObject({ matched: 2, mentees: 4, mentors: 1, seats: 2 });
  });

  test('never matches a blocked pair, and the mentee hears what a full cycle would tell them', () => {
    const blocked = unmatchedOf({ mentors: [mentor('ana')], mentees: [mentee('cy')], blocks: [['cy', 'ana']] });
    const full = unmatchedOf({ mentors: [mentor('ana')], mentees: [mentee('bo', { seniority: 1 }), mentee('cy')] });
    expect(blocked).toEqual([{ id: 'cy', code: 'no-room', reason: expect.any(String) }]);
    expect(full.find((u) => u.id === 'cy')).toEqual(blocked[0]);
  });

  test('the same person never mentors themself', () => {
    const result = matchMentorship({ mentors: [mentor('ana')], mentees: [mentee('ana')] });
    expect(result.pairs).toEqual([]);
    expect(result.unmatched).toEqual([{ id: 'ana', code: 'not-taught', reason: 'nobody teaches Rust this cycle' }]);
  });

  test('a mentor may also be a mentee of someone else', () => {
    const input = {
      mentors: [mentor('ana', { teaches: ['Go'] }), mentor('bo')],
      mentees: [mentee('ana'), mentee('cy', { learns: ['go'] })],
    };
    expect(pairsOf(input)).toEqual(['ana>cy', 'bo>ana']);
  });

  test("nobody teaches it: the reason names the skills in the mentee's own words", () => {
    expect(unmatchedOf({ mentors: [mentor('ana')], mentees: [mentee('cy', { learns: ['Zig', 'OCaml'] })] })).toEqual([
      { id: 'cy', code: 'not-taught', reason: 'nobody teaches Zig or OCaml this cycle' },
    ]);
  });

  test('a minimum seniority gap is a hard rule, with its own reason', () => {
    const input = {
      mentors: [mentor('ana', { seniority: 3 })],
      mentees: [mentee('cy', { seniority: 2 })],
      rules: { minSeniorityGap: 2 },
    };
    expect(pairsOf(input)).toEqual([]);
    expect(unmatchedOf(input)[0]).toMatchObject({ code: 'seniority', reason: expect.stringMatching(/2 levels/) });
    expect(pairsOf({ ...input, rules: { minSeniorityGap: 1 } })).toEqual(['ana>cy']);
  });

  test('same-team pairs are refused when the programme disallows them', () => {
    const input = {
      mentors: [mentor('ana', { team: 'Pay' })],
      mentees: [mentee('cy', { team: 'Pay' })],
      rules: { allowSameTeam: false },
    };
    expect(pairsOf(input)).toEqual([]);
    expect(unmatchedOf(input)[0]).toMatchObject({ code: 'own-team' });
    expect(pairsOf({ ...input, rules: { allowSameTeam: true } })).toEqual(['ana>cy']);
  });

  test('a person is never matched with their own manager, either way round, and hears that no mentor fits the rules', () => {
    // ana fits cy best (more of cy's skills), but manages cy; bo could take cy.
    const input: MentorshipInput = {
      mentors: [mentor('ana', { teaches: ['Rust', 'Go'] }), mentor('bo')],
      mentees: [mentee('cy', { learns: ['Rust', 'Go'], manager: 'ana' })],
    };
    expect(pairsOf({ ...input, mentees: [mentee('cy', { learns: ['Rust', 'Go'] })] })).toEqual(['ana>cy']);
    expect(pairsOf(input)).toEqual(['bo>cy']);
    // The other way round: the mentee manages the mentor.
    expect(
      pairsOf({
        ...input,
        mentors: [mentor('ana', { teaches: ['Rust', 'Go'], manager: 'cy' }), mentor('bo')],
        mentees: [mentee('cy', { learns: ['Rust', 'Go'] })],
      }),
    ).toEqual(['bo>cy']);
    // Only the manager teaches it: no pair, and a true reason that names no block.
    const alone = { mentors: [mentor('ana')], mentees: [mentee('cy', { manager: 'ana' })] };
    expect(pairsOf(alone)).toEqual([]);
    expect(unmatchedOf(alone)).toEqual([
      { id: 'cy', code: 'rules', reason: "no mentor who teaches Rust fits this programme's rules" },
    ]);
    // Unknown managers (someone outside the cohort) forbid nothing.
    expect(
      pairsOf({ mentors: [mentor('ana', { manager: 'zed' })], mentees: [mentee('cy', { manager: 'zed' })] }),
    ).toEqual(['ana>cy']);
    // A manager is never among a mentee's suggestions.
    const choice = matchMentorship({ ...input, mode: 'choice' });
    expect(choice.suggestions![0]!.mentors.map((s) => s.mentor)).toEqual(['bo']);
  });

  test('given scores do not lift the manager rule; a blocked non-manager still reads as a full cycle', () => {
    const input: MentorshipInput = {
      mentors: [mentor('ana'), mentor('bo')],
      mentees: [mentee('cy', { manager: 'ana' })],
      scores: [{ mentor: 'ana', mentee: 'cy', score: 50 }],
    };
    expect(pairsOf(input)).toEqual([]);
    expect(unmatchedOf(input)[0]).toMatchObject({ code: 'rules' });
    const withBo = { ...input, scores: [...input.scores!, { mentor: 'bo', mentee: 'cy', score: 1 }] };
    expect(pairsOf(withBo)).toEqual(['bo>cy']);
    expect(unmatchedOf({ ...withBo, blocks: [['bo', 'cy']] })[0]).toMatchObject({ code: 'no-room' });
  });

  test("last cycle's mentor is avoided when another can take the mentee, unless both asked to continue", () => {
    // ana fits cy better (more of cy's skills), but was cy's mentor last cycle.
    const input: MentorshipInput = {
      mentors: [mentor('ana', { teaches: ['Rust', 'Go'] }), mentor('bo')],
      mentees: [mentee('cy', { learns: ['Rust', 'Go'] })],
      history: [{ mentor: 'ana', mentee: 'cy', date: '2025-12-01' }],
    };
    expect(pairsOf({ ...input, history: [] })).toEqual(['ana>cy']);
    expect(pairsOf(input)).toEqual(['bo>cy']);
    const continuing = matchMentorship({ ...input, continuing: [{ mentor: 'ana', mentee: 'cy' }] });
    expect(continuing.pairs.map((p) => p.mentor)).toEqual(['ana']);
    expect(continuing.pairs[0]!.why).toMatch(/continuing together/);
  });

  test('a past pair is still better than leaving the mentee out', () => {
    const input = {
      mentors: [mentor('ana')],
      mentees: [mentee('cy')],
      history: [{ mentor: 'ana', mentee: 'cy', date: '2025-12-01' }],
    };
    expect(pairsOf(input)).toEqual(['ana>cy']);
  });

  test('matching one more mentee comes before a higher total score', () => {
    const input = {
      mentors: [mentor('ana'), mentor('bo')],
      mentees: [mentee('x'), mentee('y')],
      scores: [
        { mentor: 'ana', mentee: 'x', score: 100 },
        { mentor: 'bo', mentee: 'x', score: 1 },
        { mentor: 'ana', mentee: 'y', score: 1 },
      ],
    };
    const result = matchMentorship(input);
    expect(result.pairs.map((p) => `${p.mentor}>${p.mentee}`).sort()).toEqual(['ana>y', 'bo>x']);
    expect(result.stats.totalScore).toBe(2);
  });

  test('explains each pair in plain words: skills, seniority, team, shared hours', () => {
    const result = matchMentorship({
      mentors: [mentor('ana', { teaches: ['Rust', 'k8s'], seniority: 5, team: 'Platform' })],
      mentees: [
        mentee('cy', { learns: ['rust', 'Kubernetes', 'Go'], seniority: 3, team: 'Pay', preferOtherTeam: true }),
      ],
    });
    expect(result.pairs[0]!.why).toBe(
      'teaches rust and Kubernetes (2 of your 3 skills), 2 levels more senior, another team (Platform), 8 h shared working hours',
    );
  });

  test("in mentee-choice mode, ranks each mentee's top 3 allowed mentors by the same score", () => {
    const result = matchMentorship({
      mode: 'choice',
      mentors: [
        mentor('ana', { teaches: ['Rust', 'Go'] }),
        mentor('bo', { teaches: ['Rust'], seniority: 5 }),
        mentor('cy', { teaches: ['Rust'], seniority: 7 }),
        mentor('di', { teaches: ['Rust', 'Go'], seniority: 5 }),
        mentor('ed', { teaches: ['Go'] }),
      ],
      mentees: [mentee('zo', { learns: ['Rust', 'Go'], seniority: 3 })],
      blocks: [['di', 'zo']],
    });
    const mentors = result.suggestions![0]!.mentors;
    expect(mentors.map((s) => s.mentor)).toEqual(['ana', 'bo', 'cy']);
    expect(mentors.map((s) => s.score)).toEqual([...mentors.map((s) => s.score)].sort((a, b) => b - a));
    expect(result.pairs[0]!.score).toBe(mentors[0]!.score);
  });
});

describe('skills', () => {
  test('case, spacing, punctuation and common synonyms fold to one skill', () => {
    expect(normaliseSkill('  Node.js ')).toBe('nodejs');
    expect(normaliseSkill('node js')).toBe('nodejs');
    expect(normaliseSkill('JS')).toBe(normaliseSkill('JavaScript'));
    expect(normaliseSkill('TS')).toBe('typescript');
    expect(normaliseSkill('k8s')).toBe('kubernetes');
    expect(normaliseSkill('Machine   Learning')).toBe(normaliseSkill('ML'));
    expect(normaliseSkill('UX')).toBe('user experience');
    expect(new Set(['C', 'C++', 'C#'].map(normaliseSkill)).size).toBe(3);
  });
});

describe('parseMentorshipInput', () => {
  test('lists every problem at once', () => {
    const parsed = parseMentorshipInput({
      mentors: [
        { id: 'ana', capacity: 0, teaches: ['Rust'] },
        { id: 'bo', capacity: 50, teaches: ['x'.repeat(101)] },
        { id: 'bo', capacity: 2, teaches: ['Go'], timezone: 'Mars/Base' },
      ],
      mentees: [{ id: 'cy', learns: ['...'], workhours: [9, 17] }],
      scores: [
        { mentor: 'zed', mentee: 'cy', score: 1 },
        { mentor: 'ana', mentee: 'cy', score: 1.5 },
      ],
      continuing: [{ mentor: 'ana', mentee: 'nobody' }],
    });
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    const expected = [
      /^mentors\[0\]\.capacity: must be a whole number of mentees from 1 to 5/,
      /^mentors\[1\]\.capacity: must be a whole number of mentees from 1 to 5/,
      /^mentors\[1\]\.teaches\[0\]: a skill is at most 100 characters/,
      /^mentors\[2\]\.id: "bo" appears more than once/,
      /^mentors\[2\]\.timezone: must be an IANA time zone/,
      /^mentees\[0\]\.learns\[0\]: a skill needs at least one letter or digit/,
      /^mentees\[0\]: Unrecognized key/,
      /^scores\[0\]\.mentor: no mentor "zed"/,
      /^scores\[1\]\.score: must be a whole number/,
      /^continuing\[0\]\.mentee: no mentee "nobody"/,
    ];
    for (const pattern of expected)
      expect(
        errors.some((e) => pattern.test(e)),
        `${pattern} in ${errors}`,
      ).toBe(true);
  });

  test('accepts a manager for mentors and mentees, and refuses a manager that cannot be', () => {
    const good = parseMentorshipInput({
      mentors: [{ id: 'ana', capacity: 1, teaches: ['Rust'], manager: 'zed' }],
      mentees: [{ id: 'cy', learns: [], manager: 'ana' }],
    });
    expect(good).toMatchObject({ ok: true, input: { mentees: [{ id: 'cy', manager: 'ana' }] } });
    const bad = parseMentorshipInput({
      mentors: [
        { id: 'ana', capacity: 1, teaches: ['Rust'], manager: 'zed' },
        { id: 'bo', capacity: 1, teaches: ['Rust'], manager: 'bo' },
      ],
      mentees: [
        { id: 'ana', learns: [], manager: 'yan' },
        { id: 'cy', learns: [], manager: 42 },
        { id: 'di', learns: [], manager: ' ' },
      ],
    });
    expect(bad.ok ? [] : bad.errors).toEqual([
      'mentees[1].manager: Invalid input: expected string, received number',
      'mentees[2].manager: must not be empty',
      'mentors[1].manager: nobody is their own manager',
      'mentees[0].manager: "ana" has the manager "zed" elsewhere in the input',
    ]);
  });

  test('a pair of the same person in scores is refused', () => {
    const parsed = parseMentorshipInput({
      mentors: [{ id: 'ana', capacity: 1, teaches: ['Rust'] }],
      mentees: [{ id: 'ana', learns: [] }],
      scores: [{ mentor: 'ana', mentee: 'ana', score: 5 }],
    });
    expect(parsed.ok ? [] : parsed.errors).toContain('scores[0]: nobody mentors themselves');
  });
});
