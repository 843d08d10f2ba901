import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { InsightsAggregates } from '../../../src/db/queries/insights-reads.ts';
import { insightsSections } from '../../../src/domain/insights/insights-charts.ts';
import type { InsightCell } from '../../../src/domain/insights/insights-report.ts';
import { minGroupSize } from '../../../src/domain/privacy/small-groups.ts';

/**
 * The report's side of the small-group rule on any stored aggregates, including combinations too rare to arise in the
 * small random workspaces of the domain property test: a cell with many people on one side and few on the other, a
 * month whose declines are a handful beside many accepted and expired requests.
 */

const ws = 'T0ACME';
const teamNames = ['Team A', 'Team B', 'Team C'];
const small = fc.integer({ min: 0, max: 9 });

const aggregates: fc.Arbitrary<InsightsAggregates> = fc.record({
  state: fc.constant({
    workspace_id: ws,
    watermark: new Date(0),
    computed_at: new Date(0),
    full_computed_at: new Date(0),
  }),
  programmes: fc.constant([]),
  ties: fc.constant([]),
  teamPairs: fc
    .uniqueArray(fc.tuple(fc.constantFrom(...teamNames), fc.constantFrom(...teamNames)), {
      selector: ([a, b]) => [a, b].sort().join('|'),
    })
    .chain((pairs) =>
      fc.tuple(
        ...pairs.map(([x, y]) => {
          const [a, b] = x <= y ? [x, y] : [y, x];
          return fc.record({
            workspace_id: fc.constant(ws),
            team_a: fc.constant(a),
            team_b: fc.constant(b),
            ties: fc.integer({ min: 1, max: 40 }),
            people_a: small,
            people_b: small,
          });
        }),
      ),
    ),
  teams: fc.tuple(
    ...teamNames.map((team) =>
      fc.record({
        workspace_id: fc.constant(ws),
        team: fc.constant(team),
        members: fc.integer({ min: 1, max: 12 }),
        internal_ties: fc.integer({ min: 0, max: 30 }),
        external_ties: fc.integer({ min: 0, max: 30 }),
        tie_people: small,
        hidden_own_people: small,
        hidden_other_people: small,
      }),
    ),
  ),
  departments: fc.constant([]),
  recognition: fc.constant(undefined),
  mentorship: fc.constant([]),
  learning: fc.array(
    fc.record({
      workspace_id: fc.constant(ws),
      month: fc.constantFrom('2027-05-01', '2027-06-01'),
      requests: fc.integer({ min: 20, max: 40 }),
      accepted: fc.integer({ min: 5, max: 10 }),
      expired: fc.integer({ min: 5, max: 10 }),
      people: fc.integer({ min: 10, max: 40 }),
      accepted_people: fc.integer({ min: 3, max: 12 }),
      expired_people: fc.integer({ min: 3, max: 12 }),
      other_people: fc.integer({ min: 0, max: 8 }),
    }),
    { maxLength: 1 },
  ),
}) as fc.Arbitrary<InsightsAggregates>;

const chart = (a: InsightsAggregates, id: string) => {
  const found = insightsSections(a)
    .flatMap((s) => s.charts)
    .find((c) => c.id === id);
  if (!found) throw new Error(`no chart ${id}`);
  return found.table;
};
const shown = (cell: InsightCell | undefined): cell is number => typeof cell === 'number';

describe('the insights charts keep to the small-group rule on any stored aggregates', () => {
  test('a team × team cell shows only with 5 people or more on each side', () => {
    fc.assert(
      fc.property(aggregates, (a) => {
        const table = chart(a, 'team-connections');
        for (const row of table.rows) {
          for (const [j, cell] of row.slice(1).entries()) {
            if (!shown(cell) || cell === 0) continue;
            const [x, y] = [row[0] as string, table.columns[j + 1] as string].sort();
            const stored = a.teamPairs.find((p) => p.team_a === x && p.team_b === y);
            expect(Math.min(stored?.people_a ?? 0, stored?.people_b ?? 0)).toBeGreaterThanOrEqual(minGroupSize);
          }
        }
      }),
    );
  });

  test("a team's E-I index shows only when the ties behind its hidden cells cover no one or 5 people on each side", () => {
    fc.assert(
      fc.property(aggregates, (a) => {
        for (const row of chart(a, 'team-ei-index').rows) {
          if (!shown(row[1])) continue;
          const team = a.teams.find((t) => t.team === row[0]);
          expect(team && team.members >= minGroupSize && team.tie_people >= minGroupSize).toBe(true);
          const { hidden_own_people: own, hidden_other_people: other } = team as (typeof a.teams)[number];
          expect((own === 0 && other === 0) || Math.min(own, other) >= minGroupSize).toBe(true);
        }
      }),
    );
  });

  test('accepted and expired shares beside the requests never leave declines of 1 to 4 people', () => {
    fc.assert(
      fc.property(aggregates, (a) => {
        const requests = chart(a, 'learning-requests').rows;
        for (const [r, row] of chart(a, 'learning-outcomes').rows.entries()) {
          const month = a.learning.find((l) => l.month.startsWith(row[0] as string));
          if (!month || !shown(requests[r]?.[1])) continue;
          if (shown(row[1]))
            expect(Math.min(month.accepted_people, month.people - month.accepted_people)).toBeGreaterThanOrEqual(
              minGroupSize,
            );
          const rest = month.requests - month.accepted - month.expired;
          if (shown(row[1]) && shown(row[2]) && rest > 0)
            expect(month.other_people).toBeGreaterThanOrEqual(minGroupSize);
        }
      }),
    );
  });
});
