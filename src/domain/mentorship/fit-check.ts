import type { Db } from '../../db/database.ts';
import {
  endMentorshipPair,
  lockMentorshipPair,
  markMentorshipPair,
} from '../../db/queries/mentorship-pair-lifecycle.ts';
import { findMentorshipPair, type MentorshipPairRow } from '../../db/queries/mentorship-pairs.ts';
import { findRematchRequest, insertRematchRequest } from '../../db/queries/mentorship-rematch.ts';

export type FitCheckToSend =
  | { ok: true; pair: MentorshipPairRow }
  | { ok: false; skipped: 'no_pair' | 'not_active' | 'not_met' | 'sent' };

/** The fit check goes to an active pair after its first recorded meeting, once. */
export async function fitCheckToSend(db: Db, input: { workspaceId: string; pairId: string }): Promise<FitCheckToSend> {
  const pair = await findMentorshipPair(db, input.workspaceId, input.pairId);
  if (!pair) return { ok: false, skipped: 'no_pair' };
  if (pair.status !== 'active') return { ok: false, skipped: 'not_active' };
  if (!pair.first_met_at) return { ok: false, skipped: 'not_met' };
  if (pair.fit_checked_at) return { ok: false, skipped: 'sent' };
  return { ok: true, pair };
}

export async function recordFitChecked(db: Db, input: { workspaceId: string; pairId: string; now: Date }) {
  await markMentorshipPair(db, input.workspaceId, input.pairId, 'fit_checked_at', input.now);
}

export type AskForRematchResult = { ok: true; duplicate: boolean } | { ok: false; refused: 'not_found' | 'ended' };

/**
 * Either person asks, confidentially, for a different match: the pair ends at once (reason `rematch`) and the ask
 * is kept for the re-match. The pair row is locked, so two asks (a double click, both people at once) end it once.
 */
export async function askForRematch(
  db: Db,
  input: { workspaceId: string; pairId: string; userId: string; now: Date },
): Promise<AskForRematchResult> {
  return await db.transaction().execute(async (trx): Promise<AskForRematchResult> => {
    const pair = await lockMentorshipPair(trx, input.workspaceId, input.pairId);
    if (!pair || (pair.mentor_id !== input.userId && pair.mentee_id !== input.userId))
      return { ok: false, refused: 'not_found' };
    const existing = await findRematchRequest(trx, input.workspaceId, pair.id);
    if (existing)
      return existing.asked_by === input.userId ? { ok: true, duplicate: true } : { ok: false, refused: 'ended' };
    if (pair.status !== 'active') return { ok: false, refused: 'ended' };
    await insertRematchRequest(trx, {
      workspaceId: input.workspaceId,
      pairId: pair.id,
      askedBy: input.userId,
      now: input.now,
    });
    await endMentorshipPair(trx, input.workspaceId, pair.id, 'rematch', input.now);
    return { ok: true, duplicate: false };
  });
}
