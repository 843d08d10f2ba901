import type { Db } from '../../db/database.ts';
import { loadKudosSettings } from '../../domain/kudos/settings.ts';
import type { Clock } from '../../observability/clock.ts';

/**
 * How long a web process trusts the kudos emoji it read. Every reaction anywhere the bot is reaches Nudge, and
 * almost none is the kudos emoji: without this, each costs a settings read. A change made through this process
 * shows at once; one made through another web process shows within this time (the worker checks again).
 */
const kudosEmojiCacheMillis = 10_000;

/** The workspace's kudos emoji, as the reaction listeners need it on every reaction event. */
export interface KudosEmojiLookup {
  emojiOf(workspaceId: string): Promise<string>;
  /** Drops what is known of a workspace (its settings just changed, or it was uninstalled). */
  forget(workspaceId: string): void;
}

export function kudosEmojiLookup(deps: { db: Db; clock: Clock }): KudosEmojiLookup {
  const known = new Map<string, { emoji: string; until: number }>();
  return {
    async emojiOf(workspaceId) {
      const now = deps.clock.now().getTime();
      const cached = known.get(workspaceId);
      if (cached && cached.until > now) return cached.emoji;
      const { emoji } = await loadKudosSettings(deps.db, workspaceId);
      known.set(workspaceId, { emoji, until: now + kudosEmojiCacheMillis });
      return emoji;
    },
    forget(workspaceId) {
      known.delete(workspaceId);
    },
  };
}
