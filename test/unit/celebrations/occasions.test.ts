import { describe, expect, test } from 'vitest';
import {
  applyWeekendRule,
  type Celebrant,
  dueOccasions,
  isMilestone,
  monthDaysAround,
  occasionFor,
  upcomingOccasions,
} from '../../../src/domain/celebrations/occasions.ts';

const at = (iso: string) => new Date(iso);
const person = (userId: string, timeZone: string, extra: Partial<Celebrant> = {}): Celebrant => ({
  userId,
  timeZone,
  birthday: { month: 3, day: 10 },
  startDate: null,
  birthdayVisibility: 'channel',
  anniversaryVisibility: 'channel',
  ...extra,
});
const rules = { postHour: 9, weekendRule: 'friday' as const };
const hours = (fromIso: string, count: number, stepMinutes = 60) =>
  Array.from({ length: count }, (_, i) => new Date(at(fromIso).getTime() + i * stepMinutes * 60_000));

describe('the posting moment', () => {
  // Wednesday 10 March 2027, 09:00 local in each zone.
  const zones: Array<[string, string]> = [
    ['Pacific/Kiritimati', '2027-03-09T19:00:00.000Z'], // UTC+14
    ['Australia/Sydney', '2027-03-09T22:00:00.000Z'], // +11 (summer time)
    ['Asia/Kathmandu', '2027-03-10T03:15:00.000Z'], // +05:45
    ['Asia/Kolkata', '2027-03-10T03:30:00.000Z'], // +05:30
    ['Europe/Berlin', '2027-03-10T08:00:00.000Z'],
    ['Africa/Lagos', '2027-03-10T08:00:00.000Z'],
    ['UTC', '2027-03-10T09:00:00.000Z'],
    ['America/New_York', '2027-03-10T14:00:00.000Z'], // still EST: DST starts on the 14th
    ['Pacific/Pago_Pago', '2027-03-10T20:00:00.000Z'], // UTC−11
    ['Etc/GMT+12', '2027-03-10T21:00:00.000Z'], // UTC−12
  ];

  test.each(zones)('is 09:00 on the date in %s', (timeZone, expected) => {
    const occasion = occasionFor(person('U1', timeZone), 'birthday', 2027, rules);
    expect(occasion?.moment.toISOString()).toBe(expected);
    expect(occasion?.observed).toEqual({ year: 2027, month: 3, day: 10 });
  });

  test('from UTC−12 to UTC+14 on the same date, each is due exactly from its own moment, once per hour scan', () => {
    const people = zones.map(([tz], i) => person(`U${i}`, tz));
    const firstDue = new Map<string, string>();
    for (const now of hours('2027-03-09T00:00:00Z', 24 * 4)) {
      for (const o of dueOccasions(people, rules, now)) {
        if (!firstDue.has(o.userId)) firstDue.set(o.userId, now.toISOString());
        expect(o.occasionYear).toBe(2027);
      }
    }
    // The first hourly scan at or after each moment; half- and quarter-hour zones wait for the next full hour.
    const expectedFirst = zones.map(([, moment]) => {
      const t = at(moment).getTime();
      return new Date(Math.ceil(t / 3600_000) * 3600_000).toISOString();
    });
    expect(zones.map((_, i) => firstDue.get(`U${i}`))).toEqual(expectedFirst);
  });

  test('stays due for a catch-up day after the moment, then never again that year', () => {
    const p = [person('U1', 'UTC')];
    expect(dueOccasions(p, rules, at('2027-03-10T08:59:59Z'))).toEqual([]);
    expect(dueOccasions(p, rules, at('2027-03-10T09:00:00Z'))).toHaveLength(1);
    expect(dueOccasions(p, rules, at('2027-03-11T08:59:59Z'))).toHaveLength(1);
    expect(dueOccasions(p, rules, at('2027-03-11T09:00:00Z'))).toEqual([]);
    expect(dueOccasions(p, rules, at('2027-07-01T09:00:00Z'))).toEqual([]);
  });

  test('a DST change night: a skipped hour posts just after the gap, a repeated hour posts at its first occurrence', () => {
    const keep = { postHour: 2, weekendRule: 'keep' as const };
    // New York springs forward at 02:00 on Sunday 14 March 2027: 02:00 never happens; 03:00 EDT is 07:00Z.
    const ny = person('UNY', 'America/New_York', { birthday: { month: 3, day: 14 } });
    expect(occasionFor(ny, 'birthday', 2027, keep)?.moment.toISOString()).toBe('2027-03-14T07:00:00.000Z');
    // Berlin falls back at 03:00 on Sunday 31 October 2027: 02:00 happens twice; the first is 00:00Z (CEST).
    const berlin = person('UBE', 'Europe/Berlin', { birthday: null, startDate: { year: 2020, month: 10, day: 31 } });
    const anniversary = occasionFor(berlin, 'anniversary', 2027, keep);
    expect(anniversary?.moment.toISOString()).toBe('2027-10-31T00:00:00.000Z');
    expect(anniversary?.years).toBe(7);
    // Scanning every 15 minutes through both nights: exactly one first moment each.
    for (const [p, from, expected] of [
      [ny, '2027-03-13T20:00:00Z', '2027-03-14T07:00:00.000Z'],
      [berlin, '2027-10-30T18:00:00Z', '2027-10-31T00:00:00.000Z'],
    ] as const) {
      const due = hours(from, 4 * 24, 15).filter((now) => dueOccasions([p], keep, now).length > 0);
      expect(due[0]?.toISOString()).toBe(expected);
    }
    // On an ordinary hour the offset of the day itself applies (EDT after the change).
    expect(occasionFor(ny, 'birthday', 2027, { postHour: 9, weekendRule: 'keep' })?.moment.toISOString()).toBe(
      '2027-03-14T13:00:00.000Z',
    );
  });
});

describe('Feb 29 and weekends', () => {
  const leapling = person('U29', 'UTC', { birthday: { month: 2, day: 29 } });

  test('Feb 29 is celebrated on Feb 29 in a leap year and on Feb 28 in a common year', () => {
    const keep = { postHour: 9, weekendRule: 'keep' as const };
    expect(occasionFor(leapling, 'birthday', 2028, keep)?.observed).toEqual({ year: 2028, month: 2, day: 29 });
    expect(occasionFor(leapling, 'birthday', 2026, keep)?.observed).toEqual({ year: 2026, month: 2, day: 28 });
    expect(occasionFor(leapling, 'birthday', 2100, keep)?.observed).toEqual({ year: 2100, month: 2, day: 28 });
    expect(occasionFor(leapling, 'birthday', 2000, keep)?.observed).toEqual({ year: 2000, month: 2, day: 29 });
  });

  test('in 2027 Feb 28 is a Sunday: the weekend rule applies after the leap-day move', () => {
    const on = (weekendRule: 'friday' | 'monday' | 'keep') =>
      occasionFor(leapling, 'birthday', 2027, { postHour: 9, weekendRule });
    expect(on('keep')?.observed).toEqual({ year: 2027, month: 2, day: 28 });
    expect(on('friday')?.observed).toEqual({ year: 2027, month: 2, day: 26 });
    expect(on('monday')?.observed).toEqual({ year: 2027, month: 3, day: 1 });
    expect(on('friday')?.date).toEqual({ year: 2027, month: 2, day: 28 });
  });

  test('Saturday and Sunday move to the Friday before or the Monday after, or stay', () => {
    const saturday = { year: 2027, month: 3, day: 13 };
    const sunday = { year: 2027, month: 3, day: 14 };
    const wednesday = { year: 2027, month: 3, day: 10 };
    expect(applyWeekendRule(saturday, 'friday')).toEqual({ year: 2027, month: 3, day: 12 });
    expect(applyWeekendRule(sunday, 'friday')).toEqual({ year: 2027, month: 3, day: 12 });
    expect(applyWeekendRule(saturday, 'monday')).toEqual({ year: 2027, month: 3, day: 15 });
    expect(applyWeekendRule(sunday, 'monday')).toEqual({ year: 2027, month: 3, day: 15 });
    expect(applyWeekendRule(saturday, 'keep')).toEqual(saturday);
    expect(applyWeekendRule(wednesday, 'friday')).toEqual(wednesday);
  });

  test('a Saturday 1 January is celebrated the Friday before, in December, and still counts for its own year', () => {
    const newYear = person('UNY', 'UTC', { birthday: { month: 1, day: 1 } });
    const due = dueOccasions([newYear], rules, at('2021-12-31T10:00:00Z'));
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ occasionYear: 2022, observed: { year: 2021, month: 12, day: 31 } });
    expect(dueOccasions([newYear], rules, at('2022-01-01T10:00:00Z'))).toEqual([]);
  });

  test('the database prefilter covers Feb 29 whenever Feb 28 is near', () => {
    const days = monthDaysAround(at('2027-03-02T12:00:00Z'));
    expect(days).toContainEqual({ month: 2, day: 29 });
    expect(days).toContainEqual({ month: 2, day: 26 });
    expect(days).toContainEqual({ month: 3, day: 6 });
    expect(monthDaysAround(at('2027-06-15T12:00:00Z'))).not.toContainEqual({ month: 2, day: 29 });
  });
});

describe('anniversaries', () => {
  const starter = (year: number, month: number, day: number) =>
    person('UA', 'UTC', { birthday: null, startDate: { year, month, day } });

  test('note the year count; nothing on the first day itself', () => {
    expect(occasionFor(starter(2019, 5, 5), 'anniversary', 2027, rules)?.years).toBe(8);
    expect(occasionFor(starter(2027, 5, 5), 'anniversary', 2027, rules)).toBeUndefined();
    expect(occasionFor(starter(2026, 5, 5), 'anniversary', 2027, rules)?.years).toBe(1);
  });

  test('a Feb 29 start date moves to Feb 28 in common years', () => {
    expect(
      occasionFor(starter(2024, 2, 29), 'anniversary', 2026, { postHour: 9, weekendRule: 'keep' })?.observed,
    ).toEqual({
      year: 2026,
      month: 2,
      day: 28,
    });
  });

  test('1, 5, 10, 15 and 20 years are milestones (and every five years after)', () => {
    expect([1, 2, 3, 4, 5, 6, 9, 10, 11, 15, 19, 20, 21, 25, 30].filter(isMilestone)).toEqual([
      1, 5, 10, 15, 20, 25, 30,
    ]);
  });

  test('visibility none, or no date, means no occasion', () => {
    expect(occasionFor(person('U1', 'UTC', { birthdayVisibility: 'none' }), 'birthday', 2027, rules)).toBeUndefined();
    expect(occasionFor(person('U1', 'UTC'), 'anniversary', 2027, rules)).toBeUndefined();
  });

  test('upcoming occasions in the next 30 days, soonest first, across the year end', () => {
    const people = [
      person('UB', 'UTC', { birthday: { month: 1, day: 5 } }),
      person('UA', 'UTC', { birthday: { month: 12, day: 24 } }),
      person('UC', 'UTC', { birthday: { month: 3, day: 1 } }),
    ];
    const upcoming = upcomingOccasions(people, { postHour: 9, weekendRule: 'keep' }, at('2027-12-20T00:00:00Z'), 30);
    expect(upcoming.map((o) => [o.userId, o.occasionYear])).toEqual([
      ['UA', 2027],
      ['UB', 2028],
    ]);
  });
});
