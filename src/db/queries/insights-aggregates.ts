import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

/**
 * The set-based computation of the admins' insights (definitions in docs/insights.md). Every statement aggregates in
 * Postgres and writes counts only, so a workspace of 100,000 people never passes through Node.
 */

/**
 * Gathers the people counted at computation time (here, human, never a tombstone of someone erased) into
 * `insights_people`, dropped with the transaction. Nearly every statement of a computation joins them: reading the
 * directory's wide rows again for each cost more than most statements' own work. Each gets an integer key `k` whose
 * upper 32 bits are their team's rank in the database's order of team names (0 for no known team; the window's ties
 * are oriented by that order), so that the monthly figures hash narrow integers and compare a tie's teams without
 * looking people up again.
 */
export async function collectCountedPeople(db: Executor, workspaceId: string): Promise<void> {
  // Teams ranked among the distinct teams, not by sorting everyone.
  await sql`create temp table insights_people on commit drop as
    with counted as (
      select workspace_id, user_id, nullif(team, '') as team, nullif(department, '') as department
      from members
      where workspace_id = ${workspaceId} and not is_bot and not is_deleted and departed_at is null
        and personal_data_purged_at is null and user_id not like 'UERASED%'
    ),
    teams as (
      select team, row_number() over (order by team) as rank
      from (select distinct team from counted where team is not null) t
    )
    select c.workspace_id, c.user_id, c.team, c.department, coalesce(t.rank, 0) << 32 | row_number() over () as k
    from counted c left join teams t using (team)`.execute(db);
  await analyzeSample(db, 'insights_people');
}

/**
 * Gives the planner a temporary table's size and spread from a small sample: what the computation's joins need (ids
 * unique, a few hundred teams) in a tenth of the time of the default sample.
 */
export async function analyzeSample(db: Executor, table: string): Promise<void> {
  await sql`set local default_statistics_target = 10`.execute(db);
  await sql`analyze ${sql.table(table)}`.execute(db);
  await sql`set local default_statistics_target to default`.execute(db);
}

/**
 * The people counted by this computation (`collectCountedPeople` first, in the same transaction). A statement names
 * them `not materialized`: each join reads the narrow temporary table itself instead of a materialised copy of it.
 */
export function countedPeople(workspaceId: string): RawBuilder<unknown> {
  return sql`select user_id, team, department from insights_people where workspace_id = ${workspaceId}`;
}

export function workspaceZone(workspaceId: string): RawBuilder<string> {
  return sql<string>`(select time_zone from workspaces where id = ${workspaceId})`;
}

/** The month (first day, in the workspace's zone) a moment falls in. */
function monthOf(moment: RawBuilder<unknown>, workspaceId: string): RawBuilder<string> {
  return sql<string>`date_trunc('month', ${moment} at time zone ${workspaceZone(workspaceId)})::date`;
}

/**
 * When the group of check-in `c` was delivered: the time the answer carries, or for an answer written before it did,
 * its group's (null if the group is not delivered).
 */
export function checkinGroupDelivery(workspaceId: string): RawBuilder<Date | null> {
  return sql<Date | null>`coalesce(c.group_delivered_at, (select g.delivered_at from round_groups g
    where g.workspace_id = ${workspaceId} and g.id = c.group_id and g.status = 'delivered'))`;
}

/** The delivered groups where someone answered "met", as a set to join rather than a subquery per row. */
function metGroups(workspaceId: string): RawBuilder<unknown> {
  return sql`select distinct group_id from round_checkins where workspace_id = ${workspaceId} and answer = 'met'`;
}

/**
 * Every Nudge connection dated in [from, to): a delivered coffee/intro group where someone answered "met" (each pair
 * of its members still in it), a mentorship pair's first meeting, an accepted learning request. `a < b`.
 */
export function connections(workspaceId: string, from: Date, to: Date): RawBuilder<unknown> {
  return sql`select a.u as a, b.u as b, g.delivered_at as at
      from round_groups g
      cross join lateral unnest(g.members) a(u)
      cross join lateral unnest(g.members) b(u)
      where g.workspace_id = ${workspaceId} and g.status = 'delivered'
        and g.delivered_at >= ${from} and g.delivered_at < ${to}
        and a.u < b.u and not (a.u = any(g.dropped)) and not (b.u = any(g.dropped))
        and g.id in (${metGroups(workspaceId)})
    union all
    select least(mentor_id, mentee_id), greatest(mentor_id, mentee_id), first_met_at
      from mentorship_pairs
      where workspace_id = ${workspaceId} and first_met_at >= ${from} and first_met_at < ${to}
        and mentor_id <> mentee_id
    union all
    select least(asker_id, expert_id), greatest(asker_id, expert_id), answered_at
      from learning_requests
      where workspace_id = ${workspaceId} and status = 'accepted' and answered_at >= ${from} and answered_at < ${to}
        and asker_id <> expert_id`;
}

/** The first days of the 12 months ending with the one `now` falls in, oldest first, in the workspace's zone. */
export async function findInsightsMonths(db: Executor, workspaceId: string, now: Date): Promise<string[]> {
  const result = await sql<{ month: string }>`
    select to_char(m, 'YYYY-MM-DD') as month
    from generate_series(
      date_trunc('month', ${now}::timestamptz at time zone ${workspaceZone(workspaceId)}) - interval '11 months',
      date_trunc('month', ${now}::timestamptz at time zone ${workspaceZone(workspaceId)}),
      interval '1 month') as m
    order by m`.execute(db);
  return result.rows.map((r) => r.month);
}

/** The span of moments the given months cover, in the workspace's zone: [from, to). */
export async function findMonthsSpan(
  db: Executor,
  workspaceId: string,
  months: string[],
): Promise<{ from: Date; to: Date }> {
  const result = await sql<{ from: Date; to: Date }>`
    select min(m::timestamp) at time zone ${workspaceZone(workspaceId)} as "from",
      max(m::timestamp + interval '1 month') at time zone ${workspaceZone(workspaceId)} as "to"
    from unnest(${months}::date[]) as m`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('no months');
  return row;
}

/**
 * The months among `months` whose monthly figures the facts recorded since `since` changed: groups delivered, "met"
 * answers given or withdrawn (any other answer changes no monthly figure: a group counts once someone answered "met",
 * and a withdrawn "met" is stamped `unmet_at`), mentorship pairs started or met, learning requests made or answered.
 */
export async function findMonthsChangedSince(
  db: Executor,
  workspaceId: string,
  since: Date,
  months: string[],
): Promise<string[]> {
  const zone = workspaceZone(workspaceId);
  const result = await sql<{ month: string }>`
    with bounds as (
      select m, m::timestamp at time zone ${zone} as starts, (m + interval '1 month') at time zone ${zone} as ends
      from unnest(${months}::date[]) m
    ),
    -- One probe per month in the delivered_at index, stopping at the first group: not every group delivered since.
    delivered as (
      select b.m from bounds b
      where exists (select from round_groups g
        where g.workspace_id = ${workspaceId} and g.status = 'delivered'
          and g.delivered_at >= greatest(b.starts, ${since}) and g.delivered_at < b.ends)
    ),
    -- Each answer carries its group's delivery; only one written before it did looks its group up.
    answered as (
      select distinct ${monthOf(sql`x.delivered_at`, workspaceId)} as m from (
        select ${checkinGroupDelivery(workspaceId)} as delivered_at from round_checkins c
          where c.workspace_id = ${workspaceId} and c.answered_at >= ${since} and c.answer = 'met'
        union all
        select ${checkinGroupDelivery(workspaceId)} from round_checkins c
          where c.workspace_id = ${workspaceId} and c.unmet_at >= ${since}
      ) x
    ),
    others as (
      select ${monthOf(sql`x.at`, workspaceId)} as m from (
        select started_at as at from mentorship_pairs
          where workspace_id = ${workspaceId} and (started_at >= ${since} or first_met_at >= ${since})
        union all
        select first_met_at from mentorship_pairs where workspace_id = ${workspaceId} and first_met_at >= ${since}
        union all
        select requested_at from learning_requests
          where workspace_id = ${workspaceId} and (requested_at >= ${since} or answered_at >= ${since})
        union all
        select answered_at from learning_requests
          where workspace_id = ${workspaceId} and status = 'accepted' and answered_at >= ${since}
      ) x
    )
    select to_char(m, 'YYYY-MM-DD') as month from bounds
    where m in (select m from delivered union all select m from answered union all select m from others)
    order by m`.execute(db);
  return result.rows.map((r) => r.month);
}

const monthlyTables = [
  'insights_programme_months',
  'insights_tie_months',
  'insights_mentorship_months',
  'insights_learning_months',
] as const;

/** Removes the monthly figures of the given months, and of every month before `firstKept`. */
export async function deleteInsightsMonths(
  db: Executor,
  workspaceId: string,
  months: string[],
  firstKept: string,
): Promise<void> {
  for (const table of monthlyTables) {
    await db
      .deleteFrom(table)
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('month', 'in', months.length > 0 ? months : [firstKept]), eb('month', '<', firstKept)]))
      .execute();
  }
}

export interface Span {
  from: Date;
  to: Date;
}

/** Per month a mentorship pair started: pairs, how many met, and the people in each. */
export async function insertMentorshipMonths(db: Executor, workspaceId: string, months: string[], span: Span) {
  await sql`
    with people as not materialized (${countedPeople(workspaceId)}),
    pairs as (
      select mp.id, ${monthOf(sql`mp.started_at`, workspaceId)} as month, mp.first_met_at is not null as met,
        mp.mentor_id, mp.mentee_id
      from mentorship_pairs mp
      join people m on m.user_id = mp.mentor_id join people e on e.user_id = mp.mentee_id
      where mp.workspace_id = ${workspaceId} and mp.started_at >= ${span.from} and mp.started_at < ${span.to}
    ),
    kept as (select * from pairs where month = any(${months}::date[])),
    ends as (select month, met, mentor_id as person from kept union all select month, met, mentee_id from kept)
    insert into insights_mentorship_months (workspace_id, month, pairs, met_pairs, people, met_people, unmet_people)
    select ${workspaceId}, c.month, c.pairs, c.met_pairs, r.people, r.met_people, r.unmet_people
    from (select month, count(*)::int as pairs, (count(*) filter (where met))::int as met_pairs from kept group by month) c
    join (select month, count(distinct person)::int as people,
        (count(distinct person) filter (where met))::int as met_people,
        (count(distinct person) filter (where not met))::int as unmet_people
      from ends group by month) r using (month)`.execute(db);
}

/** Per month a learning request was made: requests, accepted and expired, and the people in each kind. */
export async function insertLearningMonths(db: Executor, workspaceId: string, months: string[], span: Span) {
  await sql`
    with people as not materialized (${countedPeople(workspaceId)}),
    reqs as (
      select ${monthOf(sql`lr.requested_at`, workspaceId)} as month, lr.status, lr.asker_id, lr.expert_id
      from learning_requests lr
      join people a on a.user_id = lr.asker_id join people x on x.user_id = lr.expert_id
      where lr.workspace_id = ${workspaceId} and lr.requested_at >= ${span.from} and lr.requested_at < ${span.to}
    ),
    kept as (select * from reqs where month = any(${months}::date[])),
    ends as (select month, status, asker_id as person from kept union all select month, status, expert_id from kept)
    insert into insights_learning_months
      (workspace_id, month, requests, accepted, expired, people, accepted_people, expired_people, other_people)
    select ${workspaceId}, c.month, c.requests, c.accepted, c.expired, r.people, r.accepted_people, r.expired_people,
      r.other_people
    from (select month, count(*)::int as requests, (count(*) filter (where status = 'accepted'))::int as accepted,
        (count(*) filter (where status = 'expired'))::int as expired from kept group by month) c
    join (select month, count(distinct person)::int as people,
        (count(distinct person) filter (where status = 'accepted'))::int as accepted_people,
        (count(distinct person) filter (where status = 'expired'))::int as expired_people,
        (count(distinct person) filter (where status not in ('accepted', 'expired')))::int as other_people
      from ends group by month) r using (month)`.execute(db);
}

/** The parts of a workspace's insights computation that run at the same time, each under its own lock. */
export type InsightsPart = 'months' | 'ties' | 'kudos';

/**
 * Holds parts of the workspace's insights computation for this transaction: a second computation's same part waits,
 * then sees the first's rows. Taken in the order given, which callers keep as 'months', 'ties', 'kudos' so that two
 * computations never wait on each other in a circle. Then holds the workspace row as a foreign key would, once
 * instead of per row written: the kept sets have no foreign key, so a purge of the workspace waits for this
 * transaction, and a transaction that starts after a purge stops here instead of writing rows nobody deletes.
 */
export async function lockInsights(db: Executor, workspaceId: string, parts: InsightsPart[]): Promise<void> {
  for (const part of parts) {
    await sql`select pg_advisory_xact_lock(hashtext(${`insights.${part}`}), hashtext(${workspaceId}))`.execute(db);
  }
  const held = await sql`select id from workspaces where id = ${workspaceId} for key share`.execute(db);
  if (held.rows.length === 0) throw new Error(`insights not computed: workspace ${workspaceId} no longer exists`);
}

/** Gives the aggregation queries room to hash rather than sort on disk, for this transaction only. */
export async function setInsightsWorkMemory(db: Executor): Promise<void> {
  await sql`set local work_mem = '64MB'`.execute(db);
}

export async function findInsightsState(db: Executor, workspaceId: string) {
  return await db.selectFrom('insights_state').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

export async function upsertInsightsState(
  db: Executor,
  workspaceId: string,
  at: { watermark: Date; computedAt: Date; full: boolean },
): Promise<void> {
  await db
    .insertInto('insights_state')
    .values({
      workspace_id: workspaceId,
      watermark: at.watermark,
      computed_at: at.computedAt,
      full_computed_at: at.computedAt,
    })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet((eb) => ({
        watermark: eb.ref('excluded.watermark'),
        computed_at: eb.ref('excluded.computed_at'),
        ...(at.full ? { full_computed_at: eb.ref('excluded.full_computed_at') } : {}),
      })),
    )
    .execute();
}
