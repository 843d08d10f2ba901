import type { Db } from '../../db/database.ts';
import {
  addToTotals,
  findGift,
  findGiftByRequestKey,
  findKudosOfGift,
  findLatestLiveGift,
  type GiftRow,
  insertRevocation,
  lockGiver,
} from '../../db/queries/kudos.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import { totalsDeltas } from './totals.ts';

/** Kudos can be taken back for this long after giving: long enough to fix a slip, short enough to stay meaningful. */
export const revokeWindowMillis = 5 * 60 * 1000;

export type RevokeResult =
  | { ok: true; gift: GiftRow }
  | { ok: false; reason: 'nothing_recent' | 'too_late' | 'not_found' };

async function revoke(
  db: Db,
  workspaceId: string,
  gift: GiftRow,
  by: string,
  reason: 'undo' | 'reaction_removed',
  now: Date,
) {
  const workspace = await findWorkspace(db, workspaceId);
  // The teams recorded at giving time, so the totals decrease exactly where they increased.
  const kudos = await findKudosOfGift(db, workspaceId, gift.id);
  return await db.transaction().execute(async (trx) => {
    await lockGiver(trx, workspaceId, gift.giverId);
    const first = await insertRevocation(trx, { workspaceId, giftId: gift.id, revokedBy: by, reason, at: now });
    // The revocation is an event; the running totals follow it, once.
    if (first) {
      await addToTotals(trx, workspaceId, totalsDeltas(kudos, gift.givenAt, workspace?.time_zone ?? 'UTC', -1));
    }
    return first;
  });
}

/** `/kudos undo`: takes back the giver's most recent kudos, if given in the last five minutes. */
export async function undoLastKudos(
  db: Db,
  input: { workspaceId: string; giverId: string; now: Date },
): Promise<RevokeResult> {
  const since = new Date(input.now.getTime() - revokeWindowMillis);
  const giftId = await findLatestLiveGift(db, input.workspaceId, input.giverId, since);
  if (!giftId) return { ok: false, reason: 'nothing_recent' };
  const gift = await findGift(db, input.workspaceId, giftId);
  if (!gift) return { ok: false, reason: 'not_found' };
  await revoke(db, input.workspaceId, gift, input.giverId, 'undo', input.now);
  return { ok: true, gift: { ...gift, revoked: true } };
}

/** Removing the kudos reaction within five minutes takes that emoji kudos back. */
export async function revokeByRequestKey(
  db: Db,
  input: { workspaceId: string; requestKey: string; by: string; now: Date },
): Promise<RevokeResult> {
  const gift = await findGiftByRequestKey(db, input.workspaceId, input.requestKey);
  if (!gift || gift.revoked) return { ok: false, reason: 'not_found' };
  if (input.now.getTime() - gift.givenAt.getTime() > revokeWindowMillis) return { ok: false, reason: 'too_late' };
  await revoke(db, input.workspaceId, gift, input.by, 'reaction_removed', input.now);
  return { ok: true, gift: { ...gift, revoked: true } };
}
