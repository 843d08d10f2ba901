import { type Kysely, sql } from 'kysely';
import type { Database, SlackSend } from '../schema.ts';

type Executor = Kysely<Database>;

export async function findSend(db: Executor, workspaceId: string, key: string): Promise<SlackSend | undefined> {
  return await db
    .selectFrom('slack_sends')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export type Claim = { kind: 'claimed'; send: SlackSend } | { kind: 'sent'; send: SlackSend } | { kind: 'busy' };

/**
 * Takes the right to post under `key`: a new row, or an `attempted` row whose lease has run out. A `sent`
 * row is never claimed; a live lease means another sender is posting right now. The first attempt time is
 * kept, because it bounds the history search for a post that may have landed.
 */
export async function claimSend(
  db: Executor,
  row: { workspaceId: string; key: string; channelId: string },
  now: Date,
  leaseMillis: number,
): Promise<Claim> {
  const leaseUntil = new Date(now.getTime() + leaseMillis);
  const claimed = await db
    .insertInto('slack_sends')
    .values({
      workspace_id: row.workspaceId,
      idempotency_key: row.key,
      channel_id: row.channelId,
      status: 'attempted',
      attempts: 1,
      attempted_at: now,
      lease_until: leaseUntil,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'idempotency_key'])
        .doUpdateSet((eb) => ({ attempts: eb('slack_sends.attempts', '+', 1), lease_until: leaseUntil }))
        .where('slack_sends.status', '=', 'attempted')
        .where('slack_sends.lease_until', '<=', sql<Date>`${now}`),
    )
    .returningAll()
    .executeTakeFirst();
  if (claimed) return { kind: 'claimed', send: claimed };
  const existing = await findSend(db, row.workspaceId, row.key);
  if (existing?.status === 'sent') return { kind: 'sent', send: existing };
  return { kind: 'busy' };
}

/**
 * Ends a failed attempt's lease at once, so the job's retry need not wait for it to run out. When Slack
 * certainly did not post (a 429, a refusal), the attempt is uncounted, so the retry skips the history search.
 */
export async function releaseSend(
  db: Executor,
  row: { workspaceId: string; key: string; certainlyNotPosted: boolean },
  now: Date,
): Promise<void> {
  const { workspaceId, key } = row;
  await db
    .updateTable('slack_sends')
    .set((eb) => ({
      lease_until: now,
      attempts: row.certainlyNotPosted ? eb('slack_sends.attempts', '-', 1) : eb.ref('slack_sends.attempts'),
    }))
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', key)
    .where('status', '=', 'attempted')
    .execute();
}

/** The file Slack gave an upload under `key`, recorded before the upload is shared so a retry can look for it. */
export async function recordSendFile(
  db: Executor,
  row: { workspaceId: string; key: string; fileId: string },
): Promise<void> {
  await db
    .updateTable('slack_sends')
    .set({ file_id: row.fileId })
    .where('workspace_id', '=', row.workspaceId)
    .where('idempotency_key', '=', row.key)
    .where('status', '=', 'attempted')
    .execute();
}

export async function markSent(
  db: Executor,
  row: { workspaceId: string; key: string; channelId: string; ts: string; fileId?: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('slack_sends')
    .set({
      status: 'sent',
      message_ts: row.ts,
      channel_id: row.channelId,
      sent_at: now,
      ...(row.fileId ? { file_id: row.fileId } : {}),
    })
    .where('workspace_id', '=', row.workspaceId)
    .where('idempotency_key', '=', row.key)
    .execute();
}
