import type { Db } from '../../db/database.ts';
import { countGiven } from '../../db/queries/kudos.ts';
import {
  findLatestReceived,
  findPersonTotals,
  findReciprocalPairs,
  findTopValuesReceived,
} from '../../db/queries/kudos-summaries.ts';
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
  const person = { workspaceId, userId };
  const totals = await findPersonTotals(db, person, { week, month });
  const total = (board: string, period: string) =>
    totals.find((t) => t.board === board && t.period === period)?.total ?? 0;
  const allowanceWindow = periodWindow(now, timeZone, settings.allowancePeriod);
  const used = await countGiven(db, workspaceId, userId, allowanceWindow.start, allowanceWindow.end);

  const topValues = await findTopValuesReceived(db, person, 3);
  const latest = await findLatestReceived(db, person, 3);

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
  const rows = await findReciprocalPairs(db, workspaceId, since, reciprocityThreshold);
  return rows.map((r) => ({ a: r.a, b: r.b, aToB: r.a_to_b, bToA: r.b_to_a }));
}
