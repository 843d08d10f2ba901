import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

export async function findKeepInTouchPerson(db: Executor, workspaceId: string, userId: string) {
  return await db
    .selectFrom('keep_in_touch_people')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Choosing to keep in touch with someone turns reminders on (again). */
export async function upsertOptedIn(db: Executor, workspaceId: string, userId: string, now: Date): Promise<void> {
  await db
    .insertInto('keep_in_touch_people')
    .values({ workspace_id: workspaceId, user_id: userId, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ opted_out_at: null, updated_at: now }))
    .execute();
}

export async function upsertOptedOut(db: Executor, workspaceId: string, userId: string, now: Date): Promise<void> {
  await db
    .insertInto('keep_in_touch_people')
    .values({ workspace_id: workspaceId, user_id: userId, opted_out_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ opted_out_at: now, updated_at: now }))
    .execute();
}

/**
 * Records the weekly DM, only if the last one is still the one it followed (`since`, null for the first): a retried or
 * raced job records once.
 */
export async function markReconnectSent(
  db: Executor,
  input: { workspaceId: string; userId: string; since: Date | null; sentAt: Date },
): Promise<boolean> {
  if (input.since === null) {
    const inserted = await db
      .insertInto('keep_in_touch_people')
      .values({
        workspace_id: input.workspaceId,
        user_id: input.userId,
        last_reconnect_at: input.sentAt,
        updated_at: input.sentAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'user_id'])
          .doUpdateSet({ last_reconnect_at: input.sentAt, updated_at: input.sentAt })
          .where('keep_in_touch_people.last_reconnect_at', 'is', null),
      )
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const result = await db
    .updateTable('keep_in_touch_people')
    .set({ last_reconnect_at: input.sentAt, updated_at: input.sentAt })
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId)
    .where('last_reconnect_at', '=', input.since)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
