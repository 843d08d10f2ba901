import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Db } from '../../db/database.ts';
import { claimEvent, releaseEvent } from '../../db/queries/processed-events.ts';
import type { Clock } from '../../observability/clock.ts';
import type { Logger } from '../../observability/logger.ts';
import { workspaceOf } from '../context.ts';

/**
 * Slack retries an event it thinks we missed (X-Slack-Retry-Num, same event_id). The first delivery claims
 * the event_id in Postgres; every later copy stops here. A handler that fails gives its claim back, so a
 * retry can still do the work.
 */
export function eventDedupeMiddleware(deps: { db: Db; clock: Clock; logger: Logger }): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const envelope = body as { type?: string; event_id?: string };
    if (envelope.type !== 'event_callback' || !envelope.event_id) {
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
