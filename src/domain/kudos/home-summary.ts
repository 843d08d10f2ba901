import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { countGiven } from '../../db/queries/kudos.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import { periodWindow } from '../time/periods.ts';
import type { KudosSettings } from './settings.ts';
import { periodStartKey } from './totals.ts';

export interface KudosHomeSummary {
  givenThisWeek: number;
  givenThisMonth: number;
  receivedThisWeek: number;
  receivedThisMonth: number;
  allowanceLeft: number;
  allowance: number;
  allowanceResetsAt: Date;
  topValues: Array<{ value: string; count: number }>;
  latest: Array<{ giverId: string; reason: string; givenAt: Date }>;
  /** Admins only: pairs trading kudos back and forth in the last 30 days. */
  reciprocity: Array<{ a: string; b: string; aToB: number; bToA: number }> | undefined;
}

const reciprocityWindowDays = 30;
const reciprocityThreshold = 3;

export async function kudosHomeSummary(
  db: Db,
  input: { workspaceId: string; userId: string; now: Date; settings: KudosSettings; isAdmin: boolean },
): Promise<KudosHomeSummary> {
  const { workspaceId, userId, now, settings } = input;
  const timeZone = (await findWorkspace(db, workspaceId))?.time_zone ?? 'UTC';
  const week = periodStartKey(now, timeZone, 'week');
  const month = periodStartKey(now, timeZone, 'month');
  const totals = await db
    .selectFrom('kudos_totals')
    .select(['board', 'period', 'total'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('board', 'in', ['received', 'given'])
    .where((eb) =>
      eb.or([
        eb.and([eb('period', '=', 'week'), eb('period_start', '=', week)]),
        eb.and([eb('period', '=', 'month'), eb('period_start', '=', month)]),
      ]),
    )
    .execute();
  const total = (board: string, period: string) =>
    totals.find((t) => t.board === board && t.period === period)?.total ?? 0;
  const allowanceWindow = periodWindow(now, timeZone, settings.allowancePeriod);
  const used = await countGiven(db, workspaceId, userId, allowanceWindow.start, allowanceWindow.end);

  const liveKudos = sql<boolean>`not exists (select 1 from kudos_revocations r where r.gift_id = k.gift_id)`;
  const topValues = await db
    .selectFrom('kudos as k')
    .select(['k.kudos_value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('k.workspace_id', '=', workspaceId)
    .where('k.recipient_id', '=', userId)
    .where('k.kudos_value', 'is not', null)
    .where(liveKudos)
    .groupBy('k.kudos_value')
    .orderBy('n', 'desc')
    .limit(3)
    .execute();
  const latest = await db
    .selectFrom('kudos as k')
    .innerJoin('kudos_gifts as g', 'g.id', 'k.gift_id')
    .select(['g.giver_id', 'g.reason', 'g.given_at'])
    .where('k.workspace_id', '=', workspaceId)
    .where('k.recipient_id', '=', userId)
    .where(liveKudos)
    .orderBy('k.given_at', 'desc')
    .limit(3)
    .execute();

  return {
    givenThisWeek: total('given', 'week'),
    givenThisMonth: total('given', 'month'),
    receivedThisWeek: total('received', 'week'),
    receivedThisMonth: total('received', 'month'),
    allowanceLeft: Math.max(0, settings.allowance - used),
    allowance: settings.allowance,
    allowanceResetsAt: allowanceWindow.end,
    topValues: topValues.map((v) => ({ value: v.kudos_value ?? '', count: Number(v.n) })),
    latest: latest.map((l) => ({ giverId: l.giver_id, reason: l.reason, givenAt: l.given_at })),
    reciprocity: input.isAdmin ? await reciprocityPairs(db, workspaceId, now) : undefined,
  };
}

/** People who keep thanking each other: both directions at or above the threshold within the window. */
async function reciprocityPairs(db: Db, workspaceId: string, now: Date) {
  const since = new Date(now.getTime() - reciprocityWindowDays * 24 * 3600 * 1000);
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
    where p.giver_id < p.recipient_id and p.n >= ${reciprocityThreshold} and q.n >= ${reciprocityThreshold}
    order by p.n + q.n desc
    limit 10`.execute(db);
  return result.rows.map((r) => ({ a: r.a, b: r.b, aToB: r.a_to_b, bToA: r.b_to_a }));
}
