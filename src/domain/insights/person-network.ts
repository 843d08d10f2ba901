import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import {
  type ConnectionRow,
  findPersonConnections,
  findPersonKudosTally,
  findPersonLearningTally,
  findPersonTeam,
  type PersonScope,
} from '../../db/queries/insights-person.ts';
import { type PeriodWindow, periodWindow } from '../time/periods.ts';
import { zonedParts } from '../time/zoned-time.ts';
import { monthsBetween, type Quarter, quarterContaining } from './quarters.ts';

/** One person's figures over one period; shown only to that person. */
export interface NetworkFigures {
  /** Distinct colleagues they made a Nudge connection with (docs/insights.md). */
  peopleMet: number;
  teamsReached: number;
  departmentsReached: number;
  /** Of the people met whose team is known (and theirs is), the share in another team; null when none is known. */
  crossTeamShare: number | null;
  kudos: { given: number; received: number; givenAcrossTeams: number; receivedAcrossTeams: number };
  mentorship: { mentoring: number; mentored: number };
  learning: { learned: number; taught: number };
}

/** Distinct people connected with in each month, for the picture. */
export interface MonthlyConnections {
  label: string;
  people: number;
}

export interface PersonNetwork {
  quarter: { label: string; figures: NetworkFigures };
  year: { label: string; figures: NetworkFigures };
  /** This year's months that are over, so the picture changes at most once a month. */
  completedMonths: MonthlyConnections[];
}

function figuresOf(
  connections: ConnectionRow[],
  ownTeam: { team: string | null; department: string | null } | undefined,
  kudos: Awaited<ReturnType<typeof findPersonKudosTally>>,
  learning: Awaited<ReturnType<typeof findPersonLearningTally>>,
): NetworkFigures {
  const people = new Map<string, ConnectionRow>();
  for (const c of connections) people.set(c.other_id, c);
  const others = [...people.values()];
  const teams = new Set(others.flatMap((c) => (c.other_team ? [c.other_team] : [])));
  const departments = new Set(others.flatMap((c) => (c.other_department ? [c.other_department] : [])));
  const known = ownTeam?.team ? others.filter((c) => c.other_team !== null) : [];
  const across = known.filter((c) => c.other_team !== ownTeam?.team).length;
  return {
    peopleMet: people.size,
    teamsReached: teams.size,
    departmentsReached: departments.size,
    crossTeamShare: known.length > 0 ? across / known.length : null,
    kudos: {
      given: kudos.given,
      received: kudos.received,
      givenAcrossTeams: kudos.given_across_teams,
      receivedAcrossTeams: kudos.received_across_teams,
    },
    mentorship: { mentoring: learning.mentoring, mentored: learning.mentored },
    learning: { learned: learning.learned, taught: learning.taught },
  };
}

function within(rows: ConnectionRow[], window: PeriodWindow): ConnectionRow[] {
  return rows.filter((r) => r.at >= window.start && r.at < window.end);
}

function monthly(rows: ConnectionRow[], months: ReturnType<typeof monthsBetween>): MonthlyConnections[] {
  return months.map((m) => ({ label: m.label, people: new Set(within(rows, m.window).map((r) => r.other_id)).size }));
}

async function figuresFor(
  db: Db,
  scope: PersonScope,
  window: PeriodWindow,
  connections: ConnectionRow[],
  ownTeam: Awaited<ReturnType<typeof findPersonTeam>>,
): Promise<NetworkFigures> {
  const range = { from: window.start, to: window.end };
  const [kudos, learning] = await Promise.all([
    findPersonKudosTally(db, scope, range),
    findPersonLearningTally(db, scope, range),
  ]);
  return figuresOf(within(connections, window), ownTeam, kudos, learning);
}

/** What the person's Home tab shows of their network: this quarter, this year, and the year's months so far. */
export async function personNetwork(
  db: Db,
  input: PersonScope & { now: Date; timeZone: string },
): Promise<PersonNetwork> {
  const scope = { workspaceId: input.workspaceId, userId: input.userId };
  const year = periodWindow(input.now, input.timeZone, 'year');
  const quarter = quarterContaining(input.now, input.timeZone);
  const thisMonth = periodWindow(input.now, input.timeZone, 'month');
  const [connections, ownTeam] = await Promise.all([
    findPersonConnections(db, scope, { from: year.start, to: year.end }),
    findPersonTeam(db, scope),
  ]);
  return {
    quarter: { label: quarter.label, figures: await figuresFor(db, scope, quarter.window, connections, ownTeam) },
    year: {
      label: String(zonedParts(year.start, input.timeZone).year),
      figures: await figuresFor(db, scope, year, connections, ownTeam),
    },
    completedMonths: monthly(connections, monthsBetween(year.start, thisMonth.start, input.timeZone)),
  };
}

export interface QuarterRecap {
  quarter: Quarter;
  figures: NetworkFigures;
  months: MonthlyConnections[];
}

/** One finished quarter of the person's network, for the recap DM. */
export async function quarterRecap(
  db: Db,
  input: PersonScope & { quarter: Quarter; timeZone: string },
): Promise<QuarterRecap> {
  const scope = { workspaceId: input.workspaceId, userId: input.userId };
  const { window } = input.quarter;
  const [connections, ownTeam] = await Promise.all([
    findPersonConnections(db, scope, { from: window.start, to: window.end }),
    findPersonTeam(db, scope),
  ]);
  return {
    quarter: input.quarter,
    figures: await figuresFor(db, scope, window, connections, ownTeam),
    months: monthly(connections, monthsBetween(window.start, window.end, input.timeZone)),
  };
}

/** Nothing to recap: no connection, no kudos either way, no mentorship or learning in the quarter. */
export function hasNothingToRecap(figures: NetworkFigures): boolean {
  return (
    figures.peopleMet === 0 &&
    figures.kudos.given === 0 &&
    figures.kudos.received === 0 &&
    figures.mentorship.mentoring + figures.mentorship.mentored === 0 &&
    figures.learning.learned + figures.learning.taught === 0
  );
}

/** Names a picture by what it draws, so an unchanged picture is never uploaded twice. */
export function picturesHash(months: MonthlyConnections[]): string {
  return createHash('sha256')
    .update(JSON.stringify(months.map((m) => [m.label, m.people])))
    .digest('hex')
    .slice(0, 32);
}
