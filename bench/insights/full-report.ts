import type { InsightChart, InsightsReport } from '../../src/domain/insights/insights-report.ts';
import { fewerThanFive, withheld } from '../../src/domain/privacy/small-groups.ts';

/**
 * A report as large as a 100,000-person workspace's with a year of activity gives the page: weekly lines over a year for
 * six programmes, a 40 × 40 team heatmap, an E-I index for 40 teams, kudos between 12 departments, headline figures;
 * some figures hidden, as real ones are. Deterministic, so runs compare.
 */
export function fullReport(computedAt: Date): InsightsReport {
  let seed = 7;
  const random = () => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  const weeks = Array.from({ length: 52 }, (_, i) => `2026-W${String(i + 1).padStart(2, '0')}`);
  const teams = Array.from({ length: 40 }, (_, i) => `Team ${i + 1}`);
  const departments = Array.from({ length: 12 }, (_, i) => `Department ${i + 1}`);
  const programmes = [
    'Coffee',
    'Cross-team intros',
    'Exec lottery',
    'New joiners',
    'Engineering coffee',
    'Sales coffee',
  ];
  const maybeHidden = (value: number) => (random() < 0.04 ? fewerThanFive : random() < 0.02 ? withheld : value);
  const chart = (
    id: string,
    title: string,
    kind: InsightChart['kind'],
    unit: InsightChart['unit'],
    columns: string[],
    rows: InsightChart['table']['rows'],
  ): InsightChart => ({
    id,
    title,
    explanation: `${title}: how it is counted, in a sentence or two.`,
    kind,
    unit,
    table: { columns, rows },
  });
  return {
    computedAt,
    hasData: true,
    sections: [
      {
        id: 'programmes',
        title: 'Programmes',
        charts: [
          chart(
            'participation',
            'Participants per programme',
            'line',
            'count',
            ['Week', ...programmes],
            weeks.map((week) => [week, ...programmes.map(() => maybeHidden(Math.round(200 + random() * 4_000)))]),
          ),
          chart(
            'met-rate',
            'Met rate per programme',
            'line',
            'share',
            ['Week', ...programmes],
            weeks.map((week) => [week, ...programmes.map(() => maybeHidden(0.3 + random() * 0.5))]),
          ),
        ],
      },
      {
        id: 'ties',
        title: 'Cross-team ties',
        charts: [
          chart(
            'cross-team-share',
            'Cross-team share of new connections',
            'line',
            'share',
            ['Week', 'Cross-team share'],
            weeks.map((week) => [week, 0.4 + random() * 0.3]),
          ),
          chart(
            'team-heatmap',
            'Connections between teams',
            'heatmap',
            'count',
            ['Team', ...teams],
            teams.map((team) => [team, ...teams.map(() => maybeHidden(Math.round(random() * 600)))]),
          ),
          chart(
            'ei-index',
            'E-I index per team',
            'bar',
            'index',
            ['Team', 'E-I index'],
            teams.map((team) => [team, maybeHidden(Math.round((random() * 2 - 1) * 100) / 100)]),
          ),
          chart(
            'isolated-teams',
            'Most isolated teams',
            'bar',
            'index',
            ['Team', 'E-I index'],
            teams.slice(0, 10).map((team) => [team, -0.5 - random() * 0.4]),
          ),
        ],
      },
      {
        id: 'recognition',
        title: 'Recognition',
        charts: [
          chart(
            'kudos-flow',
            'Kudos between departments',
            'flow',
            'count',
            ['From', 'To', 'Kudos'],
            departments.flatMap((from) =>
              departments.map((to) => [from, to, maybeHidden(Math.round(random() * 40_000))]),
            ),
          ),
          chart(
            'kudos-spread',
            'How evenly recognition is spread',
            'figures',
            'count',
            ['Figure', 'Value'],
            [
              ['Gini coefficient of kudos received', 0.41],
              ['People with no kudos in 90 days', 23_412],
              ['Teams with no kudos in 90 days', fewerThanFive],
            ],
          ),
        ],
      },
      {
        id: 'mentorship',
        title: 'Mentorship and learning',
        charts: [
          chart(
            'mentorship-health',
            'Mentorship pairs that met',
            'bar',
            'share',
            ['Programme', 'Met within a month', 'Still meeting after three months'],
            ['Spring cohort', 'Autumn cohort', 'Leaders'].map((name) => [
              name,
              maybeHidden(0.5 + random() * 0.4),
              maybeHidden(0.3 + random() * 0.4),
            ]),
          ),
          chart(
            'learning-requests',
            'Learning requests accepted',
            'line',
            'count',
            ['Week', 'Asked', 'Accepted'],
            weeks.map((week) => [week, Math.round(50 + random() * 200), Math.round(20 + random() * 100)]),
          ),
        ],
      },
    ],
  };
}
