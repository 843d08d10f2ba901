import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { groupDeliveryTime, paceDeliveries } from '../../../src/domain/pairing/delivery-time.ts';
import { isRoundDate, nextRoundDate } from '../../../src/domain/pairing/round-calendar.ts';
import { zonedParts } from '../../../src/domain/time/zoned-time.ts';

const hourIn = (at: Date, zone: string) => zonedParts(at, zone).hour;

describe('when an intro goes out', () => {
  test('a group in one zone gets it at the send hour, on both sides of a DST change', () => {
    // New York moves to summer time on Sunday 8 March 2026.
    const before = groupDeliveryTime({
      roundDate: '2026-03-02',
      sendHour: 10,
      timeZones: ['America/New_York', 'America/New_York'],
    });
    const after = groupDeliveryTime({
      roundDate: '2026-03-09',
      sendHour: 10,
      timeZones: ['America/New_York', 'America/New_York'],
    });
    expect(before.toISOString()).toBe('2026-03-02T15:00:00.000Z');
    expect(after.toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  test('members at UTC−10 and UTC+13 in one group: nobody gets it in their night', () => {
    const at = groupDeliveryTime({
      roundDate: '2026-06-15',
      sendHour: 10,
      timeZones: ['Pacific/Honolulu', 'Pacific/Tongatapu'],
    });
    for (const zone of ['Pacific/Honolulu', 'Pacific/Tongatapu']) {
      const hour = hourIn(at, zone);
      expect(hour).toBeGreaterThanOrEqual(7);
      expect(hour).toBeLessThan(22);
    }
  });

  test('for any zones: everyone in daytime when they share some, otherwise nobody deep in their night', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'America/Los_Angeles',
      'Asia/Kolkata',
      'Asia/Tokyo',
      'Australia/Sydney',
      'America/Sao_Paulo',
    ];
    fc.assert(
      fc.property(
        fc.subarray(zones, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 8, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (group, sendHour, day) => {
          const roundDate = `2026-04-${String(day).padStart(2, '0')}`;
          const at = groupDeliveryTime({ roundDate, sendHour, timeZones: group });
          const inDaytime = (t: Date) => group.every((zone) => hourIn(t, zone) >= 7 && hourIn(t, zone) < 22);
          const start = Date.parse(`${roundDate}T00:00:00Z`) - 24 * 3600 * 1000;
          const shared = Array.from({ length: 96 }, (_, i) => new Date(start + i * 1800 * 1000)).some(inDaytime);
          if (shared) expect(inDaytime(at)).toBe(true);
          else for (const zone of group) expect(hourIn(at, zone) >= 5 && hourIn(at, zone) <= 23).toBe(true);
        },
      ),
    );
  });

  test('deliveries are spaced so conversations.open stays under Tier 3', () => {
    const same = new Date('2026-06-15T09:00:00Z');
    const paced = paceDeliveries(
      [{ deliverAt: same }, { deliverAt: same }, { deliverAt: new Date('2026-06-15T08:00:00Z') }],
      1_250,
    );
    expect(paced.map((g) => g.deliverAt.toISOString())).toEqual([
      '2026-06-15T08:00:00.000Z',
      '2026-06-15T09:00:00.000Z',
      '2026-06-15T09:00:01.250Z',
    ]);
  });
});

describe('round calendar', () => {
  const createdAt = new Date('2026-11-02T12:00:00Z'); // a Monday
  test('weekly, every two weeks and monthly rounds fall on the programme weekday', () => {
    expect(isRoundDate({ frequency: 'weekly', weekday: 1, createdAt }, '2026-11-09', 'UTC')).toBe(true);
    expect(isRoundDate({ frequency: 'weekly', weekday: 1, createdAt }, '2026-11-10', 'UTC')).toBe(false);
    expect(isRoundDate({ frequency: 'biweekly', weekday: 1, createdAt }, '2026-11-09', 'UTC')).toBe(false);
    expect(isRoundDate({ frequency: 'biweekly', weekday: 1, createdAt }, '2026-11-16', 'UTC')).toBe(true);
    expect(isRoundDate({ frequency: 'monthly', weekday: 1, createdAt }, '2026-12-07', 'UTC')).toBe(true);
    expect(isRoundDate({ frequency: 'monthly', weekday: 1, createdAt }, '2026-12-14', 'UTC')).toBe(false);
    expect(nextRoundDate({ frequency: 'weekly', weekday: 5, createdAt }, new Date('2026-11-23T12:00:00Z'), 'UTC')).toBe(
      '2026-11-27',
    );
  });
});
