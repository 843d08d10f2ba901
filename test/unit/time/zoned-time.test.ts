import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { periodWindow } from '../../../src/domain/time/periods.ts';
import { zonedParts, zonedTimeToInstant } from '../../../src/domain/time/zoned-time.ts';

const zones = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Pacific/Kiritimati',
  'Etc/GMT+12',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
];

describe('zoned time', () => {
  test('a local time converts to an instant that shows that local time again (outside DST gaps)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, ms) => {
          const instant = new Date(Math.floor(ms / 60_000) * 60_000);
          const local = zonedParts(instant, zone);
          const back = zonedTimeToInstant(local, zone);
          expect(zonedParts(back, zone)).toMatchObject({
            year: local.year,
            month: local.month,
            day: local.day,
            hour: local.hour,
            minute: local.minute,
          });
          // A repeated wall time resolves to its first occurrence, never later than the instant we started from.
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
        },
      ),
    );
  });

  test('a wall time skipped by spring-forward resolves to the first instant after the gap', () => {
    // Berlin, 29 March 2026: 02:00 jumps to 03:00.
    const instant = zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin');
    expect(instant.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  test('a wall time repeated by fall-back resolves to its first occurrence', () => {
    // Berlin, 31 October 2027: 02:00–03:00 happens twice (CEST, then CET).
    const instant = zonedTimeToInstant({ year: 2027, month: 10, day: 31, hour: 2, minute: 0 }, 'Europe/Berlin');
    expect(instant.toISOString()).toBe('2027-10-31T00:00:00.000Z');
  });

  test('weeks start Monday 00:00 local and are 169 h long across the autumn DST change', () => {
    // Berlin leaves summer time on Sunday 25 October 2026.
    const window = periodWindow(new Date('2026-10-22T12:00:00Z'), 'Europe/Berlin', 'week');
    expect(window.start.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(window.end.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect((window.end.getTime() - window.start.getTime()) / 3_600_000).toBe(169);
  });

  test('UTC+14 and UTC−12 are on different calendar days at the same instant', () => {
    const instant = new Date('2026-06-15T11:30:00Z');
    expect(zonedParts(instant, 'Pacific/Kiritimati')).toMatchObject({ day: 16, hour: 1 });
    expect(zonedParts(instant, 'Etc/GMT+12')).toMatchObject({ day: 14, hour: 23 });
    expect(periodWindow(instant, 'Pacific/Kiritimati', 'day').start.toISOString()).toBe('2026-06-15T10:00:00.000Z');
  });
});
