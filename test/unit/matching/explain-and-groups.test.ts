import { describe, expect, test } from 'vitest';
import { groupSizes } from '../../../src/matching/groups.ts';
import { matchRound } from '../../../src/matching/match.ts';
import type { MemberInput, RoundInput } from '../../../src/matching/types.ts';
import { ROUND_DATE } from './support.ts';

const member = (
  id: string,
  team: string,
  timezone = 'Europe/Paris',
  extra: Partial<MemberInput> = {},
): MemberInput => ({
  id,
  team,
  department: `${team}-dept`,
  timezone,
  workHours: [9, 17],
  ...extra,
});

describe('why each group was formed', () => {
  test('names the teams, the shared hours and whether they met', () => {
    const result = matchRound({
      date: ROUND_DATE,
      members: [member('ana', 'Payments'), member('bo', 'Design', 'America/New_York')],
    });
    expect(result.groups).toEqual([
      { members: ['ana', 'bo'], why: 'cross-team (Payments × Design), 2 h shared working hours, never met' },
    ]);
  });

  test('says when the cooldown had to be relaxed because nobody else was available', () => {
    const result = matchRound({
      date: ROUND_DATE,
      members: [member('ana', 'Payments'), member('bo', 'Design')],
      history: [{ members: ['ana', 'bo'], date: '2025-05-26' }],
      cooldownWeeks: 4,
    });
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]!.why).toBe(
      'cross-team (Payments × Design), 8 h shared working hours, met once, last 7 days ago ' +
        '(cooldown relaxed: nobody else was available)',
    );
    expect(result.stats.repeatsWithinCooldown).toBe(1);
  });

  test('avoids last week’s partner when anyone else is free', () => {
    const members = ['a', 'b', 'c', 'd'].map((id) => member(id, `team-${id}`));
    const result = matchRound({
      date: ROUND_DATE,
      members,
      history: [
        { members: ['a', 'b'], date: '2025-05-26' },
        { members: ['c', 'd'], date: '2025-05-26' },
      ],
    });
    expect(result.stats.repeatsEver).toBe(0);
    for (const g of result.groups) expect(g.why).toContain('never met');
  });

  test('reports who cannot be placed, and why', () => {
    const result = matchRound({
      date: ROUND_DATE,
      members: [member('a', 'x'), member('b', 'x'), member('c', 'y')],
      blocks: [
        ['c', 'a'],
        ['c', 'b'],
      ],
    });
    expect(result.groups.map((g) => g.members)).toEqual([['a', 'b']]);
    // Blocked from both others: told the plain truth of an odd headcount, never the block.
    expect(result.unmatched).toEqual([{ id: 'c', reason: 'odd-number' }]);
    expect(result.debts.unmatched).toEqual(['c']);
    const alone = matchRound({ date: ROUND_DATE, members: [member('solo', 'x')] });
    expect(alone.unmatched).toEqual([{ id: 'solo', reason: 'alone' }]);
    const sameTeam = matchRound({
      date: ROUND_DATE,
      rule: 'cross-team-only',
      members: [member('a', 'x'), member('b', 'x')],
    });
    expect(sameTeam.unmatched.map((u) => u.reason)).toEqual(['own-team', 'own-team']);
  });

  test('a block never shows in a reason: the person it keeps out gets what a full round would give', () => {
    const four = [member('a', 'x'), member('b', 'y'), member('c', 'z'), member('d', 'w')];
    // d is blocked from everyone, in an even round: no group has room, the same words as a crowded round.
    const even = matchRound({
      date: ROUND_DATE,
      members: four,
      blocks: [
        ['d', 'a'],
        ['b', 'd'],
        ['d', 'c'],
      ],
    });
    expect(even.unmatched).toEqual([{ id: 'd', reason: 'no-place' }]);
    // Cross-team: the only person of another team blocked c, so c hears "no room", not "your own team".
    const crossTeam = matchRound({
      date: ROUND_DATE,
      rule: 'cross-team-only',
      members: [member('a', 'x'), member('b', 'x'), member('c', 'x'), member('d', 'y')],
      blocks: [['d', 'c']],
    });
    expect(crossTeam.unmatched.map((u) => u.reason)).not.toContain('own-team');
    // A guest the host blocked is "not drawn", like every other guest left out of the lottery.
    const lottery = matchRound({
      date: ROUND_DATE,
      rule: 'fixed-host',
      groupSize: 2,
      members: [member('host', 'exec', 'Europe/Paris', { role: 'host' }), member('g1', 'x'), member('g2', 'y')],
      blocks: [['host', 'g2']],
    });
    expect(lottery.unmatched).toEqual([{ id: 'g2', reason: 'not-drawn' }]);
  });
});

describe('groups of three and four', () => {
  test('sizes are as even as possible and never above the group size', () => {
    expect(groupSizes(10, 4)).toEqual([4, 3, 3]);
    expect(groupSizes(9, 4)).toEqual([3, 3, 3]);
    expect(groupSizes(5, 4)).toEqual([3, 2]);
    expect(groupSizes(10, 3)).toEqual([3, 3, 2, 2]);
    expect(groupSizes(3, 3)).toEqual([3]);
    expect(groupSizes(1, 3)).toEqual([]);
  });

  test('a round in fours places everyone, mixing teams', () => {
    const members = Array.from({ length: 22 }, (_, i) => member(`m${i}`, `team-${i % 6}`));
    const result = matchRound({ date: ROUND_DATE, members, groupSize: 4, seed: 7 });
    expect(result.groups.map((g) => g.members.length).sort()).toEqual([3, 3, 4, 4, 4, 4]);
    expect(result.unmatched).toEqual([]);
    expect(result.stats.crossTeamPairs).toBe(result.stats.pairsInGroups);
  });
});

describe('star programmes', () => {
  test('mentor-mentee: one mentor per group; mentees beyond the places are told why', () => {
    const members = [
      member('m1', 'a', 'Europe/Paris', { role: 'mentor', seniority: 6 }),
      member('m2', 'b', 'Europe/Paris', { role: 'mentor', seniority: 5 }),
      ...Array.from({ length: 10 }, (_, i) =>
        member(`e${i}`, `t${i % 4}`, 'Europe/Paris', { role: 'mentee', seniority: 2 }),
      ),
    ];
    const result = matchRound({ date: ROUND_DATE, members, rule: 'mentor-mentee' });
    expect(result.groups).toHaveLength(2);
    for (const g of result.groups) {
      expect(g.members.filter((id) => id.startsWith('m'))).toHaveLength(1);
      expect(g.why).toMatch(/^mentor–mentee/);
    }
    expect(result.unmatched).toHaveLength(8);
    expect(result.unmatched.every((u) => u.reason === 'no-mentor')).toBe(true);
  });

  test('fixed-host lottery: everyone is drawn once before anyone is drawn twice', () => {
    const members = [member('host', 'exec', 'Europe/Paris', { role: 'host' })];
    for (let i = 0; i < 9; i++) members.push(member(`g${i}`, `t${i % 3}`, i % 2 ? 'Europe/London' : 'Asia/Kolkata'));
    const debts = new Map<string, number>();
    const drawn = new Map<string, number>();
    for (let week = 0; week < 3; week++) {
      const input: RoundInput = {
        date: ROUND_DATE,
        members,
        rule: 'fixed-host',
        groupSize: 4,
        seed: week,
        debts: [...debts].map(([id, unmatched]) => ({ id, unmatched })),
      };
      const result = matchRound(input);
      expect(result.groups).toHaveLength(1);
      expect(result.groups[0]!.members[0]).toBe('host');
      for (const id of result.groups[0]!.members.slice(1)) drawn.set(id, (drawn.get(id) ?? 0) + 1);
      for (const id of result.debts.unmatched) debts.set(id, (debts.get(id) ?? 0) + 1);
      expect(result.unmatched.every((u) => u.reason === 'not-drawn')).toBe(true);
    }
    expect([...drawn.values()]).toEqual(new Array(9).fill(1));
  });
});
