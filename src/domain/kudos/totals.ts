import type { TotalsDelta } from '../../db/queries/kudos.ts';
import type { KudosTotalsPeriod } from '../../db/schema.ts';
import { periodWindow } from '../time/periods.ts';
import { zonedParts } from '../time/zoned-time.ts';

export const totalsPeriods: KudosTotalsPeriod[] = ['week', 'month', 'quarter', 'year', 'all'];
const allTime = '1970-01-01';

/** The local start date (YYYY-MM-DD) of the period containing `instant`, the key of its running totals. */
export function periodStartKey(instant: Date, timeZone: string, period: KudosTotalsPeriod): string {
  if (period === 'all') return allTime;
  const start = zonedParts(periodWindow(instant, timeZone, period).start, timeZone);
  return `${start.year}-${String(start.month).padStart(2, '0')}-${String(start.day).padStart(2, '0')}`;
}

export interface KudosForTotals {
  giverId: string;
  recipientId: string;
  giverTeam: string | null;
  recipientTeam: string | null;
}

/** Derived counters touched by a set of kudos: +1 each when given, −1 each when revoked. */
export function totalsDeltas(kudos: KudosForTotals[], givenAt: Date, timeZone: string, sign: 1 | -1): TotalsDelta[] {
  const deltas: TotalsDelta[] = [];
  for (const period of totalsPeriods) {
    const periodStart = periodStartKey(givenAt, timeZone, period);
    for (const k of kudos) {
      deltas.push({ board: 'received', period, periodStart, userId: k.recipientId, delta: sign });
      deltas.push({ board: 'given', period, periodStart, userId: k.giverId, delta: sign });
      if (isCrossTeam(k)) deltas.push({ board: 'cross-team', period, periodStart, userId: k.recipientId, delta: sign });
    }
  }
  return mergeDeltas(deltas);
}

export function isCrossTeam(k: { giverTeam: string | null; recipientTeam: string | null }): boolean {
  return k.giverTeam !== null && k.recipientTeam !== null && k.giverTeam !== k.recipientTeam;
}

function mergeDeltas(deltas: TotalsDelta[]): TotalsDelta[] {
  const merged = new Map<string, TotalsDelta>();
  for (const d of deltas) {
    const key = `${d.board}|${d.period}|${d.periodStart}|${d.userId}`;
    const existing = merged.get(key);
    if (existing) existing.delta += d.delta;
    else merged.set(key, { ...d });
  }
  return [...merged.values()];
}
