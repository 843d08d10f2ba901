import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

/** Returns true for the first delivery of an event; Slack's retries of the same event_id get false. */
export async function claimEvent(db: Executor, workspaceId: string, eventId: string, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('processed_events')
    .values({ workspace_id: workspaceId, event_id: eventId, received_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Gives a claim back when handling failed, so Slack's next retry can try again. */
export async function releaseEvent(db: Executor, workspaceId: string, eventId: string): Promise<void> {
  await db
    .deleteFrom('processed_events')
    .where('workspace_id', '=', workspaceId)
    .where('event_id', '=', eventId)
    .execute();
}
