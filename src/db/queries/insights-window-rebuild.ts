import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { countedPeople, type Span } from './insights-aggregates.ts';
import { type DepartmentIncrements, keptKudos, kudosPeriod } from './insights-windows.ts';

type Executor = Kysely<Database>;

/**
 * The windows' kept sets built whole, for the full recomputation (the update extends them with `addDepartmentKudos`
 * and `addTiesChangedSince`, and must end where these do). A year of a large workspace holds millions of kudos:
 * each is read once and joined to the people under integer keys, and the sets are aggregated as narrow rows, a
 * person's departments as a bit mask over the departments' ranks, instead of a row per person, department and day.
 */

/**
 * Kudos between departments over the window into the kept state, emptied before: kudos per period and pair of
 * departments, per giver the departments reached, per recipient the departments heard from. Returns per pair of
 * departments its givers and recipients, for `writeDepartmentKudos`.
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
    select p.user_id, (row_number() over ())::int as k, d.d, d.w, d.b
    from (${countedPeople(workspaceId)}) p join insights_w_departments d using (department)`.execute(db);
  await sql`analyze insights_w_kudos_people`.execute(db);
  // Read and joined once (materialised), then grouped three ways, each hash staying small: per period and pair of
  // departments, per giver and word (the departments reached), per recipient and word (the departments heard from).
  await sql`create temp table insights_w_kudos on commit drop as
    with kept as materialized (
      select g.k as giver, r.k as recipient, g.d as from_d, r.d as to_d, g.w as from_w, g.b as from_b, r.w as to_w,
        r.b as to_b, ${kudosPeriod(sql`k.given_at`, workspaceId, span.to, windowFrom)} as period
      from (${keptKudos(workspaceId, span)}) k
      join insights_w_kudos_people g on g.user_id = k.giver_id
      join insights_w_kudos_people r on r.user_id = k.recipient_id
    )
    select 'pair' as kind, period, from_d, to_d, count(*)::int as kudos, null::int as person, null::int as w,
        null::bigint as mask
      from kept group by period, from_d, to_d
    union all select 'giver', null, null, null, null, giver, to_w, bit_or(to_b) from kept group by giver, to_w
    union all select 'recipient', null, null, null, null, recipient, from_w, bit_or(from_b) from kept
      group by recipient, from_w`.execute(db);
  await sql`create index on insights_w_kudos (person, kind)`.execute(db);
  await sql`analyze insights_w_kudos`.execute(db);
  await sql`
    insert into insights_window_kudos (workspace_id, period, from_department, to_department, kudos)
    select ${workspaceId}, x.period, f.department, t.department, x.kudos
    from insights_w_kudos x
    join insights_w_departments f on f.d = x.from_d join insights_w_departments t on t.d = x.to_d
    where x.kind = 'pair'`.execute(db);
  const departmentsOf = (kind: string) => sql`array(select t.department
    from insights_w_kudos y join insights_w_departments t on t.w = y.w and y.mask & t.b <> 0
    where y.person = x.person and y.kind = ${kind} order by t.d)`;
  await sql`
    insert into insights_window_givers (workspace_id, giver_id, from_department, to_departments)
    select ${workspaceId}, p.user_id, d.department, ${departmentsOf('giver')}
    from (select person from insights_w_kudos where kind = 'giver' group by person) x
    join insights_w_kudos_people p on p.k = x.person join insights_w_departments d on d.d = p.d`.execute(db);
  await sql`
    insert into insights_window_recipients (workspace_id, recipient_id, to_department, from_departments)
    select ${workspaceId}, p.user_id, d.department, ${departmentsOf('recipient')}
    from (select person from insights_w_kudos where kind = 'recipient' group by person) x
    join insights_w_kudos_people p on p.k = x.person join insights_w_departments d on d.d = p.d`.execute(db);
  // Each giver counts once in every pair from their department to one they reached; each recipient likewise.
  const result = await sql<{ from_department: string; to_department: string; givers: number; recipients: number }>`
    with reached as (
      select p.d as from_d, t.d as to_d, 1 as givers, 0 as recipients
      from insights_w_kudos x join insights_w_kudos_people p on p.k = x.person
      join insights_w_departments t on t.w = x.w and x.mask & t.b <> 0
      where x.kind = 'giver'
      union all
      select f.d, p.d, 0, 1
      from insights_w_kudos x join insights_w_kudos_people p on p.k = x.person
      join insights_w_departments f on f.w = x.w and x.mask & f.b <> 0
      where x.kind = 'recipient'
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
