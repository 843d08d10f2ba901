import { describe, expect, test } from 'vitest';
import { matchRound } from '../../../src/matching/match.ts';
import type { MemberInput, PastGroup } from '../../../src/matching/types.ts';

const DAY_MS = 86_400_000;

describe('rolling rounds', () => {
  test('over 26 weekly rounds of an odd pool, nobody gets a second trio before everyone has had one', () => {
    const zones = ['Europe/London', 'Europe/Paris', 'America/New_York'];
    const members: MemberInput[] = Array.from({ length: 13 }, (_, i) => ({
      id: `p${i}`,
      team: `t${i % 4}`,
      timezone: zones[i % 3]!,
      workHours: [9, 17],
    }));
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
});
