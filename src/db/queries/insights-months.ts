import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { type Span, workspaceZone } from './insights-aggregates.ts';

type Executor = Kysely<Database>;

/**
 * The monthly programme and tie figures (definitions in docs/insights.md), computed from two tables built once per
 * computation and dropped with its transaction: the counted people under integer keys (`insights_people`), and one row per delivered group
 * with the keys of its counted members. A year of a large workspace holds millions of groups; reading them once and
 * aggregating narrow integer rows keeps every hash in memory, where expanding the groups into text seats per statement
 * made each aggregate spill to disk.
 */

/** Whether each month asked for follows the one before (the full recomputation's 12, an update's one). */
function consecutive(months: string[]): boolean {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return months.every((month, j) => j === 0 || index(month) === index(months[j - 1] as string) + 1);
}

/**
 * The month's position in `months` (ascending; 0 for the first) of a moment within the months' span (the statements
 * read only those), null for a moment in no month asked for. The months' bounds in the workspace's zone are worked
 * out once and each moment is placed among them by binary search, instead of converting every moment to the zone.
 * Consecutive months need only their starts, and one search per moment; months with gaps between them need each
 * month's start and end, and a moment between two bounds of different months is in none.
 */
function monthIndex(moment: RawBuilder<unknown>, workspaceId: string, months: string[]): RawBuilder<number> {
  const zone = workspaceZone(workspaceId);
  if (consecutive(months)) {
    const starts = sql`(select array_agg(m::timestamp at time zone ${zone} order by m) from unnest(${months}::date[]) m)`;
    return sql<number>`(width_bucket(${moment}, ${starts}) - 1)`;
  }
  const bounds = sql`(select array_agg(b order by b) from unnest(${months}::date[]) m
    cross join lateral (values (m::timestamp at time zone ${zone}), ((m + interval '1 month') at time zone ${zone})) v(b))`;
  return sql<number>`(case when width_bucket(${moment}, ${bounds}) % 2 = 1 then width_bucket(${moment}, ${bounds}) / 2 end)`;
}

/**
 * Counts per month position of rows carrying a bit per month: one column per month and count in a single pass, then
 * a row per month. Expanding every person into their months instead gives millions of rows to sort.
 */
function countsPerMonth(months: string[], counts: Array<[name: string, mask: RawBuilder<unknown>]>) {
  const column = (name: string, j: number) => sql.id(`${name}_${j}`);
  return {
    columns: sql.join(
      months.flatMap((_, j) =>
        counts.map(
          ([name, mask]) => sql`(count(*) filter (where ${mask} & ${sql.lit(1 << j)} <> 0))::int as ${column(name, j)}`,
        ),
      ),
    ),
    rows: sql.join(
      months.map((_, j) => sql`(${sql.lit(j)}, ${sql.join(counts.map(([name]) => sql`x.${column(name, j)}`))})`),
    ),
    names: sql.join(counts.map(([name]) => sql.id(name))),
  };
}

/**
 * The earliest answer a group delivered in the span can have: a check-in is asked after its group is delivered (a
 * day allowed for the clocks of different processes). Rebuilding one month then hashes that month's answers, not
 * the year's.
 */
function answeredFrom(span: Span): RawBuilder<Date> {
  return sql<Date>`(${span.from}::timestamptz - interval '1 day')`;
}

/** The most members a delivered group over the span holds: the groups are read position by position. */
async function findLargestGroup(db: Executor, workspaceId: string, span: Span): Promise<number> {
  const result = await sql<{ size: number | null }>`
    select max(cardinality(members)) as size from round_groups
    where workspace_id = ${workspaceId} and status = 'delivered'
      and delivered_at >= ${span.from} and delivered_at < ${span.to}`.execute(db);
  return result.rows[0]?.size ?? 0;
}

/**
 * Builds `insights_m_groups`: each delivered group of the given months with at least one counted member still in it,
 * with the month's position, the programme, whether someone answered "met", and the keys (`insights_people.k`) of
 * those members. Each member position is looked up with a hash join on the people, so a group stays one row instead
 * of being expanded into seats and grouped again. Needs `collectCountedPeople` first, in the same transaction.
 */
export async function collectMonthsGroups(db: Executor, workspaceId: string, months: string[], span: Span) {
  const positions = Array.from({ length: Math.max(1, await findLargestGroup(db, workspaceId, span)) }, (_, i) => i + 1);
  const member = (p: number) => sql`g.members[${sql.lit(p)}]`;
  const alias = (p: number) => sql.id(`p${p}`);
  // Each programme under a small integer (its rank): people are later grouped per programme, and an integer hashes
  // and compares faster than the programme's id over millions of seats.
  await sql`create temp table insights_m_rounds on commit drop as
    select id, programme_id, (dense_rank() over (order by programme_id))::int as programme
    from rounds where workspace_id = ${workspaceId}`.execute(db);
  await sql`create temp table insights_m_groups on commit drop as
    select x.i, x.programme, x.met, x.ks from (
      select ${monthIndex(sql`g.delivered_at`, workspaceId, months)} as i, r.programme,
        exists (select from round_checkins c
          where c.workspace_id = ${workspaceId} and c.group_id = g.id and c.answer = 'met'
            and c.answered_at >= ${answeredFrom(span)}) as met,
        array_remove(array[${sql.join(positions.map((p) => sql`${alias(p)}.k`))}], null) as ks
      from round_groups g
      join insights_m_rounds r on r.id = g.round_id
      ${sql.join(
        positions.map(
          (p) =>
            sql`left join insights_people ${alias(p)} on ${alias(p)}.user_id = ${member(p)} and not (${member(p)} = any(g.dropped))`,
        ),
        sql` `,
      )}
      where g.workspace_id = ${workspaceId} and g.status = 'delivered'
        and g.delivered_at >= ${span.from} and g.delivered_at < ${span.to}
    ) x
    where ${consecutive(months) ? sql`` : sql`x.i is not null and`} cardinality(x.ks) > 0`.execute(db);
}

/**
 * Per programme and month: groups delivered, the people in them, and how many groups met (and their people). People
 * are grouped once per programme with a bit per month they were in a group that met (the upper half of `bits`) and
 * one that did not (the lower half), so distinct people cost one hash over people, not over every seat of the year;
 * months are at most 12, within each half. Needs `collectMonthsGroups` first, in the same transaction.
 */
export async function insertProgrammeMonths(db: Executor, workspaceId: string, months: string[]) {
  const people = countsPerMonth(months, [
    ['participants', sql`(bits >> 16 | bits)`],
    ['met_people', sql`(bits >> 16)`],
    ['unmet_people', sql`bits`],
  ]);
  await sql`
    with per_person as (
      select g.programme, g.k, bit_or(case when g.met then 65536 << g.i else 1 << g.i end) as bits
      from (select programme, i, met, unnest(ks) as k from insights_m_groups) g
      group by g.programme, g.k
    ),
    per_programme as (select programme, ${people.columns} from per_person group by programme),
    people as (
      select x.programme, v.* from per_programme x cross join lateral (values ${people.rows}) v(i, ${people.names})
    ),
    grps as (
      select i, programme, count(*)::int as groups, (count(*) filter (where met))::int as met_groups
      from insights_m_groups group by i, programme
    ),
    programmes_ranked as (select distinct programme, programme_id from insights_m_rounds)
    insert into insights_programme_months
      (workspace_id, month, programme_id, kind, groups, participants, met_groups, met_people, unmet_people)
    select ${workspaceId}, (${months}::date[])[g.i + 1], r.programme_id, p.kind, g.groups, x.participants,
      g.met_groups, x.met_people, x.unmet_people
    from grps g
    join people x using (i, programme)
    join programmes_ranked r using (programme)
    join programmes p on p.workspace_id = ${workspaceId} and p.id = r.programme_id`.execute(db);
}

/**
 * Builds `insights_m_ties`: each distinct pair of counted people, both of known teams, who shared a group of the
 * given months where someone answered "met", with a bit per month they did (the month's position in `months`). The
 * tie months and the window's ties (`rebuildWindowTiesFromMonths`) both read it, instead of each expanding the groups
 * into pairs and hashing them again; a pair that meets in several months is one row. Needs `collectMonthsGroups`
 * first, in the same transaction.
 */
export async function collectMonthsTies(db: Executor) {
  await sql`create temp table insights_m_ties on commit drop as
    select least(a, b) as a, greatest(a, b) as b, bit_or(1 << i) as months from (
      select i, ks[1] as a, ks[2] as b from insights_m_groups where met and cardinality(ks) = 2
      union all
      select g.i, g.ks[x], g.ks[y]
      from insights_m_groups g
      cross join lateral generate_series(1, cardinality(g.ks) - 1) x
      cross join lateral generate_series(x + 1, cardinality(g.ks)) y
      where g.met and cardinality(g.ks) > 2
    ) pairs
    where a <> b and a >> 32 <> 0 and b >> 32 <> 0
    group by least(a, b), greatest(a, b)`.execute(db);
  await sql`analyze insights_m_ties`.execute(db);
}

/**
 * Per month: distinct ties between people of known teams (two members of a group where someone answered "met", a
 * mentorship pair's first meeting, an accepted learning request), how many cross teams, and the people on each kind.
 * Each tie carries a bit per month it formed in, so ties and people are counted per month in one pass each. Needs
 * `collectMonthsTies` first, in the same transaction.
 */
export async function insertTieMonths(db: Executor, workspaceId: string, months: string[], span: Span) {
  const ties = countsPerMonth(months, [
    ['ties', sql`months`],
    ['cross_ties', sql`(case when crossed then months else 0 end)`],
  ]);
  const people = countsPerMonth(months, [
    ['people', sql`(crossed | same)`],
    ['cross_people', sql`crossed`],
    ['same_people', sql`same`],
  ]);
  const inMonth = (moment: RawBuilder<unknown>) => monthIndex(moment, workspaceId, months);
  await sql`
    with connections as (
      select a, b, months from insights_m_ties
      union all
      select least(m.k, e.k), greatest(m.k, e.k), 1 << ${inMonth(sql`mp.first_met_at`)}
      from mentorship_pairs mp
      join insights_people m on m.user_id = mp.mentor_id join insights_people e on e.user_id = mp.mentee_id
      where mp.workspace_id = ${workspaceId} and mp.first_met_at >= ${span.from} and mp.first_met_at < ${span.to}
        and mp.mentor_id <> mp.mentee_id
      union all
      select least(a.k, x.k), greatest(a.k, x.k), 1 << ${inMonth(sql`lr.answered_at`)}
      from learning_requests lr
      join insights_people a on a.user_id = lr.asker_id join insights_people x on x.user_id = lr.expert_id
      where lr.workspace_id = ${workspaceId} and lr.status = 'accepted' and lr.answered_at >= ${span.from}
        and lr.answered_at < ${span.to} and lr.asker_id <> lr.expert_id
    ),
    kept as (
      select a, b, bit_or(months) as months, a >> 32 <> b >> 32 as crossed
      from connections
      where months is not null and a >> 32 <> 0 and b >> 32 <> 0
      group by a, b
    ),
    per_person as (
      select person, coalesce(bit_or(months) filter (where crossed), 0) as crossed,
        coalesce(bit_or(months) filter (where not crossed), 0) as same
      from (select a as person, months, crossed from kept union all select b, months, crossed from kept) ends
      group by person
    ),
    counted as (
      select v.* from (select ${ties.columns} from kept) x cross join lateral (values ${ties.rows}) v(i, ${ties.names})
    ),
    reached as (
      select v.* from (select ${people.columns} from per_person) x cross join lateral (values ${people.rows}) v(i, ${people.names})
    )
    insert into insights_tie_months (workspace_id, month, ties, cross_ties, people, cross_people, same_people)
    select ${workspaceId}, (${months}::date[])[c.i + 1], c.ties, c.cross_ties, r.people, r.cross_people, r.same_people
    from counted c join reached r using (i)
    where c.ties > 0`.execute(db);
}
