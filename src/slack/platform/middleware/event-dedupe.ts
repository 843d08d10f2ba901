import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Db } from '../../../db/database.ts';
import { claimEvent, releaseEvent } from '../../../domain/delivery/processed-events.ts';
import type { Clock } from '../../../observability/clock.ts';
import type { Logger } from '../../../observability/logger.ts';
import { workspaceOf } from '../context.ts';

/**
 * Events whose handling is already keyed so that a second copy changes nothing: a reaction's give is keyed by
 * channel, message and giver (job id and request key), its removal revokes by that same key, and opening the
 * Home queues one job per event_id and would only publish the same view again, and a user_change writes only
 * what differs from the directory row, so its second copy finds nothing to write. They are also by far the
 * busiest events (every reaction anywhere the bot is, almost none of them the kudos emoji; every profile and
 * status edit in the workspace): a claim would cost each one a Postgres insert for nothing.
 */
const eventsKeyedByTheirHandlers: ReadonlySet<string> = new Set([
  'reaction_added',
  'reaction_removed',
  'app_home_opened',
  'user_change',
]);

/**
 * Slack retries an event it thinks we missed (X-Slack-Retry-Num, same event_id). The first delivery claims
 * the event_id in Postgres; every later copy stops here. A handler that fails gives its claim back, so a
 * retry can still do the work. Events whose handlers are idempotent on their own (above) skip the claim.
 */
export function eventDedupeMiddleware(deps: { db: Db; clock: Clock; logger: Logger }): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const envelope = body as { type?: string; event_id?: string; event?: { type?: string } };
    if (
      envelope.type !== 'event_callback' ||
      !envelope.event_id ||
      eventsKeyedByTheirHandlers.has(envelope.event?.type ?? '')
    ) {
      await next();
      return;
    }
    const workspaceId = workspaceOf(context);
    const eventId = envelope.event_id;
    const first = await claimEvent(deps.db, workspaceId, eventId, deps.clock.now());
    if (!first) {
      deps.logger.debug({ workspaceId, eventId, retryNum: context.retryNum }, 'duplicate event ignored');
      return;
    }
    try {
      await next();
    } catch (error) {
      await releaseEvent(deps.db, workspaceId, eventId).catch(() => {});
      throw error;
    }
  };
}
