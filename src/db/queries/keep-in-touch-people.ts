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
          .doUpdateSet({ last_reconnect_at: input.sentAt, reconnect_claim_day: null, updated_at: input.sentAt })
          .where('keep_in_touch_people.last_reconnect_at', 'is', null),
      )
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const result = await db
    .updateTable('keep_in_touch_people')
    .set({ last_reconnect_at: input.sentAt, reconnect_claim_day: null, updated_at: input.sentAt })
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId)
    .where('last_reconnect_at', '=', input.since)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Takes the right to post the weekly DM that follows `since` (null for the first) for the job of `day`: only while
 * that DM is still owed and no job of another day holds it, so two days' jobs running at once post it once. The
 * same day's job (a retry) takes it again.
 */
export async function claimReconnect(
  db: Executor,
  input: { workspaceId: string; userId: string; since: Date | null; day: string; now: Date },
): Promise<boolean> {
  const claimed = await db
    .insertInto('keep_in_touch_people')
    .values({
      workspace_id: input.workspaceId,
      user_id: input.userId,
      reconnect_claim_day: input.day,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'user_id'])
        .doUpdateSet({ reconnect_claim_day: input.day, updated_at: input.now })
        .where('keep_in_touch_people.opted_out_at', 'is', null)
        .where('keep_in_touch_people.last_reconnect_at', 'is not distinct from', input.since)
        .where((eb) =>
          eb.or([
            eb('keep_in_touch_people.reconnect_claim_day', 'is', null),
            eb('keep_in_touch_people.reconnect_claim_day', '=', input.day),
          ]),
        ),
    )
    .executeTakeFirst();
  return Number(claimed.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Gives the claim back when the post failed, so a later day's job may send the DM. */
export async function releaseReconnectClaim(
  db: Executor,
  input: { workspaceId: string; userId: string; day: string },
): Promise<void> {
  await db
    .updateTable('keep_in_touch_people')
    .set({ reconnect_claim_day: null })
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId)
    .where('reconnect_claim_day', '=', input.day)
    .execute();
}
