import type { Db } from '../../db/database.ts';
import { countPostedBetween } from '../../db/queries/celebration-posts.ts';
import { findCelebrationsBetween } from '../../db/queries/celebrations.ts';
import { countKudosBetween, findTopRecipientsBetween } from '../../db/queries/kudos-summaries.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import { zonedParts } from '../time/zoned-time.ts';
import { formatDate } from './occasions.ts';

export interface WeeklyWins {
  /** The local date (workspace time zone) the digest is for; part of its send key. */
  date: string;
  shipped: Array<{ title: string; url: string | null; contributorIds: string[] }>;
  birthdays: number;
  anniversaries: number;
  kudos: { count: number; givers: number; topRecipients: Array<{ userId: string; count: number }> };
}

const weekMillis = 7 * 24 * 3600_000;

/** The last seven days up to `now`: shipped projects, public birthdays and anniversaries, and kudos in numbers. */
export async function weeklyWins(db: Db, input: { workspaceId: string; now: Date }): Promise<WeeklyWins> {
  const from = new Date(input.now.getTime() - weekMillis);
  const timeZone = (await findWorkspace(db, input.workspaceId))?.time_zone ?? 'UTC';
  const local = zonedParts(input.now, timeZone);
  const shipped = await findCelebrationsBetween(db, input.workspaceId, from, input.now);
  const occasions = await countPostedBetween(db, input.workspaceId, from, input.now);
  const totals = await countKudosBetween(db, input.workspaceId, from, input.now);
  const top = await findTopRecipientsBetween(db, input.workspaceId, from, input.now, 3);
  return {
    date: formatDate({ year: local.year, month: local.month, day: local.day }),
    shipped: shipped.map((c) => ({ title: c.title, url: c.url, contributorIds: c.contributor_ids })),
    birthdays: occasions.birthdays,
    anniversaries: occasions.anniversaries,
    kudos: {
      count: Number(totals.count),
      givers: Number(totals.givers),
      topRecipients: top.map((t) => ({ userId: t.recipient_id, count: Number(t.n) })),
    },
  };
}
