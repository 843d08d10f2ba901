import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { countedPeople, type Span, workspaceZone } from './insights-aggregates.ts';
import { replaceKeptRows } from './insights-kept-rows.ts';
import { type DepartmentIncrements, dailyFrom, keptKudos } from './insights-windows.ts';

type Executor = Kysely<Database>;

/**
 * The windows' kept sets built whole, for the full recomputation (the update extends them with `addDepartmentKudos`
 * and `addTiesChangedSince`, and must end where these do). A year of a large workspace holds millions of kudos:
 * each is read once and joined to the people under integer keys, and the sets are aggregated as narrow rows, a
 * person's departments as a bit mask over the departments' ranks, instead of a row per person, department and day.
 */

/**
 * Kudos between departments over the window into the kept state, replacing what it kept (by difference): kudos per
 * period and pair of departments, per giver the departments reached, per recipient the departments heard from.
 * Returns per pair of departments its givers and recipients, for `writeDepartmentKudos`.
 */
export async function rebuildDepartmentKudos(
  db: Executor,
  workspaceId: string,
  span: Span,
  windowFrom: Date,
): Promise<DepartmentIncrements> {
  // A department's bit: its rank split into a word and a bit of a bigint mask, so any number of departments fits.
  await sql`create temp table insights_w_departments on commit drop as
    select department, r as d, r / 63 as w, 1::bigint << (r % 63) as b
    from (select department, (row_number() over (order by department))::int - 1 as r
      from (select distinct department from (${countedPeople(workspaceId)}) p where department is not null) x) y`.execute(
    db,
  );
  await sql`create temp table insights_w_kudos_people on commit drop as
    select p.user_id, (row_number() over ())::int as k, d.d
    from (${countedPeople(workspaceId)}) p join insights_w_departments d using (department)`.execute(db);
  await sql`analyze insights_w_kudos_people`.execute(db);
  // The periods' bounds as constants: worked out per kudos from the zone, they cost more than the joins.
  const bounds = await sql<{ daily_from: Date; first_day: string; zone: string }>`
    select ${dailyFrom(span.to, workspaceId)}::timestamp at time zone ${workspaceZone(workspaceId)} as daily_from,
      (${windowFrom}::timestamptz at time zone ${workspaceZone(workspaceId)})::date as first_day,
      ${workspaceZone(workspaceId)} as zone`.execute(db);
  const periods = bounds.rows[0];
  if (!periods) throw new Error('no kudos periods');
  const period = sql`case when k.given_at < ${periods.daily_from} then ${periods.first_day}::date
    else (k.given_at at time zone ${periods.zone}::text)::date end`;
  // Read and joined once (materialised), then grouped three ways, each hash staying small: per period and pair of
  // departments, per giver and word (the departments reached), per recipient and word (the departments heard from).
  await sql`create temp table insights_w_kudos on commit drop as
    with kept as materialized (
      select g.k as giver, r.k as recipient, g.d as from_d, r.d as to_d,
        ${period} as period
      from (${keptKudos(workspaceId, span)}) k
      join insights_w_kudos_people g on g.user_id = k.giver_id
      join insights_w_kudos_people r on r.user_id = k.recipient_id
    )
    select 'pair' as kind, period, from_d, to_d, count(*)::int as kudos, null::int as person, null::int as w,
        null::bigint as mask
      from kept group by period, from_d, to_d
    union all select 'giver', null, null, null, null, giver, to_d / 63, bit_or(1::bigint << (to_d % 63)) from kept
      group by giver, to_d / 63
    union all select 'recipient', null, null, null, null, recipient, from_d / 63, bit_or(1::bigint << (from_d % 63))
      from kept group by recipient, from_d / 63`.execute(db);
  const oneWord = await fitsOneWord(db);
  // Only gathering a person's words one person at a time looks their rows up.
  if (!oneWord) await sql`create index on insights_w_kudos (person, kind)`.execute(db);
  await sql`analyze insights_w_kudos`.execute(db);
  await sql`create temp table insights_w_kudos_rows on commit drop as
    select x.period, f.department as from_department, t.department as to_department, x.kudos
    from insights_w_kudos x
    join insights_w_departments f on f.d = x.from_d join insights_w_departments t on t.d = x.to_d
    where x.kind = 'pair'`.execute(db);
  await sql`create temp table insights_w_giver_rows on commit drop as
    select p.user_id as giver_id, d.department as from_department, x.departments as to_departments
    from (${keptDepartments('giver', oneWord)}) x
    join insights_w_kudos_people p on p.k = x.person join insights_w_departments d on d.d = p.d`.execute(db);
  await sql`create temp table insights_w_recipient_rows on commit drop as
    select p.user_id as recipient_id, d.department as to_department, x.departments as from_departments
    from (${keptDepartments('recipient', oneWord)}) x
    join insights_w_kudos_people p on p.k = x.person join insights_w_departments d on d.d = p.d`.execute(db);
  await replaceKeptRows(db, workspaceId, 'insights_window_kudos', 'insights_w_kudos_rows');
  await replaceKeptRows(db, workspaceId, 'insights_window_givers', 'insights_w_giver_rows');
  await replaceKeptRows(db, workspaceId, 'insights_window_recipients', 'insights_w_recipient_rows');
  // Each giver counts once in every pair from their department to one they reached; each recipient likewise. People
  // of one department with the same mask are counted together before the mask is split into departments.
  const result = await sql<{ from_department: string; to_department: string; givers: number; recipients: number }>`
    with masks as (
      select x.kind, p.d, x.w, x.mask, count(*)::int as people
      from insights_w_kudos x join insights_w_kudos_people p on p.k = x.person
      where x.kind in ('giver', 'recipient')
      group by x.kind, p.d, x.w, x.mask
    ),
    reached as (
      select m.d as from_d, t.d as to_d, m.people as givers, 0 as recipients
      from masks m join insights_w_departments t on t.w = m.w and m.mask & t.b <> 0
      where m.kind = 'giver'
      union all
      select f.d, m.d, 0, m.people
      from masks m join insights_w_departments f on f.w = m.w and m.mask & f.b <> 0
      where m.kind = 'recipient'
    ),
    counted as (
      select from_d, to_d, sum(givers)::int as givers, sum(recipients)::int as recipients from reached
      group by from_d, to_d
    )
    select f.department as from_department, t.department as to_department, c.givers, c.recipients
    from counted c join insights_w_departments f on f.d = c.from_d join insights_w_departments t on t.d = c.to_d`.execute(
    db,
  );
  return {
    from: result.rows.map((r) => r.from_department),
    to: result.rows.map((r) => r.to_department),
    givers: result.rows.map((r) => r.givers),
    recipients: result.rows.map((r) => r.recipients),
  };
}

/** Whether every department's bit falls in the first word of the masks (63 departments or fewer). */
async function fitsOneWord(db: Executor): Promise<boolean> {
  const result = await sql<{ one: boolean }>`select count(*) <= 63 as one from insights_w_departments`.execute(db);
  return result.rows[0]?.one ?? true;
}

/**
 * Per giver (or recipient) of `insights_w_kudos`, the names of the departments in their masks, in rank order. With
 * one word per person, each distinct mask (far fewer than people) is turned into names once and joined back;
 * otherwise a person's words are gathered one person at a time.
 */
function keptDepartments(kind: 'giver' | 'recipient', oneWord: boolean): RawBuilder<unknown> {
  if (oneWord) {
    return sql`select x.person, m.departments from insights_w_kudos x
      join (select u.w, u.mask, array(select t.department from insights_w_departments t
          where t.w = u.w and u.mask & t.b <> 0 order by t.d) as departments
        from (select distinct w, mask from insights_w_kudos where kind = ${kind}) u) m using (w, mask)
      where x.kind = ${kind}`;
  }
  return sql`select x.person, array(select t.department
      from insights_w_kudos y join insights_w_departments t on t.w = y.w and y.mask & t.b <> 0
      where y.person = x.person and y.kind = ${kind} order by t.d) as departments
    from (select person from insights_w_kudos where kind = ${kind} group by person) x`;
}

/**
 * Whether a group was delivered from `moment` to the end of its month: the months gathered then hold a group the
 * window, ending at `moment`, does not.
 */
export async function hasGroupsDeliveredFrom(db: Executor, workspaceId: string, moment: Date): Promise<boolean> {
  const found = await db
    .selectFrom('round_groups')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'delivered')
    .where('delivered_at', '>=', moment)
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
}

/**
 * Every tie of the window into the kept set, replacing what it kept (by difference), from the pairs the tie months
 * were computed from (`collectMonthsTies` over the window's 12 months, in the same transaction) and the mentorship
 * pairs and learning requests of the window: the distinct pairs of keys, both teams known, mapped back to the people
 * and their teams, oriented as `addTies` orients them. Only valid when no group of those months was delivered after
 * the window's end (`hasGroupsDeliveredFrom`).
 */
export async function rebuildWindowTiesFromMonths(db: Executor, workspaceId: string, span: Span): Promise<void> {
  await sql`create temp table insights_w_ties on commit drop as
    select distinct least(a, b) as a, greatest(a, b) as b from (
      select a, b from insights_m_ties
      union all
      select m.k, e.k
      from mentorship_pairs mp
      join insights_people m on m.user_id = mp.mentor_id join insights_people e on e.user_id = mp.mentee_id
      where mp.workspace_id = ${workspaceId} and mp.first_met_at >= ${span.from} and mp.first_met_at < ${span.to}
      union all
      select a.k, x.k
      from learning_requests lr
      join insights_people a on a.user_id = lr.asker_id join insights_people x on x.user_id = lr.expert_id
      where lr.workspace_id = ${workspaceId} and lr.status = 'accepted' and lr.answered_at >= ${span.from}
        and lr.answered_at < ${span.to}
    ) c
    where a <> b and a >> 32 <> 0 and b >> 32 <> 0`.execute(db);
  await sql`create temp table insights_w_tie_people on commit drop as
    select k, user_id, team from insights_people where workspace_id = ${workspaceId} and team is not null`.execute(db);
  await sql`analyze insights_w_ties`.execute(db);
  await sql`analyze insights_w_tie_people`.execute(db);
  // The team's rank is the key's upper half: the lesser team first, inside one team the lesser id.
  await sql`create temp table insights_w_tie_rows on commit drop as
    with joined as (
      select a.user_id as ua, a.team as ta, b.user_id as ub, b.team as tb,
        t.a >> 32 > t.b >> 32 or (t.a >> 32 = t.b >> 32 and a.user_id > b.user_id) as swap
      from insights_w_ties t
      join insights_w_tie_people a on a.k = t.a join insights_w_tie_people b on b.k = t.b
    )
    select case when swap then ub else ua end as person_a, case when swap then ua else ub end as person_b,
      case when swap then tb else ta end as team_a, case when swap then ta else tb end as team_b
    from joined`.execute(db);
  await sql`create temp table insights_w_tie_people_rows on commit drop as
    select person_a as user_id, team_a as team from insights_w_tie_rows
    union select person_b, team_b from insights_w_tie_rows`.execute(db);
  await replaceKeptRows(db, workspaceId, 'insights_window_ties', 'insights_w_tie_rows');
  await replaceKeptRows(db, workspaceId, 'insights_window_tie_people', 'insights_w_tie_people_rows');
}
