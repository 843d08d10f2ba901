import type { ScheduledWork } from '../src/domain/schedules/scheduled-work.ts';
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
export function celebrationSchedules(rows: ScheduledWork['celebrations']): CelebrationSchedule[] {
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
