import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { suggestValues } from '../../../src/domain/kudos/suggest-values.ts';

const values = ['teamwork', 'craft', 'customer', 'ownership', 'kindness'];

describe('suggestValues', () => {
  test.each([
    ['teamwrok', 'teamwork'],
    ['#Teamwrok', 'teamwork'],
    ['temwork', 'teamwork'],
    ['kraft', 'craft'],
    ['custmer', 'customer'],
    ['own', 'ownership'],
    ['teamworking', 'teamwork'],
    ['KINDNES', 'kindness'],
  ])('%j suggests %j first', (tag, expected) => {
    expect(suggestValues(tag, values)[0]).toBe(expected);
  });

  test('nothing close, nothing suggested', () => {
    expect(suggestValues('zzzzzz', values)).toEqual([]);
    expect(suggestValues('', values)).toEqual([]);
    expect(suggestValues('#', values)).toEqual([]);
    expect(suggestValues('teamwrok', [])).toEqual([]);
  });

  test('best first (prefixes win ties), ties in configured order, at most limit, spelled as configured', () => {
    const configured = ['Design', 'Desk', 'Dessert', 'design', 'Desig'];
    expect(suggestValues('desi', configured)).toEqual(['Design', 'Desig', 'Desk']);
    expect(suggestValues('desi', configured, 1)).toEqual(['Design']);
    expect(suggestValues('desi', configured, 0)).toEqual([]);
  });

  test('never throws; returns distinct configured values, at most limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 6 }),
        (tag, configured, limit) => {
          const result = suggestValues(tag, configured, limit);
          expect(result.length).toBeLessThanOrEqual(limit);
          for (const value of result) expect(configured).toContain(value);
          expect(new Set(result.map((value) => value.toLowerCase())).size).toBe(result.length);
        },
      ),
    );
  });

  test('a configured value, typed in any case, comes first', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/), { minLength: 1 }),
        fc.nat(),
        (configured, i) => {
          const value = configured[i % configured.length]!;
          expect(suggestValues(`#${value.toUpperCase()}`, configured)[0]).toBe(value);
        },
      ),
    );
  });

  test('a long tag stays fast', () => {
    expect(suggestValues('a'.repeat(1000), values)).toEqual([]);
  });
});
