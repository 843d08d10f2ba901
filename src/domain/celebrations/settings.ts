import type { Db } from '../../db/database.ts';
import { findCelebrationSettings } from '../../db/queries/celebration-settings.ts';
import type { WeekendRule } from '../../db/schema-celebrations.ts';

export interface CelebrationSettings {
  /** Birthdays and anniversaries people chose to share are posted here; none without it. */
  channelId: string | null;
  /** Paused: no birthday or anniversary posts or DMs, and no weekly digest. Shipped celebrations still post. */
  paused: boolean;
  postHour: number;
  weekendRule: WeekendRule;
  digestChannelId: string | null;
  /** 1 = Monday … 7 = Sunday, in the workspace time zone. */
  digestWeekday: number;
  digestHour: number;
  hasWebhookSecret: boolean;
}

export const defaultCelebrationSettings: Readonly<CelebrationSettings> = Object.freeze({
  channelId: null,
  paused: false,
  postHour: 9,
  weekendRule: 'friday',
  digestChannelId: null,
  digestWeekday: 5,
  digestHour: 16,
  hasWebhookSecret: false,
});

export const weekendRules: WeekendRule[] = ['friday', 'monday', 'keep'];

export async function loadCelebrationSettings(db: Db, workspaceId: string): Promise<CelebrationSettings> {
  const row = await findCelebrationSettings(db, workspaceId);
  if (!row) return { ...defaultCelebrationSettings };
  return {
    channelId: row.channel_id,
    paused: row.paused,
    postHour: row.post_hour,
    weekendRule: row.weekend_rule,
    digestChannelId: row.digest_channel_id,
    digestWeekday: row.digest_weekday,
    digestHour: row.digest_hour,
    hasWebhookSecret: row.webhook_secret_sealed !== null,
  };
}
