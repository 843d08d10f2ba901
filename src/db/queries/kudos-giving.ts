import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, KudosSource } from '../schema.ts';
import { notRevoked, type TotalsDelta, totalsRows } from './kudos.ts';

type Executor = Kysely<Database>;

/**
 * The two statements of a give inside its transaction (after the giver's lock): one reads everything the
 * rules need, one writes the gift, its ledger rows and the running totals. A give is on every kudos path, so
 * each saved round trip to Postgres counts.
 */

export interface GivingTally {
  /** The gift this request already recorded (a double submit), if any. */
  previousGiftId: string | null;
  /** Kudos the giver has given in the allowance window (not taken back). */
  used: number;
  /** Kudos the giver has given each of these recipients this week. */
  pairCounts: Map<string, number>;
}

export async function givingTally(
  trx: Executor,
  input: {
    workspaceId: string;
    giverId: string;
    requestKey: string;
    recipientIds: string[];
    allowance: { start: Date; end: Date };
    week: { start: Date; end: Date };
  },
): Promise<GivingTally> {
  const { workspaceId, giverId } = input;
  // `in ()` is not SQL; no recipient can be named '' (the caller refuses an empty list before this).
  const recipients = input.recipientIds.length > 0 ? input.recipientIds : [''];
  const given = (from: Date, to: Date) =>
    trx
      .selectFrom('kudos')
      .where('workspace_id', '=', workspaceId)
      .where('giver_id', '=', giverId)
      .where('given_at', '>=', from)
      .where('given_at', '<', to)
      .where(notRevoked);
  const row = await trx
    .selectNoFrom((eb) => [
      eb
        .selectFrom('kudos_gifts')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('request_key', '=', input.requestKey)
        .as('previous_gift_id'),
      given(input.allowance.start, input.allowance.end)
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('used'),
      sql<Record<string, string> | null>`(select jsonb_object_agg(t.recipient_id, t.n) from (${given(
        input.week.start,
        input.week.end,
      )
        .where('recipient_id', 'in', recipients)
        .select(['recipient_id', (e) => e.fn.countAll().as('n')])
        .groupBy('recipient_id')}) t)`.as('pair_counts'),
    ])
    .executeTakeFirstOrThrow();
  return {
    previousGiftId: row.previous_gift_id ?? null,
    used: Number(row.used ?? 0),
    pairCounts: new Map(Object.entries(row.pair_counts ?? {}).map(([id, n]) => [id, Number(n)])),
  };
}

export interface NewGift {
  workspaceId: string;
  giverId: string;
  requestKey: string;
  source: KudosSource;
  reason: string;
  value: string | null;
  channelId: string | null;
  messageLink: string | null;
  sourceTs: string | null;
  givenAt: Date;
}

/**
 * Writes a gift, one ledger row per recipient and the running totals in one statement (data-modifying CTEs;
 * the gift id is made here so the ledger rows need not wait for it). Returns the gift id.
 */
export async function recordGift(
  trx: Executor,
  gift: NewGift,
  recipients: Array<{ recipientId: string; giverTeam: string | null; recipientTeam: string | null }>,
  totals: TotalsDelta[],
): Promise<string> {
  const id = randomUUID();
  await trx
    .with('gift', (db) =>
      db
        .insertInto('kudos_gifts')
        .values({
          id,
          workspace_id: gift.workspaceId,
          giver_id: gift.giverId,
          request_key: gift.requestKey,
          source: gift.source,
          reason: gift.reason,
          kudos_value: gift.value,
          channel_id: gift.channelId,
          message_link: gift.messageLink,
          source_ts: gift.sourceTs,
          given_at: gift.givenAt,
        })
        .returning('id'),
    )
    .with('ledger', (db) =>
      db
        .insertInto('kudos')
        .values(
          recipients.map((r) => ({
            workspace_id: gift.workspaceId,
            gift_id: id,
            giver_id: gift.giverId,
            recipient_id: r.recipientId,
            kudos_value: gift.value,
            giver_team: r.giverTeam,
            recipient_team: r.recipientTeam,
            given_at: gift.givenAt,
          })),
        )
        .returning('id'),
    )
    .insertInto('kudos_totals')
    .values(totalsRows(gift.workspaceId, totals))
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'board', 'period', 'period_start', 'user_id'])
        .doUpdateSet((eb) => ({ total: eb('kudos_totals.total', '+', eb.ref('excluded.total')) })),
    )
    .execute();
  return id;
}
