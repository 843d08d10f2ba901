import { describe, expect, test } from 'vitest';
import { upcomingRoundDate } from '../../../src/domain/pairing/round-calendar.ts';
import { crossTeamShare } from '../../../src/domain/pairing/round-stats.ts';
import { proposeTeamField } from '../../../src/domain/pairing/team-field.ts';

const field = (id: string, label: string) => ({ id, label });

describe('proposeTeamField', () => {
  test('finds the field named after teams, preferring Team over Department', () => {
    expect(proposeTeamField([field('X1', 'Pronouns'), field('X2', 'Department'), field('X3', 'Team')])).toEqual(
      field('X3', 'Team'),
    );
    expect(proposeTeamField([field('X1', 'Squad'), field('X2', 'Division')])).toEqual(field('X1', 'Squad'));
    expect(proposeTeamField([field('X1', ' my TEAM: '), field('X2', 'Team name')])?.id).toBe('X1');
    expect(proposeTeamField([field('X1', 'Dept.')])?.id).toBe('X1');
  });

  test('ignores fields that only mention a team word', () => {
    expect(
      proposeTeamField([field('X1', 'Team lead'), field('X2', 'Favourite group chat'), field('X3', 'Start date')]),
    ).toBeNull();
    expect(proposeTeamField([])).toBeNull();
  });
});

describe('crossTeamShare', () => {
  const pool = (teams: Record<string, string | null>) =>
    Object.entries(teams).map(([userId, team]) => ({ userId, team, department: null, timeZone: 'UTC' }));

  test('counts only pairs whose two teams are known', () => {
    const people = pool({ A: 'Core', B: 'Design', C: 'Core', D: 'Core', E: null, F: 'Sales' });
    expect(crossTeamShare([{ members: ['A', 'B'] }, { members: ['C', 'D'] }, { members: ['E', 'F'] }], people)).toBe(
      0.5,
    );
  });

  test('no known pair is “no team data”, never 100 %; no pair at all is nothing to say', () => {
    const unknown = pool({ A: null, B: null, C: null, D: null });
    expect(crossTeamShare([{ members: ['A', 'B'] }, { members: ['C', 'D'] }], unknown)).toBe('no team data');
    expect(crossTeamShare([], unknown)).toBeNull();
  });

  test('someone who left their group no longer counts in it', () => {
    const people = pool({ A: 'Core', B: 'Core', C: 'Design' });
    expect(crossTeamShare([{ members: ['A', 'B', 'C'], dropped: ['B'] }], people)).toBe(1);
  });
});

describe('upcomingRoundDate', () => {
  const weeklyMondays = (createdAt: string) => ({
    frequency: 'weekly' as const,
    weekday: 1,
    createdAt: new Date(createdAt),
  });

  test('never the day the programme starts', () => {
    // Monday 7 December 2026, started that morning: the first round is the next Monday.
    expect(upcomingRoundDate(weeklyMondays('2026-12-07T08:00:00Z'), new Date('2026-12-07T09:00:00Z'), 'UTC')).toBe(
      '2026-12-14',
    );
  });

  test('later, the next round date from today, in the workspace’s zone', () => {
    expect(upcomingRoundDate(weeklyMondays('2026-11-01T08:00:00Z'), new Date('2026-12-07T09:00:00Z'), 'UTC')).toBe(
      '2026-12-07',
    );
    // Sunday 23:30 in New York is already Monday in UTC; in New York the round is tomorrow.
    expect(
      upcomingRoundDate(weeklyMondays('2026-11-01T08:00:00Z'), new Date('2026-12-07T04:30:00Z'), 'America/New_York'),
    ).toBe('2026-12-07');
  });
});
