import { describe, expect, test } from 'vitest';
import {
  groupOverlapMinutes,
  offsetOnDay,
  overlapMinutes,
  utcOffsetMinutes,
  workingWindowUtc,
} from '../../../src/matching/timezone.ts';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

function window(zone: string, date: string, start = 9, end = 17) {
  return workingWindowUtc(offsetOnDay(zone, day(date)), start, end);
}

function overlap(a: string, b: string, date: string): number {
  const x = window(a, date);
  const y = window(b, date);
  return overlapMinutes(x.start, x.length, y.start, y.length);
}

describe('time zones', () => {
  test('offsets follow daylight saving at the given date', () => {
    expect(utcOffsetMinutes('Europe/London', day('2025-01-15'))).toBe(0);
    expect(utcOffsetMinutes('Europe/London', day('2025-07-15'))).toBe(60);
    expect(offsetOnDay('America/New_York', day('2025-03-08'))).toBe(-300);
    expect(offsetOnDay('America/New_York', day('2025-03-09'))).toBe(-240); // the switch happens at 02:00 that morning
    expect(offsetOnDay('Asia/Kolkata', day('2025-07-15'))).toBe(330);
    expect(offsetOnDay('Australia/Sydney', day('2025-01-15'))).toBe(660);
    expect(offsetOnDay('Australia/Sydney', day('2025-07-15'))).toBe(600);
  });

  test('shared hours change when only one side has switched to summer time', () => {
    // US clocks move on 9 March 2025, UK clocks on 30 March: for three weeks London–New York shares 4 h, not 3 h.
    expect(overlap('Europe/London', 'America/New_York', '2025-03-03')).toBe(180);
    expect(overlap('Europe/London', 'America/New_York', '2025-03-20')).toBe(240);
    expect(overlap('Europe/London', 'America/New_York', '2025-04-15')).toBe(180);
  });

  test('windows are compared on a 24 h circle (Sydney and Los Angeles across midnight UTC)', () => {
    // June: Sydney 09–17 is 23:00–07:00 UTC, Los Angeles 09–17 is 16:00–24:00 UTC.
    expect(overlap('Australia/Sydney', 'America/Los_Angeles', '2025-06-02')).toBe(60);
    expect(overlap('Asia/Kolkata', 'America/Los_Angeles', '2025-06-02')).toBe(0);
  });

  test('night shifts wrap past midnight, and group overlap is the common window of everyone', () => {
    const night = workingWindowUtc(0, 22, 6);
    expect(night).toEqual({ start: 22 * 60, length: 8 * 60 });
    const early = workingWindowUtc(0, 4, 12);
    expect(overlapMinutes(night.start, night.length, early.start, early.length)).toBe(120);
    expect(groupOverlapMinutes([0, 60, 120], [480, 480, 480])).toBe(360);
    expect(groupOverlapMinutes([0, 600], [480, 480])).toBe(0);
  });
});
