import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { CelebrationRow, CelebrationSource } from '../schema-celebrations.ts';

type Executor = Kysely<Database>;

export async function findCelebration(
  db: Executor,
  workspaceId: string,
  celebrationId: string,
): Promise<CelebrationRow | undefined> {
  return await db
    .selectFrom('celebrations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', celebrationId)
    .executeTakeFirst();
}

export async function findCelebrationByRequestKey(
  db: Executor,
  workspaceId: string,
  requestKey: string,
): Promise<CelebrationRow | undefined> {
  return await db
    .selectFrom('celebrations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('request_key', '=', requestKey)
    .executeTakeFirst();
}

/** Inserts unless the request key is taken; returns the new id, or undefined for a duplicate. */
export async function insertCelebration(
  db: Executor,
  row: {
    workspaceId: string;
    title: string;
    url: string | null;
    channelId: string;
    contributorIds: string[];
    createdBy: string | null;
    source: CelebrationSource;
    requestKey: string;
    createdAt: Date;
  },
): Promise<string | undefined> {
  const inserted = await db
    .insertInto('celebrations')
    .values({
      workspace_id: row.workspaceId,
      title: row.title,
      url: row.url,
      channel_id: row.channelId,
      contributor_ids: JSON.stringify(row.contributorIds),
      created_by: row.createdBy,
      source: row.source,
      request_key: row.requestKey,
      created_at: row.createdAt,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'request_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function markCelebrationPosted(
  db: Executor,
  workspaceId: string,
  celebrationId: string,
  post: { channelId: string; ts: string; at: Date },
): Promise<void> {
  await db
    .updateTable('celebrations')
    .set({ post_channel_id: post.channelId, post_ts: post.ts, posted_at: post.at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', celebrationId)
    .execute();
}

export async function markCelebrationFailed(
  db: Executor,
  workspaceId: string,
  celebrationId: string,
  failure: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('celebrations')
    .set({ failed_at: at, failure })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', celebrationId)
    .where('posted_at', 'is', null)
    .execute();
}

/** Celebrations recorded but not posted (their job was lost): the tick re-enqueues them. */
export async function findUnpostedCelebrationIds(
  db: Executor,
  workspaceId: string,
  createdBefore: Date,
  createdAfter: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('celebrations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('posted_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('created_at', '<', createdBefore)
    .where('created_at', '>=', createdAfter)
    .limit(100)
    .execute();
  return rows.map((r) => r.id);
}

export async function findCelebrationsBetween(
  db: Executor,
  workspaceId: string,
  from: Date,
  to: Date,
): Promise<CelebrationRow[]> {
  return await db
    .selectFrom('celebrations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('posted_at', 'is not', null)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .orderBy('created_at')
    .limit(40)
    .execute();
}

/** Remembers an accepted signature; false when it was already seen (a replay). */
export async function rememberWebhookSignature(
  db: Executor,
  workspaceId: string,
  signature: string,
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto('celebration_webhook_signatures')
    .values({ workspace_id: workspaceId, signature, received_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'signature']).doNothing())
    .returning('signature')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function pruneWebhookSignatures(db: Executor, workspaceId: string, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('celebration_webhook_signatures')
    .where('workspace_id', '=', workspaceId)
    .where('received_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A person who left is removed from the contributor lists of past celebrations. */
export async function removeContributors(db: Executor, workspaceId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const ids = sql`${userIds}::text[]`;
  await db
    .updateTable('celebrations')
    .set({ contributor_ids: sql`contributor_ids - ${ids}` })
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`contributor_ids ?| ${ids}`)
    .execute();
}
