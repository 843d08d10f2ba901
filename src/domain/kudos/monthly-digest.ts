import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import { zonedParts, zonedTimeToInstant } from '../time/zoned-time.ts';

export interface MonthlyDigest {
  /** YYYY-MM of the month summarised, in the workspace time zone. */
  month: string;
  kudos: number;
  givers: number;
  topValues: Array<{ value: string; count: number }>;
  /** Share of kudos whose giver and recipient are on different teams (of those where both teams are known). */
  crossTeamShare: number | null;
  /** Giver→recipient pairs whose first kudos ever was this month. */
  newConnections: number;
}

/** The calendar month before the one containing `now`, in the workspace's time zone. */
export function previousMonth(now: Date, timeZone: string): { key: string; start: Date; end: Date } {
  const p = zonedParts(now, timeZone);
  const year = p.month === 1 ? p.year - 1 : p.year;
  const month = p.month === 1 ? 12 : p.month - 1;
  return {
    key: `${year}-${String(month).padStart(2, '0')}`,
    start: zonedTimeToInstant({ year, month, day: 1 }, timeZone),
    end: zonedTimeToInstant({ year: p.year, month: p.month, day: 1 }, timeZone),
  };
}

export async function monthlyDigest(db: Db, input: { workspaceId: string; now: Date }): Promise<MonthlyDigest> {
  const timeZone = (await findWorkspace(db, input.workspaceId))?.time_zone ?? 'UTC';
  const month = previousMonth(input.now, timeZone);
  const result = await sql<{ kudos: number; givers: number; cross: number; known: number; new_pairs: number }>`
    with live as (
      select * from kudos k
      where k.workspace_id = ${input.workspaceId} and k.given_at >= ${month.start} and k.given_at < ${month.end}
        and not exists (select 1 from kudos_revocations r where r.gift_id = k.gift_id)
    )
    select count(*)::int as kudos,
           count(distinct giver_id)::int as givers,
           count(*) filter (where giver_team is not null and recipient_team is not null and giver_team <> recipient_team)::int as cross,
           count(*) filter (where giver_team is not null and recipient_team is not null)::int as known,
           (select count(*)::int from (select distinct giver_id, recipient_id from live) p
             where not exists (select 1 from kudos e where e.workspace_id = ${input.workspaceId}
               and e.giver_id = p.giver_id and e.recipient_id = p.recipient_id and e.given_at < ${month.start})) as new_pairs
    from live`.execute(db);
  const row = result.rows[0] ?? { kudos: 0, givers: 0, cross: 0, known: 0, new_pairs: 0 };
  const values = await db
    .selectFrom('kudos as k')
    .select(['k.kudos_value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('k.workspace_id', '=', input.workspaceId)
    .where('k.given_at', '>=', month.start)
    .where('k.given_at', '<', month.end)
    .where('k.kudos_value', 'is not', null)
    .where(sql<boolean>`not exists (select 1 from kudos_revocations r where r.gift_id = k.gift_id)`)
    .groupBy('k.kudos_value')
    .orderBy('n', 'desc')
    .limit(3)
    .execute();
  return {
    month: month.key,
    kudos: row.kudos,
    givers: row.givers,
    topValues: values.map((v) => ({ value: v.kudos_value ?? '', count: Number(v.n) })),
    crossTeamShare: row.known > 0 ? row.cross / row.known : null,
    newConnections: row.new_pairs,
  };
}
