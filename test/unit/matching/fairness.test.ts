import { describe, expect, test } from 'vitest';
import { createRng } from '../../../src/matching/hash.ts';
import { matchRound } from '../../../src/matching/match.ts';
import type { MemberInput, PastGroup } from '../../../src/matching/types.ts';

const DAY_MS = 86_400_000;
const ZONES = ['Europe/London', 'Europe/Paris', 'America/New_York'];

function people(count: number): MemberInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    team: `t${i % 4}`,
    timezone: ZONES[i % 3]!,
    workHours: [9, 17] as [number, number],
  }));
}

interface Week {
  /** Trio counts of this week's pool before the round, lowest first. */
  before: number[];
  /** Trio counts of this week's trio members before the round, lowest first. */
  trio: number[];
  /** Highest minus lowest trio count among this week's pool after the round. */
  spread: number;
  unmatched: number;
}

/** 26 weekly rounds in which the engine writes its own history; `absent` pauses a share of the pool each week. */
function simulate(count: number, cooldownWeeks: number, absent = 0, seed = 1): Week[] {
  const members = people(count);
  const trios = new Map(members.map((m) => [m.id, 0]));
  const history: PastGroup[] = [];
  const churn = createRng(seed);
  const start = Date.parse('2025-01-06');
  const weeks: Week[] = [];
  for (let week = 0; week < 26; week++) {
    const date = new Date(start + week * 7 * DAY_MS).toISOString().slice(0, 10);
    const present = members.filter(() => churn.below(100) >= absent * 100);
    if (present.length < 2) continue;
    const result = matchRound({
      members: present,
      history,
      date,
      seed: `w${week}`,
      cooldownWeeks,
      debts: present.map((m) => ({ id: m.id, trios: trios.get(m.id)! })),
    });
    const before = present.map((m) => trios.get(m.id)!).sort((a, b) => a - b);
    const trio = result.debts.trio.map((id) => trios.get(id)!).sort((a, b) => a - b);
    for (const id of result.debts.trio) trios.set(id, trios.get(id)! + 1);
    for (const g of result.groups) history.push({ members: g.members, date });
    const after = present.map((m) => trios.get(m.id)!);
    weeks.push({ before, trio, spread: Math.max(...after) - Math.min(...after), unmatched: result.unmatched.length });
  }
  return weeks;
}

describe('rolling rounds', () => {
  test('over 26 weekly rounds of an odd pool, nobody gets a second trio before everyone has had one', () => {
    const members = people(13);
    const trios = new Map(members.map((m) => [m.id, 0]));
    const history: PastGroup[] = [];
    const start = Date.parse('2025-01-06');
    for (let week = 0; week < 26; week++) {
      const date = new Date(start + week * 7 * DAY_MS).toISOString().slice(0, 10);
      const result = matchRound({
        members,
        history,
        date,
        seed: `w${week}`,
        cooldownWeeks: 2,
        debts: [...trios].map(([id, count]) => ({ id, trios: count })),
      });
      expect(result.unmatched).toEqual([]);
      expect(result.stats.repeatsWithinCooldown).toBe(0);
      for (const id of result.debts.trio) trios.set(id, trios.get(id)! + 1);
      for (const g of result.groups) history.push({ members: g.members, date });
      const counts = [...trios.values()];
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(Math.min(...trios.values())).toBe(6); // 26 trios × 3 seats over 13 people
  });

  // Small pools cannot keep a long cooldown and strict fairness at once (5 people meet everyone within 3 weeks).
  // Fairness is the hard rule: the cooldown gives way, never the order of trios.
  test.each([
    [5, 4],
    [7, 2],
    [7, 4],
    [9, 4],
    [11, 4],
  ])('a pool of %i with a %i-week cooldown: every trio goes to the least-indebted, all 26 weeks', (count, cooldown) => {
    const weeks = simulate(count, cooldown);
    expect(weeks).toHaveLength(26);
    for (const week of weeks) {
      expect(week.unmatched).toBe(0);
      expect(week.trio).toEqual(week.before.slice(0, 3));
      expect(week.spread).toBeLessThanOrEqual(1);
    }
  });

  test('with people paused at random, each trio still goes to the three least-indebted of that week', () => {
    for (const count of [5, 7, 9, 11]) {
      for (const seed of [1, 2, 3]) {
        for (const week of simulate(count, 4, 0.2, seed)) {
          expect(week.unmatched).toBe(0);
          if (week.trio.length > 0) expect(week.trio).toEqual(week.before.slice(0, 3));
        }
      }
    }
  });
});
