import type { InsightsAggregates } from '../../db/queries/insights-reads.ts';
import {
  fewerThanFive,
  type Guarded,
  guard,
  guardBreakdown,
  guardCount,
  guardShare,
  isShown,
  minGroupSize,
  withheld,
} from '../privacy/small-groups.ts';
import type { InsightCell, InsightChart, InsightSection } from './insights-report.ts';

/**
 * The admins' insights drawn from the precomputed rows, every figure through the small-group rule. No figure is a
 * total of others on the page (no year beside its months, no team total beside its cells), except where the rule
 * for breakdowns decides what may show; docs/insights.md explains each choice.
 */

const programmeKinds: Record<string, string> = {
  coffee: 'Coffee',
  'cross-team': 'Cross-team intros',
  'exec-lottery': 'Exec lottery',
};

const monthLabel = (month: string) => month.slice(0, 7);

/** A share shown only when the people with and without the property each number at least 5. */
function shareOfPeople(people: number, withIt: number, value: () => number): Guarded<number> {
  const share = guardShare(guardCount(people), withIt);
  return isShown(share) ? value() : share;
}

/** Rows of months × series, in month order, a hidden marker where a series has no figure that month. */
function monthTable(
  months: string[],
  series: string[],
  cell: (month: string, series: string) => Guarded<number> | undefined,
): InsightCell[][] {
  return months.map((month) => [monthLabel(month), ...series.map((s) => cell(month, s) ?? fewerThanFive)]);
}

function participation(a: InsightsAggregates): InsightSection {
  const kinds = new Map<string, string>();
  for (const row of a.programmes) if (!kinds.has(row.programme_id)) kinds.set(row.programme_id, row.kind);
  const names = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const [id, kind] of kinds) {
    const label = programmeKinds[kind] ?? kind;
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    const several = [...kinds.values()].filter((k) => k === kind).length > 1;
    names.set(id, several ? `${label} ${n}` : label);
  }
  const months = [...new Set(a.programmes.map((r) => r.month))].sort();
  const series = [...names.values()];
  const byKey = new Map(a.programmes.map((r) => [`${r.month}|${names.get(r.programme_id)}`, r]));
  const row = (month: string, s: string) => byKey.get(`${month}|${s}`);
  return {
    id: 'participation',
    title: 'Participation',
    charts: [
      {
        id: 'programme-participants',
        title: 'People in delivered groups, per programme',
        explanation:
          'Distinct people in the groups each coffee or intro programme delivered that month (people who left are not counted).',
        kind: 'line',
        unit: 'count',
        table: {
          columns: ['Month', ...series],
          rows: monthTable(months, series, (m, s) => {
            const r = row(m, s);
            return r ? guardCount(r.participants) : undefined;
          }),
        },
      },
      {
        id: 'programme-met-share',
        title: 'Groups that met, per programme',
        explanation:
          'Share of the groups delivered that month in which at least one person answered the check-in "we met".',
        kind: 'line',
        unit: 'share',
        table: {
          columns: ['Month', ...series],
          rows: monthTable(months, series, (m, s) => {
            const r = row(m, s);
            return r ? shareOfPeople(r.participants, r.met_people, () => r.met_groups / r.groups) : undefined;
          }),
        },
      },
    ],
  };
}

/**
 * A team's E-I index, shown when the team and the people of it with ties number at least 5, and when the ties behind
 * its hidden team × team cells (what its index and its shown cells would let an admin work out) cover 0 or at least 5
 * people on each side.
 */
function teamIndex(team: InsightsAggregates['teams'][number], everyone: number) {
  const ties = team.internal_ties + team.external_ties;
  const hiddenSmall =
    (team.hidden_own_people > 0 || team.hidden_other_people > 0) &&
    Math.min(team.hidden_own_people, team.hidden_other_people) < minGroupSize;
  const people = Math.min(team.members, team.tie_people);
  const observed = ties > 0 ? (team.external_ties - team.internal_ties) / ties : 0;
  const expected = everyone > 1 ? 1 - (2 * (team.members - 1)) / (everyone - 1) : 0;
  const shown = guard(people, observed);
  if (!isShown(shown)) return { ei: shown, expected, difference: shown };
  if (hiddenSmall) return { ei: withheld, expected, difference: withheld };
  return { ei: observed, expected, difference: observed - expected };
}

function connectionsAcrossTeams(a: InsightsAggregates): InsightSection {
  const bigTeams = a.teams.filter((t) => t.members >= minGroupSize);
  const names = bigTeams.map((t) => t.team);
  const members = new Map(a.teams.map((t) => [t.team, t.members]));
  // Stored once per pair, in the database's collation order, which need not be JavaScript's: looked up both ways. A
  // map per team, since 250 teams make 62,500 cells, most of them empty, on every view.
  const pairs = new Map<string, Map<string, InsightsAggregates['teamPairs'][number]>>();
  const pairsOf = (team: string) => {
    const found = pairs.get(team) ?? new Map<string, InsightsAggregates['teamPairs'][number]>();
    pairs.set(team, found);
    return found;
  };
  for (const pair of a.teamPairs) {
    pairsOf(pair.team_a).set(pair.team_b, pair);
    pairsOf(pair.team_b).set(pair.team_a, pair);
  }
  const heatRow = (x: string): InsightCell[] => {
    const own = pairs.get(x);
    const size = members.get(x) ?? 0;
    return [
      x,
      ...names.map((y): Guarded<number> => {
        const cell = own?.get(y);
        if (!cell) return guard(Math.min(size, members.get(y) ?? 0), 0);
        return guard(Math.min(cell.people_a, cell.people_b), cell.ties);
      }),
    ];
  };
  const everyone = a.teams.reduce((sum, t) => sum + t.members, 0);
  const indexed = bigTeams.map((t) => ({ team: t.team, ...teamIndex(t, everyone) }));
  const ranked = [...indexed].sort((x, y) => {
    if (isShown(x.difference) && isShown(y.difference)) return x.difference - y.difference;
    if (isShown(x.difference) !== isShown(y.difference)) return isShown(x.difference) ? -1 : 1;
    return x.team.localeCompare(y.team);
  });
  const isolated = ranked.filter((t) => isShown(t.difference) && t.difference < 0).slice(0, 5);
  return {
    id: 'connections',
    title: 'Connections across teams',
    charts: [
      {
        id: 'cross-team-share',
        title: 'Share of Nudge connections across teams',
        explanation:
          'Of the new connections made through Nudge that month between people whose teams are known, the share between two different teams.',
        kind: 'line',
        unit: 'share',
        table: {
          columns: ['Month', 'Cross-team share'],
          rows: a.ties.map((r) => {
            const enough = Math.min(r.cross_people, r.same_people);
            const share = isShown(guardCount(r.people)) ? guard(enough, r.cross_ties / r.ties) : fewerThanFive;
            return [monthLabel(r.month), share];
          }),
        },
      },
      {
        id: 'team-connections',
        title: 'Connections between teams, the 12 months shown',
        explanation:
          'Distinct pairs of people who connected through Nudge in the 12 months shown (this month so far and the 11 before), by their two teams (teams of at least 5 people).',
        kind: 'heatmap',
        unit: 'count',
        table: { columns: ['Team', ...names], rows: names.map(heatRow) },
      },
      {
        id: 'team-ei-index',
        title: 'How outward each team connects (E-I index)',
        explanation:
          'External minus internal ties over all ties, from −1 (all inside the team) to +1 (all outside), beside what the team’s size alone would give; a negative difference means more inward than its size explains.',
        kind: 'bar',
        unit: 'index',
        table: {
          columns: ['Team', 'E-I index', 'Expected from team size', 'Difference'],
          rows: ranked.map((t) => [t.team, t.ei, isShown(t.ei) ? t.expected : t.ei, t.difference]),
        },
      },
      {
        id: 'isolated-teams',
        title: 'Most isolated teams',
        explanation:
          'The teams whose E-I index falls furthest below what their size alone would give (at most five, only those below it).',
        kind: 'bar',
        unit: 'index',
        table: { columns: ['Team', 'Difference'], rows: isolated.map((t) => [t.team, t.difference]) },
      },
    ],
  };
}

function recognition(a: InsightsAggregates): InsightSection {
  const departments = [...new Set(a.departments.flatMap((d) => [d.from_department, d.to_department]))].sort();
  const flows = new Map(a.departments.map((d) => [`${d.from_department}|${d.to_department}`, d]));
  const flowRows: InsightCell[][] = [];
  for (const from of departments) {
    for (const to of departments) {
      const d = flows.get(`${from}|${to}`);
      // A missing flow would read as none: it is about the same few people a small flow is, so it hides alike.
      flowRows.push([from, to, d ? guard(Math.min(d.givers, d.recipients), d.kudos) : fewerThanFive]);
    }
  }
  const r = a.recognition;
  const everyone = guardCount(r?.active_members ?? 0);
  const split = guardBreakdown(everyone, { some: r?.recipients ?? 0, none: r?.received_none ?? 0 });
  return {
    id: 'recognition',
    title: 'Recognition',
    charts: [
      {
        id: 'kudos-departments',
        title: 'Kudos between departments, the 12 months shown',
        explanation:
          'Kudos given in the 12 months shown (this month so far and the 11 before) from people of one department to people of another (or the same), revoked kudos excluded.',
        kind: 'flow',
        unit: 'count',
        table: { columns: ['From', 'To', 'Kudos'], rows: flowRows },
      },
      {
        id: 'recognition-reach',
        title: 'Who received kudos, last 90 days',
        explanation:
          'People counted now, and how many of them received at least one kudos in the last 90 days, or none.',
        kind: 'figures',
        unit: 'count',
        table: {
          columns: ['Figure', 'People'],
          rows: [
            ['People counted', everyone],
            ['Received kudos', split.some],
            ['Received none', split.none],
          ],
        },
      },
      {
        id: 'recognition-gini',
        title: 'How evenly kudos are spread, last 90 days',
        explanation:
          'The Gini coefficient of kudos received over everyone counted: 0 when everyone received as many, near 1 when a few received them all.',
        kind: 'figures',
        unit: 'index',
        table: {
          columns: ['Figure', 'Value'],
          rows: [
            [
              'Gini coefficient',
              r && r.gini !== null && isShown(everyone) ? guard(r.recipients, r.gini) : fewerThanFive,
            ],
          ],
        },
      },
    ],
  };
}

function mentorshipAndLearning(a: InsightsAggregates): InsightSection {
  const months = [...new Set([...a.mentorship.map((m) => m.month), ...a.learning.map((l) => l.month)])].sort();
  const mentorship = new Map(a.mentorship.map((m) => [m.month, m]));
  const learning = new Map(a.learning.map((l) => [l.month, l]));
  const outcome = (l: InsightsAggregates['learning'][number], which: 'accepted' | 'expired'): Guarded<number> => {
    const people = which === 'accepted' ? l.accepted_people : l.expired_people;
    const share = shareOfPeople(l.people, people, () => l[which] / l.requests);
    // Accepted and expired beside the requests tell the rest (declined, open, withdrawn): it must be about 0 or 5+.
    const rest = l.requests - l.accepted - l.expired;
    if (which === 'expired' && isShown(share) && rest > 0 && l.other_people < minGroupSize) return withheld;
    return share;
  };
  return {
    id: 'mentorship-learning',
    title: 'Mentorship and learning',
    charts: [
      {
        id: 'mentorship-pairs',
        title: 'Mentorship pairs started',
        explanation: 'Mentorship pairs that started that month.',
        kind: 'line',
        unit: 'count',
        table: {
          columns: ['Month', 'Pairs started'],
          rows: monthTable(months, ['pairs'], (m) => {
            const r = mentorship.get(m);
            return r ? guard(r.people, r.pairs) : undefined;
          }),
        },
      },
      {
        id: 'mentorship-met-rate',
        title: 'Mentorship pairs that met',
        explanation: 'Of the pairs that started that month, the share that recorded a first meeting.',
        kind: 'line',
        unit: 'share',
        table: {
          columns: ['Month', 'Met'],
          rows: monthTable(months, ['met'], (m) => {
            const r = mentorship.get(m);
            return r ? shareOfPeople(r.people, r.met_people, () => r.met_pairs / r.pairs) : undefined;
          }),
        },
      },
      {
        id: 'learning-requests',
        title: 'Learning requests',
        explanation: '"Who can teach me" requests made that month (learn or shadow).',
        kind: 'line',
        unit: 'count',
        table: {
          columns: ['Month', 'Requests'],
          rows: monthTable(months, ['requests'], (m) => {
            const r = learning.get(m);
            return r ? guard(r.people, r.requests) : undefined;
          }),
        },
      },
      {
        id: 'learning-outcomes',
        title: 'Learning requests accepted and expired',
        explanation:
          'Of the requests made that month, the share the expert accepted and the share that expired unanswered.',
        kind: 'line',
        unit: 'share',
        table: {
          columns: ['Month', 'Accepted', 'Expired'],
          rows: monthTable(months, ['accepted', 'expired'], (m, s) => {
            const r = learning.get(m);
            return r ? outcome(r, s as 'accepted' | 'expired') : undefined;
          }),
        },
      },
    ],
  };
}

/** Whether anything happened that the insights measure. */
export function hasActivity(a: InsightsAggregates): boolean {
  return (
    a.programmes.length > 0 ||
    a.ties.length > 0 ||
    a.teamPairs.length > 0 ||
    a.departments.length > 0 ||
    (a.recognition?.kudos ?? 0) > 0 ||
    a.mentorship.length > 0 ||
    a.learning.length > 0
  );
}

export function insightsSections(a: InsightsAggregates): InsightSection[] {
  return [participation(a), connectionsAcrossTeams(a), recognition(a), mentorshipAndLearning(a)];
}

export type { InsightChart };
