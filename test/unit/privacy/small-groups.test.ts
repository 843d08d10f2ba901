import { describe, expect, test } from 'vitest';
import {
  fewerThanFive,
  type Guarded,
  guard,
  guardBreakdown,
  guardCount,
  guardMean,
  guardShare,
  isShown,
  withheld,
} from '../../../src/domain/privacy/small-groups.ts';

/** Every group an admin could count by taking shown parts away from a shown total. */
function groupsBySubtraction(
  total: Guarded<number>,
  parts: Record<string, Guarded<number>>,
  real: Record<string, number>,
) {
  if (!isShown(total)) return [];
  const keys = Object.keys(parts);
  const shown = keys.filter((k) => isShown(parts[k]!));
  const groups: number[] = [];
  // Any set of shown parts taken from the total leaves the hidden parts plus the shown parts not taken.
  for (let mask = 0; mask < 1 << shown.length; mask++) {
    const taken = shown.filter((_, i) => mask & (1 << i));
    groups.push(total - taken.reduce((sum, k) => sum + real[k]!, 0));
  }
  return groups;
}

describe('the small-group rule', () => {
  test('a figure built from fewer than 5 people is hidden, from 5 it is shown', () => {
    expect(guardCount(4)).toBe(fewerThanFive);
    expect(guardCount(0)).toBe(fewerThanFive);
    expect(guardCount(5)).toBe(5);
    expect(guard(4, 4.5)).toBe(fewerThanFive);
    expect(guard(5, 4.5)).toBe(4.5);
    expect(guardMean(4, 20, 4)).toBe(fewerThanFive);
    // Five people answered seven times: the mean is over the answers, the rule over the people.
    expect(guardMean(5, 28, 7)).toBe(4);
  });

  test('a hidden part of a total is not revealed by subtracting the shown parts from it', () => {
    // 12 = 9 matched + 3 waiting: showing 12 and 9 would count the 3.
    const parts = guardBreakdown(guardCount(12), { matched: 9, waiting: 3 });
    expect(parts).toEqual({ matched: withheld, waiting: fewerThanFive });
  });

  test('the smallest shown parts are withheld until the hidden ones hold at least 5 people', () => {
    const real = { a: 2, b: 6, c: 20 };
    const parts = guardBreakdown(guardCount(28), real);
    expect(parts).toEqual({ a: fewerThanFive, b: withheld, c: 20 });
    for (const group of groupsBySubtraction(28, parts, real)) expect(group === 0 || group >= 5).toBe(true);
  });

  test('hidden parts already holding 5 people together, or none, withhold nothing more', () => {
    expect(guardBreakdown(guardCount(30), { a: 3, b: 2, c: 25 })).toEqual({
      a: fewerThanFive,
      b: fewerThanFive,
      c: 25,
    });
    expect(guardBreakdown(guardCount(10), { a: 10, b: 0 })).toEqual({ a: 10, b: fewerThanFive });
  });

  test('on every small breakdown, no subtraction of shown figures counts 1 to 4 people', () => {
    for (let a = 0; a <= 12; a++)
      for (let b = 0; b <= 12; b++)
        for (let c = 0; c <= 12; c++) {
          const real = { a, b, c };
          const total = guardCount(a + b + c);
          const parts = guardBreakdown(total, real);
          for (const group of groupsBySubtraction(total, parts, real)) {
            expect(group === 0 || group >= 5, `${a}+${b}+${c}: ${JSON.stringify(parts)}`).toBe(true);
          }
          // A marker never misstates: "fewer than 5" is true of the part it hides.
          for (const [k, v] of Object.entries(parts)) if (v === fewerThanFive) expect(real[k as 'a']).toBeLessThan(5);
        }
  });

  test('a hidden total hides its parts too, so they cannot rebuild it', () => {
    expect(guardBreakdown(guardCount(4), { a: 2, b: 2 })).toEqual({ a: fewerThanFive, b: fewerThanFive });
    expect(guardBreakdown(withheld, { a: 7, b: 2 })).toEqual({ a: withheld, b: fewerThanFive });
  });

  test('a share needs 5 on each side, so it never says that everyone or nobody did something', () => {
    expect(guardShare(10, 5)).toBe(0.5);
    expect(guardShare(10, 4)).toBe(fewerThanFive);
    expect(guardShare(10, 6)).toBe(fewerThanFive);
    expect(guardShare(20, 20)).toBe(fewerThanFive);
    expect(guardShare(20, 0)).toBe(fewerThanFive);
    expect(guardShare(fewerThanFive, 2)).toBe(fewerThanFive);
  });
});
