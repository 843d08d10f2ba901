import type { Db } from '../../db/database.ts';
import { findMember } from '../../db/queries/members.ts';
import { findAwayPeople } from '../directory/away-people.ts';
import { isTombstoneId } from '../privacy/tombstone.ts';
import { findRecapOutcome, isRecapOff } from './quarterly-recap.ts';

export type RecapRecipient =
  | { ok: true; timeZone: string }
  | { ok: false; skipped: 'already_done' | 'turned_off' | 'not_here' | 'away' };

/**
 * Whether the person should get their recap of `quarter` now: still here (not departed, erased or a bot), not opted
 * out, not recapped already, and not away (they get it once back, from a later tick).
 */
export async function recapRecipient(
  db: Db,
  input: { workspaceId: string; userId: string; quarter: string; now: Date },
): Promise<RecapRecipient> {
  const scope = { workspaceId: input.workspaceId, userId: input.userId };
  if (await findRecapOutcome(db, scope, input.quarter)) return { ok: false, skipped: 'already_done' };
  if (await isRecapOff(db, scope)) return { ok: false, skipped: 'turned_off' };
  const member = await findMember(db, input.workspaceId, input.userId);
  if (!member || member.is_deleted || member.departed_at || member.is_bot || isTombstoneId(input.userId)) {
    return { ok: false, skipped: 'not_here' };
  }
  const away = await findAwayPeople(db, { ...scope, userIds: [input.userId], now: input.now });
  if (away.has(input.userId)) return { ok: false, skipped: 'away' };
  return { ok: true, timeZone: member.time_zone };
}
