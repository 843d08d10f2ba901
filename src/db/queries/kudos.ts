import { type Kysely, sql } from 'kysely';
import type { Database, KudosBoardName, KudosSource, KudosTotalsPeriod } from '../schema.ts';
import { tombstonePrefix } from './erased-members.ts';

type Executor = Kysely<Database>;

/**
 * Serialises one giver's gifts for the rest of the transaction (a Postgres advisory lock, released at commit),
 * so parallel requests cannot both spend the last of an allowance.
 */
export async function lockGiver(trx: Executor, workspaceId: string, giverId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`kudos:${workspaceId}:${giverId}`}, 0))`.execute(trx);
}

/** A ledger row whose gift has not been taken back (undo, reaction removed). */
export const notRevoked = sql<boolean>`not exists (select 1 from kudos_revocations r where r.gift_id = kudos.gift_id)`;

export async function countGiven(
  trx: Executor,
  workspaceId: string,
  giverId: string,
  from: Date,
  to: Date,
): Promise<number> {
  const row = await trx
    .selectFrom('kudos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('giver_id', '=', giverId)
    .where('given_at', '>=', from)
    .where('given_at', '<', to)
    .where(notRevoked)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface GiftRow {
  id: string;
  giverId: string;
  recipientIds: string[];
  reason: string;
  value: string | null;
  channelId: string | null;
  messageLink: string | null;
  sourceTs: string | null;
  source: KudosSource;
  givenAt: Date;
  postChannelId: string | null;
  postTs: string | null;
  /** When its announcement finished (posted everything it was going to); null while it may still post. */
  announcedAt: Date | null;
  revoked: boolean;
}

async function giftRows(
  trx: Executor,
  workspaceId: string,
  where: { id?: string; requestKey?: string },
): Promise<GiftRow | undefined> {
  let query = trx
    .selectFrom('kudos_gifts as g')
    .leftJoin('kudos_revocations as r', 'r.gift_id', 'g.id')
    .select([
      'g.id',
      'g.giver_id',
      'g.reason',
      'g.kudos_value',
      'g.channel_id',
      'g.message_link',
      'g.source_ts',
      'g.source',
      'g.given_at',
      'g.post_channel_id',
      'g.post_ts',
      'g.announced_at',
      'r.gift_id as revoked_gift',
      sql<
        string[]
      >`(select coalesce(array_agg(k.recipient_id order by k.id), '{}') from kudos k where k.gift_id = g.id)`.as(
        'recipients',
      ),
    ])
    .where('g.workspace_id', '=', workspaceId);
  if (where.id) query = query.where('g.id', '=', where.id);
  if (where.requestKey) query = query.where('g.request_key', '=', where.requestKey);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    giverId: row.giver_id,
    recipientIds: row.recipients,
    reason: row.reason,
    value: row.kudos_value,
    channelId: row.channel_id,
    messageLink: row.message_link,
    sourceTs: row.source_ts,
    source: row.source,
    givenAt: row.given_at,
    postChannelId: row.post_channel_id,
    postTs: row.post_ts,
    announcedAt: row.announced_at,
    revoked: row.revoked_gift !== null,
  };
}

export async function findGift(db: Executor, workspaceId: string, giftId: string): Promise<GiftRow | undefined> {
  return await giftRows(db, workspaceId, { id: giftId });
}

export async function findGiftByRequestKey(
  db: Executor,
  workspaceId: string,
  requestKey: string,
): Promise<GiftRow | undefined> {
  return await giftRows(db, workspaceId, { requestKey });
}

/** The giver's most recent gift since `since` that has not been revoked. */
export async function findLatestLiveGift(
  trx: Executor,
  workspaceId: string,
  giverId: string,
  since: Date,
): Promise<string | undefined> {
  const row = await trx
    .selectFrom('kudos_gifts as g')
    .select('g.id')
    .where('g.workspace_id', '=', workspaceId)
    .where('g.giver_id', '=', giverId)
    .where('g.given_at', '>=', since)
    .where(sql<boolean>`not exists (select 1 from kudos_revocations r where r.gift_id = g.id)`)
    .orderBy('g.given_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function insertRevocation(
  trx: Executor,
  row: { workspaceId: string; giftId: string; revokedBy: string; reason: 'undo' | 'reaction_removed'; at: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('kudos_revocations')
    .values({
      gift_id: row.giftId,
      workspace_id: row.workspaceId,
      revoked_by: row.revokedBy,
      reason: row.reason,
      revoked_at: row.at,
    })
    .onConflict((oc) => oc.column('gift_id').doNothing())
    .returning('gift_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function setGiftPost(
  db: Executor,
  workspaceId: string,
  giftId: string,
  channelId: string,
  ts: string,
): Promise<void> {
  await db
    .updateTable('kudos_gifts')
    .set({ post_channel_id: channelId, post_ts: ts })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', giftId)
    .execute();
}

export interface TotalsDelta {
  board: KudosBoardName;
  period: KudosTotalsPeriod;
  periodStart: string;
  userId: string;
  delta: number;
}

/** Totals rows for an upsert, sorted so concurrent transactions touch rows in one order and cannot deadlock. */
export function totalsRows(workspaceId: string, deltas: TotalsDelta[]) {
  return [...deltas]
    .sort((a, b) =>
      `${a.board}|${a.period}|${a.periodStart}|${a.userId}`.localeCompare(
        `${b.board}|${b.period}|${b.periodStart}|${b.userId}`,
      ),
    )
    .map((d) => ({
      workspace_id: workspaceId,
      board: d.board,
      period: d.period,
      period_start: d.periodStart,
      user_id: d.userId,
      total: d.delta,
    }));
}

export async function addToTotals(trx: Executor, workspaceId: string, deltas: TotalsDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  await trx
    .insertInto('kudos_totals')
    .values(totalsRows(workspaceId, deltas))
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'board', 'period', 'period_start', 'user_id'])
        .doUpdateSet((eb) => ({ total: eb('kudos_totals.total', '+', eb.ref('excluded.total')) })),
    )
    .execute();
}

export async function findLeaderboard(
  db: Executor,
  query: { workspaceId: string; board: KudosBoardName; period: KudosTotalsPeriod; periodStart: string; limit: number },
): Promise<Array<{ userId: string; total: number }>> {
  const rows = await db
    .selectFrom('kudos_totals')
    .select(['user_id', 'total'])
    .where('workspace_id', '=', query.workspaceId)
    .where('board', '=', query.board)
    .where('period', '=', query.period)
    .where('period_start', '=', query.periodStart)
    .where('total', '>', 0)
    // Someone who asked to be forgotten is no one on a board; their kudos still count for the people they thanked.
    .where('user_id', 'not like', `${tombstonePrefix}%`)
    // Someone who left Slack drops off the boards at once; their kudos still count for the people they thanked.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('members as m')
            .select('m.user_id')
            .where('m.workspace_id', '=', query.workspaceId)
            .whereRef('m.user_id', '=', 'kudos_totals.user_id')
            .where('m.is_deleted', '=', true),
        ),
      ),
    )
    .orderBy('total', 'desc')
    .orderBy('user_id')
    .limit(query.limit)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, total: r.total }));
}

export async function findKudosOfGift(
  db: Executor,
  workspaceId: string,
  giftId: string,
): Promise<Array<{ giverId: string; recipientId: string; giverTeam: string | null; recipientTeam: string | null }>> {
  const rows = await db
    .selectFrom('kudos')
    .select(['giver_id', 'recipient_id', 'giver_team', 'recipient_team'])
    .where('workspace_id', '=', workspaceId)
    .where('gift_id', '=', giftId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    giverId: r.giver_id,
    recipientId: r.recipient_id,
    giverTeam: r.giver_team,
    recipientTeam: r.recipient_team,
  }));
}

/** Marks a gift announced, and says whether it has been revoked meanwhile (one round trip for both). */
export async function markGiftAnnounced(
  db: Executor,
  workspaceId: string,
  giftId: string,
  at: Date,
): Promise<{ revoked: boolean }> {
  const row = await db
    .updateTable('kudos_gifts')
    .set({ announced_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', giftId)
    .returning(
      sql<boolean>`exists (select 1 from kudos_revocations r where r.workspace_id = ${workspaceId} and r.gift_id = kudos_gifts.id)`.as(
        'revoked',
      ),
    )
    .executeTakeFirst();
  return { revoked: row?.revoked === true };
}

/** The messages announcing an undone gift are deleted: the sweep stops re-driving its retraction. */
export async function markRevocationWithdrawn(
  db: Executor,
  workspaceId: string,
  giftId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('kudos_revocations')
    .set({ withdrawn_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('gift_id', '=', giftId)
    .where('withdrawn_at', 'is', null)
    .execute();
}

/** Undone gifts whose messages may still be out there (their retraction job was lost or gave up), oldest first. */
export async function findUnwithdrawnRevocations(
  db: Executor,
  window: { from: Date; to: Date; limit: number },
): Promise<Array<{ workspaceId: string; giftId: string }>> {
  const rows = await db
    .selectFrom('kudos_revocations as r')
    .innerJoin('workspaces as w', 'w.id', 'r.workspace_id')
    .select(['r.workspace_id', 'r.gift_id'])
    .where('w.status', '=', 'active')
    .where('r.withdrawn_at', 'is', null)
    .where('r.revoked_at', '>=', window.from)
    .where('r.revoked_at', '<', window.to)
    .orderBy('r.revoked_at')
    .limit(window.limit)
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, giftId: r.gift_id }));
}

/**
 * Gifts whose announcement never finished (its job was lost with Redis, say), oldest first. Undone ones too: their
 * announcement deletes whatever an earlier attempt posted, and records that nothing more will be.
 */
export async function findUnannouncedGifts(
  db: Executor,
  window: { from: Date; to: Date; limit: number },
): Promise<Array<{ workspaceId: string; giftId: string }>> {
  const rows = await db
    .selectFrom('kudos_gifts as g')
    .innerJoin('workspaces as w', 'w.id', 'g.workspace_id')
    .select(['g.workspace_id', 'g.id'])
    .where('w.status', '=', 'active')
    .where('g.announced_at', 'is', null)
    .where('g.given_at', '>=', window.from)
    .where('g.given_at', '<', window.to)
    .orderBy('g.given_at')
    .limit(window.limit)
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, giftId: r.id }));
}

/** Live kudos given since a moment (null: ever), and how many of them recorded both people's teams. */
export async function countKudosWithTeams(
  db: Executor,
  workspaceId: string,
  since: Date | null,
): Promise<{ kudos: number; withTeams: number }> {
  let query = db
    .selectFrom('kudos')
    .select((eb) => [
      eb.fn.countAll<number>().as('kudos'),
      sql<number>`count(*) filter (where giver_team is not null and recipient_team is not null)`.as('with_teams'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where(notRevoked);
  if (since) query = query.where('given_at', '>=', since);
  const row = await query.executeTakeFirst();
  return { kudos: Number(row?.kudos ?? 0), withTeams: Number(row?.with_teams ?? 0) };
}
