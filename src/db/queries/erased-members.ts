import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** What every erased person's tombstone id starts with (`src/domain/privacy/tombstone.ts` makes them). */
export const tombstonePrefix = 'UERASED';

type Executor = Kysely<Database>;

/** How an erased person's user id is kept: a digest that recognises them again but does not say who they were. */
export function erasedUserDigest(workspaceId: string, userId: string): string {
  return createHash('sha256').update(`${workspaceId}:${userId}`).digest('hex');
}

export async function findErasure(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<{ tombstone_id: string; erased_at: Date } | undefined> {
  return await db
    .selectFrom('erased_members')
    .select(['tombstone_id', 'erased_at'])
    .where('workspace_id', '=', workspaceId)
    .where('user_digest', '=', erasedUserDigest(workspaceId, userId))
    .executeTakeFirst();
}

/** Inserts the erasure; false when the person was already erased (a concurrent erase got there first). */
export async function insertErasure(
  db: Executor,
  input: { workspaceId: string; userId: string; tombstoneId: string; erasedAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('erased_members')
    .values({
      workspace_id: input.workspaceId,
      user_digest: erasedUserDigest(input.workspaceId, input.userId),
      tombstone_id: input.tombstoneId,
      erased_at: input.erasedAt,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_digest']).doNothing())
    .returning('tombstone_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The user ids among `userIds` that were erased in this workspace, so the directory never stores them again. */
export async function erasedUserIds(db: Executor, workspaceId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const byDigest = new Map(userIds.map((id) => [erasedUserDigest(workspaceId, id), id]));
  const rows = await db
    .selectFrom('erased_members')
    .select('user_digest')
    .where('workspace_id', '=', workspaceId)
    .where('user_digest', 'in', [...byDigest.keys()])
    .execute();
  return new Set(rows.map((r) => byDigest.get(r.user_digest) as string));
}
