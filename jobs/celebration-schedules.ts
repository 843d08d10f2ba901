import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';
import { workspaceSchedulerPrefix } from './contracts.ts';

export interface CelebrationSchedule {
  id: string;
  name: 'celebrations.tick' | 'celebrations.digest';
  data: { workspaceId: string };
  repeat: { pattern: string; tz: string };
}

/**
 * Celebrations' schedulers, derived from Postgres. The tick runs every 15 minutes (so a posting hour lands on
 * time in half- and quarter-hour zones too) for every active workspace that has something to celebrate or to
 * finish: settings not paused, anyone with a date they want celebrated, or a shipped celebration not yet posted.
 * The weekly digest runs at its local day and hour in the workspace time zone.
 */
export async function celebrationSchedules(db: Db): Promise<CelebrationSchedule[]> {
  const rows = await db
    .selectFrom('workspaces as w')
    .leftJoin('celebration_settings as s', 's.workspace_id', 'w.id')
    .select([
      'w.id',
      'w.time_zone',
      's.paused',
      's.digest_channel_id',
      's.digest_weekday',
      's.digest_hour',
      sql<boolean>`exists (select 1 from celebration_profiles p where p.workspace_id = w.id
        and ((p.birthday_month is not null and p.birthday_visibility <> 'none')
          or (p.start_date is not null and p.anniversary_visibility <> 'none')))`.as('has_dates'),
      sql<boolean>`exists (select 1 from celebrations c where c.workspace_id = w.id
        and c.posted_at is null and c.failed_at is null)`.as('has_unposted'),
      sql<boolean>`exists (select 1 from celebration_posts cp where cp.workspace_id = w.id
        and cp.status = 'pending')`.as('has_pending'),
    ])
    .where('w.status', '=', 'active')
    .execute();
  const schedules: CelebrationSchedule[] = [];
  for (const w of rows) {
    const prefix = workspaceSchedulerPrefix(w.id);
    const configured = w.paused === false;
    if (configured || w.has_dates || w.has_unposted || w.has_pending) {
      schedules.push({
        id: `${prefix}celebrations.tick`,
        name: 'celebrations.tick',
        data: { workspaceId: w.id },
        repeat: { pattern: '*/15 * * * *', tz: 'UTC' },
      });
    }
    if (w.paused === false && w.digest_channel_id && w.digest_weekday !== null && w.digest_hour !== null) {
      schedules.push({
        id: `${prefix}celebrations.digest`,
        name: 'celebrations.digest',
        data: { workspaceId: w.id },
        // Cron counts Sunday as 0; settings use ISO weekdays (7 = Sunday).
        repeat: { pattern: `0 ${w.digest_hour} * * ${w.digest_weekday % 7}`, tz: w.time_zone },
      });
    }
  }
  return schedules;
}
