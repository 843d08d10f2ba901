import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

/** A kudos row counts while its gift has not been revoked. */
const liveKudos = sql<boolean>`not exists (select 1 from kudos_revocations r where r.gift_id = k.gift_id)`;

/** A person's running totals on the received and given boards for one week and one month. */
export async function findPersonTotals(
  db: Executor,
  key: { workspaceId: string; userId: string },
  periodStarts: { week: string; month: string },
): Promise<Array<{ board: string; period: string; total: number }>> {
  return await db
    .selectFrom('kudos_totals')
    .select(['board', 'period', 'total'])
    .where('workspace_id', '=', key.workspaceId)
    .where('user_id', '=', key.userId)
    .where('board', 'in', ['received', 'given'])
    .where((eb) =>
      eb.or([
        eb.and([eb('period', '=', 'week'), eb('period_start', '=', periodStarts.week)]),
        eb.and([eb('period', '=', 'month'), eb('period_start', '=', periodStarts.month)]),
      ]),
    )
    .execute();
}

/** The values a person was most often thanked for, most first. */
export async function findTopValuesReceived(
  db: Executor,
  key: { workspaceId: string; userId: string },
  limit: number,
): Promise<Array<{ kudos_value: string | null; n: number }>> {
  return await db
    .selectFrom('kudos as k')
    .select(['k.kudos_value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('k.workspace_id', '=', key.workspaceId)
    .where('k.recipient_id', '=', key.userId)
    .where('k.kudos_value', 'is not', null)
    .where(liveKudos)
    .groupBy('k.kudos_value')
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
}

export async function findLatestReceived(
  db: Executor,
  key: { workspaceId: string; userId: string },
  limit: number,
): Promise<Array<{ giver_id: string; reason: string; given_at: Date }>> {
  return await db
    .selectFrom('kudos as k')
    .innerJoin('kudos_gifts as g', 'g.id', 'k.gift_id')
    .select(['g.giver_id', 'g.reason', 'g.given_at'])
    .where('k.workspace_id', '=', key.workspaceId)
    .where('k.recipient_id', '=', key.userId)
    .where(liveKudos)
    .orderBy('k.given_at', 'desc')
    .limit(limit)
    .execute();
}

/** Pairs who thanked each other at least `threshold` times each way since `since`, busiest first. */
export async function findReciprocalPairs(
  db: Executor,
  workspaceId: string,
  since: Date,
  threshold: number,
): Promise<Array<{ a: string; b: string; a_to_b: number; b_to_a: number }>> {
  const result = await sql<{ a: string; b: string; a_to_b: number; b_to_a: number }>`
    with pairs as (
      select giver_id, recipient_id, count(*)::int as n
      from kudos k
      where k.workspace_id = ${workspaceId} and k.given_at >= ${since}
        and not exists (select 1 from kudos_revocations r where r.gift_id = k.gift_id)
      group by giver_id, recipient_id
    )
    select p.giver_id as a, p.recipient_id as b, p.n as a_to_b, q.n as b_to_a
    from pairs p join pairs q on q.giver_id = p.recipient_id and q.recipient_id = p.giver_id
    where p.giver_id < p.recipient_id and p.n >= ${threshold} and q.n >= ${threshold}
    order by p.n + q.n desc
    limit 10`.execute(db);
  return result.rows;
}

export interface KudosNumbers {
  kudos: number;
  givers: number;
  cross: number;
  known: number;
  new_pairs: number;
}

/** A period's kudos in numbers: count, givers, cross-team (of those with both teams known), first-ever pairs. */
export async function findKudosNumbersBetween(
  db: Executor,
  workspaceId: string,
  start: Date,
  end: Date,
): Promise<KudosNumbers | undefined> {
  const result = await sql<KudosNumbers>`
    with live as (
      select * from kudos k
      where k.workspace_id = ${workspaceId} and k.given_at >= ${start} and k.given_at < ${end}
        and not exists (select 1 from kudos_revocations r where r.gift_id = k.gift_id)
    )
    select count(*)::int as kudos,
           count(distinct giver_id)::int as givers,
           count(*) filter (where giver_team is not null and recipient_team is not null and giver_team <> recipient_team)::int as cross,
           count(*) filter (where giver_team is not null and recipient_team is not null)::int as known,
           (select count(*)::int from (select distinct giver_id, recipient_id from live) p
             where not exists (select 1 from kudos e where e.workspace_id = ${workspaceId}
               and e.giver_id = p.giver_id and e.recipient_id = p.recipient_id and e.given_at < ${start})) as new_pairs
    from live`.execute(db);
  return result.rows[0];
}

/** The values most given in a period, most first. */
export async function findTopValuesBetween(
  db: Executor,
  workspaceId: string,
  start: Date,
  end: Date,
  limit: number,
): Promise<Array<{ kudos_value: string | null; n: number }>> {
  return await db
    .selectFrom('kudos as k')
    .select(['k.kudos_value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('k.workspace_id', '=', workspaceId)
    .where('k.given_at', '>=', start)
    .where('k.given_at', '<', end)
    .where('k.kudos_value', 'is not', null)
    .where(liveKudos)
    .groupBy('k.kudos_value')
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
}

export async function countKudosBetween(
  db: Executor,
  workspaceId: string,
  start: Date,
  end: Date,
): Promise<{ count: number; givers: number }> {
  return await db
    .selectFrom('kudos as k')
    .select([(eb) => eb.fn.countAll<number>().as('count'), sql<number>`count(distinct k.giver_id)::int`.as('givers')])
    .where('k.workspace_id', '=', workspaceId)
    .where('k.given_at', '>=', start)
    .where('k.given_at', '<', end)
    .where(liveKudos)
    .executeTakeFirstOrThrow();
}

/** The people most thanked in a period, most first, then by user id. */
export async function findTopRecipientsBetween(
  db: Executor,
  workspaceId: string,
  start: Date,
  end: Date,
  limit: number,
): Promise<Array<{ recipient_id: string; n: number }>> {
  return await db
    .selectFrom('kudos as k')
    .select(['k.recipient_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('k.workspace_id', '=', workspaceId)
    .where('k.given_at', '>=', start)
    .where('k.given_at', '<', end)
    .where(liveKudos)
    .groupBy('k.recipient_id')
    .orderBy('n', 'desc')
    .orderBy('k.recipient_id')
    .limit(limit)
    .execute();
}

export async function deleteKudosTotals(db: Executor, workspaceId: string): Promise<void> {
  await db.deleteFrom('kudos_totals').where('workspace_id', '=', workspaceId).execute();
}

/** Recounts every board's totals from the ledger, in the workspace's time zone; weeks start on Monday. */
export async function insertKudosTotalsFromLedger(db: Executor, workspaceId: string): Promise<void> {
  await sql`
    with tz as (select time_zone from workspaces where id = ${workspaceId}),
    live as (
      select k.giver_id, k.recipient_id,
             (k.giver_team is not null and k.recipient_team is not null and k.giver_team <> k.recipient_team) as cross_team,
             (k.given_at at time zone (select time_zone from tz)) as local_time
      from kudos k
      where k.workspace_id = ${workspaceId}
        and not exists (select 1 from kudos_revocations r where r.gift_id = k.gift_id)
    ),
    periods as (
      select p.period, l.giver_id, l.recipient_id, l.cross_team,
             case when p.period = 'all' then date '1970-01-01' else date_trunc(p.period, l.local_time)::date end as period_start
      from live l cross join (values ('week'), ('month'), ('quarter'), ('year'), ('all')) as p(period)
    ),
    entries as (
      select 'received' as board, period, period_start, recipient_id as user_id from periods
      union all select 'given', period, period_start, giver_id from periods
      union all select 'cross-team', period, period_start, recipient_id from periods where cross_team
    )
    insert into kudos_totals (workspace_id, board, period, period_start, user_id, total)
    select ${workspaceId}, board, period, period_start, user_id, count(*)::int
    from entries group by board, period, period_start, user_id`.execute(db);
}
