import type { Db } from '../../db/database.ts';
import { findKudosNumbersBetween, findTopValuesBetween } from '../../db/queries/kudos-summaries.ts';
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
  const row = (await findKudosNumbersBetween(db, input.workspaceId, month.start, month.end)) ?? {
    kudos: 0,
    givers: 0,
    cross: 0,
    known: 0,
    new_pairs: 0,
  };
  const values = await findTopValuesBetween(db, input.workspaceId, month.start, month.end, 3);
  return {
    month: month.key,
    kudos: row.kudos,
    givers: row.givers,
    topValues: values.map((v) => ({ value: v.kudos_value ?? '', count: Number(v.n) })),
    crossTeamShare: row.known > 0 ? row.cross / row.known : null,
    newConnections: row.new_pairs,
  };
}
