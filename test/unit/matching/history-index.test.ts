import { describe, expect, test } from 'vitest';
import {
  buildHistoryIndex,
  daysSinceMet,
  decayedMeetings,
  findMeeting,
  meetingCount,
} from '../../../src/matching/history-index.ts';

describe('history index', () => {
  const indexOf = new Map(['a', 'b', 'c', 'd'].map((id, i) => [id, i]));
  const round = Date.parse('2025-06-02');
  const index = buildHistoryIndex(
    4,
    indexOf,
    [
      { members: ['a', 'b'], date: '2025-05-26' },
      { members: ['a', 'b'], date: '2025-04-28' },
      { members: ['b', 'c', 'd'], date: '2025-05-05' },
      { members: ['a', 'gone'], date: '2025-05-19' },
      { members: ['c', 'd'], date: 'not a date' },
    ],
    round,
    8,
  );

  test('merges repeated meetings of a pair, keeping the latest and a decayed sum', () => {
    const slot = findMeeting(index, 0, 1);
    expect(slot).toBeGreaterThanOrEqual(0);
    expect(meetingCount(index, 0, slot)).toBe(2);
    expect(daysSinceMet(index, 0, slot)).toBe(7);
    expect(decayedMeetings(index, 0, slot)).toBeCloseTo(2 ** (-1 / 8) + 2 ** (-5 / 8), 5);
    expect(findMeeting(index, 1, 0)).toBeGreaterThanOrEqual(0);
  });

  test('a trio records all three pairs; unknown ids and undated groups are ignored', () => {
    expect(findMeeting(index, 1, 2)).toBeGreaterThanOrEqual(0);
    expect(findMeeting(index, 1, 3)).toBeGreaterThanOrEqual(0);
    expect(meetingCount(index, 2, findMeeting(index, 2, 3))).toBe(1);
    expect(findMeeting(index, 0, 2)).toBe(-1);
    expect(findMeeting(index, 0, 3)).toBe(-1);
  });

  test("a pair's meetings stop at the end of the row, even when the next row starts with the same partner", () => {
    const byId = new Map(['a', 'b', 'c'].map((id, i) => [id, i]));
    const rows = buildHistoryIndex(
      3,
      byId,
      [
        { members: ['a', 'c'], date: '2025-05-26' },
        { members: ['b', 'c'], date: '2025-05-19' },
        { members: ['b', 'c'], date: '2025-05-12' },
      ],
      round,
      8,
    );
    expect(meetingCount(rows, 0, findMeeting(rows, 0, 2))).toBe(1);
    expect(meetingCount(rows, 1, findMeeting(rows, 1, 2))).toBe(2);
    expect(daysSinceMet(rows, 1, findMeeting(rows, 1, 2))).toBe(14);
  });
});
