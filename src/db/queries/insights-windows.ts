import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { checkinGroupDelivery, connections, countedPeople, type Span, workspaceZone } from './insights-aggregates.ts';

type Executor = Kysely<Database>;

/**
 * The insights that cover a window rather than a month (definitions in docs/insights.md): team ties and kudos between
 * departments over the 12 months shown, recognition over the last 90 days. The 12-month windows start on the first
 * day of the oldest month shown, so within a month they only grow: the distinct sets their figures count are kept
 * (`insights_window_*`) and an update adds the new events to them, recounting only what a new member changes.
 */

export interface WindowCells {
  teamA: string[];
  teamB: string[];
}

export interface DepartmentIncrements {
  from: string[];
  to: string[];
  givers: number[];
  recipients: number[];
}

/** The first moment of the oldest of the 12 months shown (the one `now` falls in and the 11 before), in the zone. */
export async function findWindowStart(db: Executor, workspaceId: string, now: Date): Promise<Date> {
  const result = await sql<{ from: Date }>`
    select (date_trunc('month', ${now}::timestamptz at time zone ${workspaceZone(workspaceId)}) - interval '11 months')
      at time zone ${workspaceZone(workspaceId)} as "from"`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('no window start');
  return row.from;
}

/** The start, in the workspace's zone, of the day `moment` falls in. */
export async function findDayStart(db: Executor, workspaceId: string, moment: Date): Promise<Date> {
  const result = await sql<{ start: Date }>`
    select date_trunc('day', ${moment}::timestamptz at time zone ${workspaceZone(workspaceId)})
      at time zone ${workspaceZone(workspaceId)} as start`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('no day start');
  return row.start;
}

export interface WindowFingerprints {
  directory: string;
  revocations: string;
}

/**
 * What the kept sets assume has not changed: every person counted with their team and department, and the kudos
 * revoked. Any change (a move, a departure, an erasure, a newcomer, a revocation) changes the fingerprint: the people
 * as their number and the sum of a 64-bit hash of each (no sort over the directory), the few revocations in order.
 */
export async function findWindowFingerprints(db: Executor, workspaceId: string): Promise<WindowFingerprints> {
  const result = await sql<WindowFingerprints>`
    select
      (select count(*) || ':' || coalesce(sum(hashtextextended(row(p.user_id, p.team, p.department)::text, 0)), 0)
        from (${countedPeople(workspaceId)}) p) as directory,
      (select coalesce(md5(string_agg(gift_id::text, ',' order by gift_id)), '')
        from kudos_revocations where workspace_id = ${workspaceId}) as revocations`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('no fingerprints');
  return row;
}

/** The two parts of the windows, computed apart (each in its own transaction, at the same time). */
export type WindowPart = 'ties' | 'kudos';

/**
 * The part's kept state when it covers the window starting at `windowFrom`; none when nothing is kept or it covers
 * another window (a new month began: the oldest month left).
 */
export async function findWindowState(db: Executor, workspaceId: string, part: WindowPart, windowFrom: Date) {
  return await db
    .selectFrom('insights_window_state')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('part', '=', part)
    .where('window_from', '=', windowFrom)
    .executeTakeFirst();
}

export async function upsertWindowState(
  db: Executor,
  workspaceId: string,
  part: WindowPart,
  state: { windowFrom: Date } & WindowFingerprints,
): Promise<void> {
  await db
    .insertInto('insights_window_state')
    .values({
      workspace_id: workspaceId,
      part,
      window_from: state.windowFrom,
      directory: state.directory,
      revocations: state.revocations,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'part']).doUpdateSet((eb) => ({
        window_from: eb.ref('excluded.window_from'),
        directory: eb.ref('excluded.directory'),
        revocations: eb.ref('excluded.revocations'),
      })),
    )
    .execute();
}

const partFigures = {
  ties: ['insights_team_pairs', 'insights_teams'],
  kudos: ['insights_department_kudos'],
} as const;

/**
 * Removes one part's window figures before they are rebuilt whole. The sets behind them are replaced where they are
 * rebuilt (`replaceKeptRows`), or emptied first by `deleteKeptTies`.
 */
export async function deleteInsightsWindows(db: Executor, workspaceId: string, part: WindowPart): Promise<void> {
  for (const table of partFigures[part]) {
    await db.deleteFrom(table).where('workspace_id', '=', workspaceId).execute();
  }
}

/** Empties the kept ties and the people with a tie, before the window's ties are read again from the groups. */
export async function deleteKeptTies(db: Executor, workspaceId: string): Promise<void> {
  await db.deleteFrom('insights_window_ties').where('workspace_id', '=', workspaceId).execute();
  await db.deleteFrom('insights_window_tie_people').where('workspace_id', '=', workspaceId).execute();
}

/**
 * Adds ties (distinct pairs of people, both teams known) to the kept set, and their people to the people with a tie;
 * returns the team × team cells that gained a tie. Oriented so that each pair has one row: `person_a` in `team_a`,
 * `team_a <= team_b`, and inside one team the lesser id first.
 */
async function addTies(db: Executor, workspaceId: string, found: RawBuilder<unknown>): Promise<WindowCells> {
  const result = await sql<{ team_a: string; team_b: string }>`
    with people as not materialized (${countedPeople(workspaceId)}),
    -- Each pair once (hashed) before its people are joined: a pair that met many times is joined once.
    pairs as (select a, b from (${found}) c group by a, b),
    ties as (
      select case when pa.team <= pb.team then e.a else e.b end as person_a,
        case when pa.team <= pb.team then e.b else e.a end as person_b,
        least(pa.team, pb.team) as team_a, greatest(pa.team, pb.team) as team_b
      from pairs e
      join people pa on pa.user_id = e.a join people pb on pb.user_id = e.b
      where pa.team is not null and pb.team is not null
    ),
    added as (
      insert into insights_window_ties (workspace_id, person_a, person_b, team_a, team_b)
      select ${workspaceId}, person_a, person_b, team_a, team_b from ties
      on conflict do nothing
      returning person_a, person_b, team_a, team_b
    ),
    -- A data-modifying step runs once whether or not the statement reads it.
    reached as (
      insert into insights_window_tie_people (workspace_id, user_id, team)
      select ${workspaceId}, person_a, team_a from added union select ${workspaceId}, person_b, team_b from added
      on conflict do nothing
    )
    select distinct team_a, team_b from added`.execute(db);
  return { teamA: result.rows.map((r) => r.team_a), teamB: result.rows.map((r) => r.team_b) };
}

/** Every tie of the window, into the kept set (emptied before, `deleteKeptTies`). */
export async function addWindowTies(db: Executor, workspaceId: string, span: Span): Promise<WindowCells> {
  return await addTies(db, workspaceId, sql`select a, b from (${connections(workspaceId, span.from, span.to)}) c`);
}

/**
 * The ties of connections recorded since `since` and dated in the window: groups where someone answered "met" since
 * (a group counts once someone answered "met": an answer other than "met" ties no one, and a group met before
 * `since` was tied then), mentorship pairs first met and learning requests accepted since. A group is asked after it
 * is delivered, so a group delivered since can only have been met since. The answers, with their group's delivery,
 * are read from the index of "met" answers by time, and each group by its delivery time: the groups met lately were
 * mostly delivered lately, and sit together in that index and in the table, where their random keys are spread over
 * the whole of theirs.
 */
function connectionsChangedSince(workspaceId: string, span: Span, since: Date): RawBuilder<unknown> {
  return sql`
    with met as materialized (
      select distinct c.group_id as id, ${checkinGroupDelivery(workspaceId)} as delivered_at
      from round_checkins c
      where c.workspace_id = ${workspaceId} and c.answered_at >= ${since} and c.answer = 'met'
    )
    select a.u as a, b.u as b
      from met m
      join round_groups g on g.workspace_id = ${workspaceId} and g.delivered_at = m.delivered_at and g.id = m.id
      cross join lateral unnest(g.members) a(u)
      cross join lateral unnest(g.members) b(u)
      where m.delivered_at >= ${span.from} and m.delivered_at < ${span.to} and g.status = 'delivered'
        and a.u < b.u and not (a.u = any(g.dropped)) and not (b.u = any(g.dropped))
    union all
    select least(mentor_id, mentee_id), greatest(mentor_id, mentee_id)
      from mentorship_pairs
      where workspace_id = ${workspaceId} and first_met_at >= ${since}
        and first_met_at >= ${span.from} and first_met_at < ${span.to} and mentor_id <> mentee_id
    union all
    select least(asker_id, expert_id), greatest(asker_id, expert_id)
      from learning_requests
      where workspace_id = ${workspaceId} and status = 'accepted' and answered_at >= ${since}
        and answered_at >= ${span.from} and answered_at < ${span.to} and asker_id <> expert_id`;
}

/** The ties of connections recorded since `since`, into the kept set; returns the cells that gained a tie. */
export async function addTiesChangedSince(db: Executor, workspaceId: string, span: Span, since: Date) {
  return await addTies(db, workspaceId, connectionsChangedSince(workspaceId, span, since));
}

/**
 * Whether a "met" answer was changed to another since `since` (`unmet_at`, stamped by the check-in): its group may
 * no longer count as met and take a kept tie away, which only a full recomputation can tell.
 */
export async function findMetWithdrawnSince(db: Executor, workspaceId: string, since: Date): Promise<boolean> {
  const found = await db
    .selectFrom('round_checkins')
    .select('group_id')
    .where('workspace_id', '=', workspaceId)
    .where('unmet_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
}

/**
 * Team × team ties from the kept set, for the given cells or all of them: the distinct pairs, and the distinct people
 * of each team behind them (inside one team, every person of its pairs on both sides).
 */
export async function writeTeamPairs(db: Executor, workspaceId: string, cells: WindowCells | 'all') {
  const chosen =
    cells === 'all'
      ? sql`true`
      : sql`(t.team_a, t.team_b) in (select * from unnest(${cells.teamA}::text[], ${cells.teamB}::text[]))`;
  await sql`
    with oriented as (
      select t.team_a, t.team_b, t.person_a as pa, t.person_b as pb from insights_window_ties t
      where t.workspace_id = ${workspaceId} and ${chosen}
    ),
    ends as (
      select team_a, team_b, pa as person, true as side_a from oriented
      union all select team_a, team_b, pb, false from oriented
    ),
    -- Each person once per cell, then counted: distinct counts without sorting every tie's ends.
    cell_people as (
      select team_a, team_b, bool_or(side_a or team_a = team_b) as on_a, bool_or(not side_a or team_a = team_b) as on_b
      from ends group by team_a, team_b, person
    )
    insert into insights_team_pairs (workspace_id, team_a, team_b, ties, people_a, people_b)
    select ${workspaceId}, c.team_a, c.team_b, c.ties, r.people_a, r.people_b
    from (select team_a, team_b, count(*)::int as ties from oriented group by team_a, team_b) c
    join (select team_a, team_b, (count(*) filter (where on_a))::int as people_a,
        (count(*) filter (where on_b))::int as people_b
      from cell_people group by team_a, team_b) r using (team_a, team_b)
    on conflict (workspace_id, team_a, team_b) do update
      set ties = excluded.ties, people_a = excluded.people_a, people_b = excluded.people_b`.execute(db);
}

/**
 * Per team (counted now): its members, internal and external ties (from the cells), the people with any tie, and the
 * people behind its cells too small (`minPeople`) to show: the ties of those cells are read from the kept set.
 */
export async function writeTeams(db: Executor, workspaceId: string, minPeople: number) {
  await db.deleteFrom('insights_teams').where('workspace_id', '=', workspaceId).execute();
  await sql`
    with people as not materialized (${countedPeople(workspaceId)}),
    cells as (select team_a, team_b, ties, people_a, people_b from insights_team_pairs where workspace_id = ${workspaceId}),
    small as (select team_a, team_b from cells where least(people_a, people_b) < ${minPeople}),
    hidden_ties as (
      select t.team_a as team, t.person_a as own, t.person_b as theirs
      from small s join insights_window_ties t
        on t.workspace_id = ${workspaceId} and t.team_a = s.team_a and t.team_b = s.team_b
      union all
      select t.team_b, t.person_b, t.person_a
      from small s join insights_window_ties t
        on t.workspace_id = ${workspaceId} and t.team_a = s.team_a and t.team_b = s.team_b
      where s.team_a <> s.team_b
    ),
    hidden as (
      select team, (count(*) filter (where own))::int as own_people, (count(*) filter (where not own))::int as other_people
      from (select team, own as person, true as own from hidden_ties
        union select team, theirs, false from hidden_ties) x
      group by team
    ),
    teams as (select team, count(*)::int as members from people where team is not null group by team),
    reach as (
      select team, count(*)::int as tie_people from insights_window_tie_people where workspace_id = ${workspaceId}
      group by team
    ),
    tally as (
      select team, (sum(ties) filter (where team_a = team_b))::int as internal_ties,
        (sum(ties) filter (where team_a <> team_b))::int as external_ties
      from (select team_a as team, team_a, team_b, ties from cells
        union all select team_b, team_a, team_b, ties from cells where team_a <> team_b) x
      group by team
    )
    insert into insights_teams (workspace_id, team, members, internal_ties, external_ties, tie_people,
      hidden_own_people, hidden_other_people)
    select ${workspaceId}, t.team, t.members, coalesce(y.internal_ties, 0), coalesce(y.external_ties, 0),
      coalesce(r.tie_people, 0), coalesce(h.own_people, 0), coalesce(h.other_people, 0)
    from teams t
    left join tally y using (team) left join reach r using (team) left join hidden h using (team)`.execute(db);
}

/**
 * Kudos given from `from` to `to` and not revoked. The revocations, few, are hashed once: `not exists` is planned as
 * a loop over them per kudos when the planner expects almost none. gift_id is never null, so `not in` means the same.
 */
export function keptKudos(workspaceId: string, span: Span): RawBuilder<unknown> {
  return sql`select k.giver_id, k.recipient_id, k.given_at from kudos k
    where k.workspace_id = ${workspaceId} and k.given_at >= ${span.from} and k.given_at < ${span.to}
      and k.gift_id not in (select gift_id from kudos_revocations where workspace_id = ${workspaceId})`;
}

/**
 * The first day of the month before the one `now` falls in, in the workspace's zone: kudos are kept per day from it
 * on, so that an update re-reading the day before its watermark never reaches the months kept as one period.
 */
export function dailyFrom(now: Date, workspaceId: string): RawBuilder<string> {
  return sql<string>`(date_trunc('month', ${now}::timestamptz at time zone ${workspaceZone(workspaceId)})
    - interval '1 month')::date`;
}

/** Forgets the kudos counted per day from the one `dayStart` begins, to count them again. */
export async function deleteKudosDaysFrom(db: Executor, workspaceId: string, dayStart: Date): Promise<void> {
  await sql`delete from insights_window_kudos
    where workspace_id = ${workspaceId}
      and period >= (${dayStart}::timestamptz at time zone ${workspaceZone(workspaceId)})::date`.execute(db);
}

/**
 * Kudos between departments over [from, to) (both people counted with a department), into the kept state: the kudos
 * per period and pair of departments (a day of this month or the one before, or the months before those as one
 * period dated by the window's first day), and the departments each giver reached and each recipient heard from. Returns per pair of
 * departments how many givers and recipients it gained: a pair's distinct givers grow by exactly those.
 */
export async function addDepartmentKudos(
  db: Executor,
  workspaceId: string,
  span: Span,
  windowFrom: Date,
): Promise<DepartmentIncrements> {
  const zone = workspaceZone(workspaceId);
  const result = await sql<{ from_department: string; to_department: string; givers: number; recipients: number }>`
    with people as not materialized (${countedPeople(workspaceId)}),
    -- Each kudos joined to both people's departments once; only the kudos of the days kept one by one need their day
    -- in the workspace's zone.
    kept as materialized (
      select k.giver_id, g.department as from_department, k.recipient_id, r.department as to_department,
        case when k.given_at < ${dailyFrom(span.to, workspaceId)}::timestamp at time zone ${zone}
          then (${windowFrom}::timestamptz at time zone ${zone})::date
          else (k.given_at at time zone ${zone})::date end as period
      from (${keptKudos(workspaceId, span)}) k
      join people g on g.user_id = k.giver_id join people r on r.user_id = k.recipient_id
      where g.department is not null and r.department is not null
    ),
    reached as (
      select giver_id, to_department, min(from_department) as from_department from kept group by giver_id, to_department
    ),
    counted as (
      select period, from_department, to_department, count(*)::int as kudos from kept
      group by period, from_department, to_department
    ),
    heard as (
      select recipient_id, from_department, min(to_department) as to_department from kept
      group by recipient_id, from_department
    ),
    gained_givers as (
      select x.giver_id, x.from_department, x.to_department from reached x
      left join insights_window_givers o on o.workspace_id = ${workspaceId} and o.giver_id = x.giver_id
      where o.giver_id is null or not (x.to_department = any(o.to_departments))
    ),
    gained_recipients as (
      select x.recipient_id, x.from_department, x.to_department from heard x
      left join insights_window_recipients o on o.workspace_id = ${workspaceId} and o.recipient_id = x.recipient_id
      where o.recipient_id is null or not (x.from_department = any(o.from_departments))
    ),
    -- Data-modifying steps run once whether or not the statement reads them.
    givers as (
      insert into insights_window_givers (workspace_id, giver_id, from_department, to_departments)
      select ${workspaceId}, giver_id, min(from_department), array_agg(to_department) from gained_givers group by giver_id
      on conflict (workspace_id, giver_id) do update
        set to_departments = insights_window_givers.to_departments || excluded.to_departments
    ),
    recipients as (
      insert into insights_window_recipients (workspace_id, recipient_id, to_department, from_departments)
      select ${workspaceId}, recipient_id, min(to_department), array_agg(from_department) from gained_recipients
      group by recipient_id
      on conflict (workspace_id, recipient_id) do update
        set from_departments = insights_window_recipients.from_departments || excluded.from_departments
    ),
    periods as (
      insert into insights_window_kudos (workspace_id, period, from_department, to_department, kudos)
      select ${workspaceId}, period, from_department, to_department, kudos from counted
      on conflict (workspace_id, period, from_department, to_department) do update set kudos = excluded.kudos
    )
    select from_department, to_department, sum(givers)::int as givers, sum(recipients)::int as recipients
    from (select from_department, to_department, 1 as givers, 0 as recipients from gained_givers
      union all select from_department, to_department, 0, 1 from gained_recipients) x
    group by from_department, to_department`.execute(db);
  return {
    from: result.rows.map((r) => r.from_department),
    to: result.rows.map((r) => r.to_department),
    givers: result.rows.map((r) => r.givers),
    recipients: result.rows.map((r) => r.recipients),
  };
}

/** Whether `moment` falls before the days whose kudos are kept one by one (`dailyFrom`). */
export async function isBeforeKeptDays(db: Executor, workspaceId: string, moment: Date, now: Date): Promise<boolean> {
  const result = await sql<{ before: boolean }>`
    select (${moment}::timestamptz at time zone ${workspaceZone(workspaceId)})::date < ${dailyFrom(now, workspaceId)}
      as before`.execute(db);
  return result.rows[0]?.before ?? true;
}

/**
 * The kudos between departments from the kept state: kudos summed over the window's days, distinct givers and
 * recipients grown by what the sets just gained (a pair's first kudos brings its first giver and recipient).
 */
export async function writeDepartmentKudos(db: Executor, workspaceId: string, gained: DepartmentIncrements) {
  await sql`
    insert into insights_department_kudos (workspace_id, from_department, to_department, kudos, givers, recipients)
    select ${workspaceId}, d.from_department, d.to_department, d.kudos, coalesce(i.givers, 0), coalesce(i.recipients, 0)
    from (select from_department, to_department, sum(kudos)::int as kudos from insights_window_kudos
      where workspace_id = ${workspaceId} group by from_department, to_department) d
    left join unnest(${gained.from}::text[], ${gained.to}::text[], ${gained.givers}::int[], ${gained.recipients}::int[])
      as i(from_department, to_department, givers, recipients) using (from_department, to_department)
    on conflict (workspace_id, from_department, to_department) do update
      set kudos = excluded.kudos, givers = insights_department_kudos.givers + excluded.givers,
        recipients = insights_department_kudos.recipients + excluded.recipients`.execute(db);
}
