import { describe, expect, it } from 'vitest';
import { mentorshipCycleEnd } from '../../../src/domain/mentorship/cycle-end.ts';

describe('mentorshipCycleEnd', () => {
  it('ends the same day of the month, months later', () => {
    expect(mentorshipCycleEnd(new Date('2026-12-07T09:30:00Z'), 3).toISOString()).toBe('2027-03-07T09:30:00.000Z');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(mentorshipCycleEnd(new Date('2027-01-31T10:00:00Z'), 1).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(mentorshipCycleEnd(new Date('2028-01-31T10:00:00Z'), 1).toISOString()).toBe('2028-02-29T10:00:00.000Z');
  });

  it('crosses into the next year', () => {
    expect(mentorshipCycleEnd(new Date('2026-11-15T00:00:00Z'), 12).toISOString()).toBe('2027-11-15T00:00:00.000Z');
  });
});
