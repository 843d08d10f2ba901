import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { matchRound } from '../../../src/matching/match.ts';
import type { RoundInput } from '../../../src/matching/types.ts';
import { blockedPairs, pairingFeasibility, pairsOf, placementProblems, ROUND_DATE, roundArbitrary } from './support.ts';

const ALL_RULES = ['open', 'cross-team-only', 'cross-department-only', 'mentor-mentee', 'fixed-host'] as const;

describe('matchRound properties', () => {
  test('never groups a blocked pair, whatever the rule, group size or solver', () => {
    fc.assert(
      fc.property(
        roundArbitrary({
          maxMembers: 16,
          groupSizes: [2, 3, 4],
          rules: ALL_RULES,
          solvers: ['auto', 'exact', 'dense', 'sparse'],
        }),
        (input) => {
          const blocked = blockedPairs(input);
          for (const group of matchRound(input).groups) {
            for (const [a, b] of pairsOf(group.members)) expect(blocked.has(`${a}|${b}`)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('places every member exactly once, or lists them as unmatched with a reason', () => {
    fc.assert(
      fc.property(
        roundArbitrary({
          maxMembers: 16,
          groupSizes: [2, 3, 4],
          rules: ALL_RULES,
          solvers: ['auto', 'exact', 'dense', 'sparse'],
        }),
        (input) => {
          const result = matchRound(input);
          expect(placementProblems(input, result)).toEqual([]);
          expect(result.stats.placed + result.stats.unmatched).toBe(input.members.length);
          for (const group of result.groups)
            expect(group.members.length).toBeLessThanOrEqual((input.groupSize ?? 2) + 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('honours the programme rule in every group', () => {
    fc.assert(
      fc.property(roundArbitrary({ maxMembers: 14, groupSizes: [2, 3, 4], rules: ALL_RULES }), (input) => {
        const byId = new Map(input.members.map((m) => [m.id, m]));
        for (const group of matchRound(input).groups) {
          const members = group.members.map((id) => byId.get(id)!);
          if (input.rule === 'cross-team-only') expect(new Set(members.map((m) => m.team)).size).toBe(members.length);
          if (input.rule === 'cross-department-only') {
            expect(new Set(members.map((m) => m.department)).size).toBe(members.length);
          }
          if (input.rule === 'mentor-mentee') expect(members.filter((m) => m.role === 'mentor')).toHaveLength(1);
          if (input.rule === 'fixed-host') expect(members.filter((m) => m.role === 'host')).toHaveLength(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('places everyone whenever a complete grouping exists (brute-force oracle)', () => {
    fc.assert(
      fc.property(roundArbitrary({ maxMembers: 9, rules: ['open', 'cross-team-only'] }), (input) => {
        const feasible = pairingFeasibility(input);
        const result = matchRound(input);
        if (feasible.full) expect(result.unmatched).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  test('odd pools: the trio is as fair as any complete grouping allows, cooldown or not (oracle)', () => {
    let exercised = 0;
    fc.assert(
      fc.property(
        roundArbitrary({ minMembers: 3, maxMembers: 9, rules: ['open', 'cross-team-only'] }).filter(
          (x) => x.members.length % 2 === 1,
        ),
        (input) => {
          const feasible = pairingFeasibility(input);
          if (feasible.fairestTrioDebt === undefined) return;
          exercised++;
          const result = matchRound(input);
          expect(result.unmatched).toEqual([]);
          const debt = new Map((input.debts ?? []).map((d) => [d.id, (d.trios ?? 0) + (d.unmatched ?? 0)]));
          const trio = result.groups.find((g) => g.members.length === 3);
          expect(trio).toBeDefined();
          expect(trio!.members.reduce((sum, id) => sum + debt.get(id)!, 0)).toBe(feasible.fairestTrioDebt);
        },
      ),
      { numRuns: 300 },
    );
    expect(exercised).toBeGreaterThan(50);
  });

  // "A solution exists" means: a complete grouping with no pair inside the cooldown and, in odd pools, a trio as fair
  // as any complete grouping's (see Feasibility). Fairness outranks the cooldown, so a repeat-free grouping that
  // would need a less fair trio does not oblige the engine to avoid repeats.
  test('uses no pair that met within the cooldown when a fair complete grouping without one exists (oracle)', () => {
    let exercised = 0;
    let oddExercised = 0;
    fc.assert(
      fc.property(
        roundArbitrary({ maxMembers: 9, rules: ['open', 'cross-team-only', 'cross-department-only'] }),
        (input) => {
          const feasible = pairingFeasibility(input);
          const result = matchRound(input);
          if (feasible.fullWithoutRepeats) {
            exercised++;
            if (input.members.length % 2 === 1) oddExercised++;
            expect(result.unmatched).toEqual([]);
            expect(result.stats.repeatsWithinCooldown).toBe(0);
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(exercised).toBeGreaterThan(50);
    expect(oddExercised).toBeGreaterThan(20);
  });

  test('same seed, same output; the output does not depend on object identity', () => {
    fc.assert(
      fc.property(
        roundArbitrary({ maxMembers: 16, groupSizes: [2, 3, 4], rules: ALL_RULES, solvers: ['auto', 'sparse'] }),
        (input) => {
          const first = matchRound(input);
          const second = matchRound(structuredClone(input) as RoundInput);
          expect(second).toEqual(first);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('odd pools: the trio goes to members with the least trio/unmatched debt', () => {
    fc.assert(
      fc.property(
        roundArbitrary({ minMembers: 3, maxMembers: 21, maxCooldown: 0 }).filter((x) => x.members.length % 2 === 1),
        (input) => {
          const open: RoundInput = { ...input, blocks: [], cooldownWeeks: 0 };
          const result = matchRound(open);
          const level = new Map((open.debts ?? []).map((d) => [d.id, (d.trios ?? 0) + (d.unmatched ?? 0)]));
          const trio = result.groups.find((g) => g.members.length === 3);
          expect(trio).toBeDefined();
          const all = [...level.values()].sort((a, b) => a - b);
          const got = trio!.members.map((id) => level.get(id)!).sort((a, b) => a - b);
          expect(got).toEqual(all.slice(0, 3));
          expect(result.debts.trio.sort()).toEqual([...trio!.members].sort());
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('matchRound input errors', () => {
  const base = { date: ROUND_DATE, members: [{ id: 'a' }, { id: 'b' }] };
  test.each([
    ['duplicate ids', { ...base, members: [{ id: 'a' }, { id: 'a' }] }, /appears more than once/],
    ['bad time zone', { ...base, members: [{ id: 'a', timezone: 'Mars/Olympus' }] }, /IANA/],
    ['bad date', { ...base, date: 'next tuesday' }, /ISO date/],
    ['group size', { ...base, groupSize: 5 }, /groupSize/],
  ])('%s is refused with a MatchInputError', (_, input, message) => {
    expect(() => matchRound(input as RoundInput)).toThrow(message);
  });
});
