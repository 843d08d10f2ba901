import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * Recomputes a workspace's running totals from the ledger, e.g. after its time zone changed (period
 * boundaries move) or to repair drift. Weeks start on Monday, as in periodWindow.
 */
export async function rebuildKudosTotals(db: Db, workspaceId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('kudos_totals').where('workspace_id', '=', workspaceId).execute();
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
      from entries group by board, period, period_start, user_id`.execute(trx);
  });
}
