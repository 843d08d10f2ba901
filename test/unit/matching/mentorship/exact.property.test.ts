import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { referenceOptimum } from '../../../../bench/mentorship/reference.ts';
import { matchMentorship } from '../../../../src/matching/mentorship/match.ts';
import type { MentorshipInput } from '../../../../src/matching/mentorship/types.ts';
import { bruteForce, fitCohort, managesOther, scoredCohort } from './support.ts';

function loads(input: MentorshipInput, pairs: readonly { mentor: string }[]): Map<string, number> {
  const load = new Map(input.mentors.map((m) => [m.id, 0]));
  for (const p of pairs) load.set(p.mentor, load.get(p.mentor)! + 1);
  return load;
}

describe('mentorship matching is exact', () => {
  test('matches as many mentees as a brute force, then the same total score (given scores)', () => {
    fc.assert(
      fc.property(scoredCohort, (input) => {
        const result = matchMentorship(input);
        const best = bruteForce(input);
        expect(result.stats.matched).toBe(best.matched);
        expect(result.stats.totalScore).toBe(best.total);
        const given = new Map(input.scores!.map((s) => [`${s.mentor}|${s.mentee}`, s.score]));
        for (const p of result.pairs) {
          expect(p.score).toBe(given.get(`${p.mentor}|${p.mentee}`));
          expect(managesOther(input, p)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});

/** Cohorts too large for a brute force (many augmenting paths, bumps and long chains) with given scores. */
const mediumCohort = fc
  .record({
    mentors: fc.integer({ min: 2, max: 12 }),
    mentees: fc.integer({ min: 2, max: 40 }),
    density: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  })
  .map(({ mentors, mentees, density, seed }) => {
    let x = seed;
    const random = (): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 2 ** 32;
    };
    const scores = [];
    for (let i = 0; i < mentors; i++) {
      for (let j = 0; j < mentees; j++) {
        if (random() < density)
          scores.push({ mentor: `m${i}`, mentee: `e${j}`, score: Math.floor(random() * 120) - 30 });
      }
    }
    return {
      mentors: Array.from({ length: mentors }, (_, i) => ({
        id: `m${i}`,
        capacity: 1 + Math.floor(random() * 5),
        teaches: ['x'],
      })),
      mentees: Array.from({ length: mentees }, (_, j) => ({ id: `e${j}`, learns: [] })),
      scores,
      seed,
    } satisfies MentorshipInput;
  });

describe('mentorship matching agrees with an independent exact solver', () => {
  test('same number matched and same total as label-correcting min-cost max-flow (the benchmark reference)', () => {
    fc.assert(
      fc.property(mediumCohort, (input) => {
        const result = matchMentorship(input);
        const index = (id: string): number => Number(id.slice(1));
        const ref = referenceOptimum(
          input.mentors.length,
          input.mentees.length,
          input.mentors.map((m) => m.capacity),
          input.scores.map((s) => ({ mentor: index(s.mentor), mentee: index(s.mentee), score: s.score })),
        );
        expect([result.stats.matched, result.stats.totalScore]).toEqual([ref.matched, ref.total]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('mentorship hard rules hold on every cohort', () => {
  test('capacity, blocks, rules, managers and self: never broken; every mentee paired once or given a reason', () => {
    fc.assert(
      fc.property(fitCohort, (input) => {
        const result = matchMentorship(input);
        const capacity = new Map(input.mentors.map((m) => [m.id, m.capacity]));
        for (const [mentor, load] of loads(input, result.pairs))
          expect(load).toBeLessThanOrEqual(capacity.get(mentor)!);
        const blocked = new Set((input.blocks ?? []).flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
        const mentor = new Map(input.mentors.map((m) => [m.id, m]));
        const mentee = new Map(input.mentees.map((m) => [m.id, m]));
        for (const p of result.pairs) {
          expect(p.mentor).not.toBe(p.mentee);
          expect(blocked.has(`${p.mentor}|${p.mentee}`)).toBe(false);
          expect(managesOther(input, p)).toBe(false);
          const a = mentor.get(p.mentor)!;
          const b = mentee.get(p.mentee)!;
          if (input.rules?.allowSameTeam === false) expect(a.team).not.toBe(b.team);
          const gap = input.rules?.minSeniorityGap ?? 0;
          if (gap > 0 && a.seniority !== undefined && b.seniority !== undefined) {
            expect(a.seniority - b.seniority).toBeGreaterThanOrEqual(gap);
          }
        }
        const seen = [...result.pairs.map((p) => p.mentee), ...result.unmatched.map((u) => u.id)];
        expect(seen.sort()).toEqual(input.mentees.map((m) => m.id).sort());
      }),
      { numRuns: 400 },
    );
  });

  test('a block never shows in a reason: it is the one a full cycle gives, or the one without the block', () => {
    fc.assert(
      fc.property(fitCohort, (input) => {
        const withBlocks = matchMentorship(input);
        const without = matchMentorship({ ...input, blocks: [] });
        const reasonWithout = new Map(without.unmatched.map((u) => [u.id, u.code]));
        for (const u of withBlocks.unmatched) {
          expect(u.reason).not.toMatch(/block/i);
          if (u.code !== 'no-room') expect(u.code).toBe(reasonWithout.get(u.id));
        }
      }),
      { numRuns: 300 },
    );
  });
});
