import type { Db } from '../../db/database.ts';
import { countChannelCelebrations, findCelebrants } from '../../db/queries/celebration-profiles.ts';
import { monthDaysAround, type Occasion, upcomingOccasions } from './occasions.ts';
import { celebrantFromRow } from './plan-posts.ts';
import { type CelebrationProfile, loadCelebrationProfile } from './profiles.ts';
import { type CelebrationSettings, loadCelebrationSettings } from './settings.ts';

export interface CelebrationsHomeSummary {
  profile: CelebrationProfile | undefined;
  /** Admins only. */
  admin:
    | {
        settings: CelebrationSettings;
        /** Public (channel) occasions in the next 30 days, soonest first. */
        upcoming: Occasion[];
        /** Occasions in the window people keep private (DM only): counted, never named to admins. */
        privateCount: number;
        /** Birthdays and anniversaries people want posted in the channel while no channel is set. */
        waitingForChannel: number;
      }
    | undefined;
}

export const upcomingDays = 30;

export async function celebrationsHomeSummary(
  db: Db,
  input: { workspaceId: string; userId: string; isAdmin: boolean; now: Date },
): Promise<CelebrationsHomeSummary> {
  const profile = await loadCelebrationProfile(db, input.workspaceId, input.userId);
  if (!input.isAdmin) return { profile, admin: undefined };
  const settings = await loadCelebrationSettings(db, input.workspaceId);
  const monthDays = monthDaysAround(input.now, 4, upcomingDays + 4);
  const people = (await findCelebrants(db, input.workspaceId, monthDays)).map(celebrantFromRow);
  const all = upcomingOccasions(people, settings, input.now, upcomingDays);
  return {
    profile,
    admin: {
      settings,
      upcoming: all.filter((o) => o.visibility === 'channel'),
      privateCount: all.filter((o) => o.visibility !== 'channel').length,
      waitingForChannel: settings.channelId ? 0 : await countChannelCelebrations(db, input.workspaceId),
    },
  };
}
