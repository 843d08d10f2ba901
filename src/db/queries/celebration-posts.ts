import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { CelebrationPostRow, CelebrationPostStatus, CelebrationPostsTable } from '../schema-celebrations.ts';

type Executor = Kysely<Database>;

/** Serialises one workspace's planning for the rest of the transaction (released at commit). */
export async function lockCelebrationPlanning(trx: Executor, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`celebrations:${workspaceId}`}, 0))`.execute(trx);
}

export async function findPostKeys(db: Executor, workspaceId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('celebration_posts')
    .select(['user_id', 'occasion', 'occasion_year'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', [...new Set(userIds)])
    .execute();
  return new Set(rows.map((r) => `${r.user_id}|${r.occasion}|${r.occasion_year}`));
}

export async function countChannelBatchesAt(db: Executor, workspaceId: string, moment: Date): Promise<number> {
  const row = await db
    .selectFrom('celebration_posts')
    .select(sql<number>`count(distinct send_key)::int`.as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('moment', '=', moment)
    .where('delivery', '=', 'channel')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertCelebrationPosts(
  db: Executor,
  rows: Array<Omit<Selectable<CelebrationPostsTable>, 'status' | 'message_ts' | 'error' | 'posted_at'>>,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('celebration_posts')
    .values(rows.map((r) => ({ ...r, status: 'pending' as const })))
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id', 'occasion', 'occasion_year']).doNothing())
    .execute();
}

export async function findPendingPosts(db: Executor, workspaceId: string): Promise<CelebrationPostRow[]> {
  return await db
    .selectFrom('celebration_posts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'pending')
    .orderBy('moment')
    .orderBy('send_key')
    .orderBy('occasion')
    .orderBy('user_id')
    .limit(1000)
    .execute();
}

export async function finishPosts(
  db: Executor,
  workspaceId: string,
  where: { sendKey: string; userIds?: string[] },
  outcome: { status: Exclude<CelebrationPostStatus, 'pending'>; ts?: string; error?: string; at: Date },
): Promise<void> {
  let query = db
    .updateTable('celebration_posts')
    .set({
      status: outcome.status,
      message_ts: outcome.ts ?? null,
      error: outcome.error ?? null,
      posted_at: outcome.status === 'posted' ? outcome.at : null,
    })
    .where('workspace_id', '=', workspaceId)
    .where('send_key', '=', where.sendKey)
    .where('status', '=', 'pending');
  if (where.userIds) {
    if (where.userIds.length === 0) return;
    query = query.where('user_id', 'in', where.userIds);
  }
  await query.execute();
}

export async function deleteCelebrationPosts(db: Executor, workspaceId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .deleteFrom('celebration_posts')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
}

export async function countPostedBetween(
  db: Executor,
  workspaceId: string,
  from: Date,
  to: Date,
): Promise<{ birthdays: number; anniversaries: number }> {
  const rows = await db
    .selectFrom('celebration_posts')
    .select(['occasion', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'posted')
    .where('delivery', '=', 'channel')
    .where('posted_at', '>=', from)
    .where('posted_at', '<', to)
    .groupBy('occasion')
    .execute();
  const n = (occasion: string) => Number(rows.find((r) => r.occasion === occasion)?.n ?? 0);
  return { birthdays: n('birthday'), anniversaries: n('anniversary') };
}
