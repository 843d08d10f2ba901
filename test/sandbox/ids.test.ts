import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatTs, parseTs } from '../../src/sandbox/index.ts';

describe('Slack ts values', () => {
  test('property: formatting then parsing gives back the same microseconds, in Slack’s 6-decimal shape', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 9_999_999_999_999_999n }), (micros) => {
        const ts = formatTs(micros);
        expect(ts).toMatch(/^\d+\.\d{6}$/);
        expect(parseTs(ts)).toBe(micros);
      }),
    );
  });

  test('property: ordering of ts strings by value matches ordering of the instants', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.bigInt({ min: 1n, max: 10n ** 7n }), (micros, gap) => {
        expect((parseTs(formatTs(micros + gap)) ?? 0n) > (parseTs(formatTs(micros)) ?? 0n)).toBe(true);
      }),
    );
  });

  test('lenient parsing of what callers send as oldest/latest, strict refusal of garbage', () => {
    expect(parseTs('1767603600')).toBe(1_767_603_600_000_000n);
    expect(parseTs('1767603600.5')).toBe(1_767_603_600_500_000n);
    expect(parseTs('1767603600.1234567')).toBe(1_767_603_600_123_456n);
    expect(parseTs('yesterday')).toBeUndefined();
    expect(parseTs('-1')).toBeUndefined();
  });
});
