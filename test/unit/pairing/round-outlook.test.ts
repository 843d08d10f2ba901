import { describe, expect, test } from 'vitest';
import { hasRun, upcomingRoundDate } from '../../../src/domain/pairing/round-outlook.ts';

/** Weekly on Mondays; 2026-12-07 is a Monday. */
const calendar = { frequency: 'weekly' as const, weekday: 1, createdAt: new Date('2026-11-02T12:00:00Z') };
const base = { calendar, timeZone: 'UTC', today: '2026-12-07', startedOn: '2026-11-02' };

describe('the next round that will really run', () => {
  test('today, while its round is still to come', () => {
    expect(upcomingRoundDate({ ...base, made: [] })).toBe('2026-12-07');
    // Made a day ahead, intros still to send; or waiting for approval.
    expect(upcomingRoundDate({ ...base, made: [{ roundDate: '2026-12-07', status: 'delivering', pending: 3 }] })).toBe(
      '2026-12-07',
    );
    expect(
      upcomingRoundDate({ ...base, made: [{ roundDate: '2026-12-07', status: 'awaiting_approval', pending: 3 }] }),
    ).toBe('2026-12-07');
  });

  test('next week once today’s round has run, and never a programme’s first day', () => {
    expect(upcomingRoundDate({ ...base, made: [{ roundDate: '2026-12-07', status: 'delivered', pending: 0 }] })).toBe(
      '2026-12-14',
    );
    expect(upcomingRoundDate({ ...base, startedOn: '2026-12-07', made: [] })).toBe('2026-12-14');
  });

  test('a round has run when every intro is out or it is over', () => {
    expect(hasRun({ status: 'delivering', pending: 0 })).toBe(true);
    expect(hasRun({ status: 'closed', pending: 0 })).toBe(true);
    expect(hasRun({ status: 'delivering', pending: 1 })).toBe(false);
    expect(hasRun({ status: 'awaiting_approval', pending: 0 })).toBe(false);
  });
});
