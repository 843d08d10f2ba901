import type { Db } from '../../db/database.ts';
import { findMentorshipPairContinuing, markMentorshipPair } from '../../db/queries/mentorship-pair-lifecycle.ts';
import { findMentorshipPair, type MentorshipPairRow } from '../../db/queries/mentorship-pairs.ts';
import type { MentorshipPairEndReason } from '../../db/schema-mentorship.ts';

/** The ends Nudge tells both people about; the others (people leaving, a programme stopped) are told elsewhere. */
export const toldEndReasons: MentorshipPairEndReason[] = ['cycle_end', 'idle', 'rematch'];

export type EndNotice =
  | { ok: true; pair: MentorshipPairRow; reason: 'cycle_end' | 'idle' | 'rematch'; continuedUntil?: Date }
  | { ok: false; skipped: 'no_pair' | 'not_ended' | 'not_told' | 'sent' };

/** What both people are told about a pair that ended: why, in kind words, and whether it goes on together. */
export async function endNoticeFor(db: Db, input: { workspaceId: string; pairId: string }): Promise<EndNotice> {
  const pair = await findMentorshipPair(db, input.workspaceId, input.pairId);
  if (!pair) return { ok: false, skipped: 'no_pair' };
  if (pair.status !== 'ended' || !pair.end_reason) return { ok: false, skipped: 'not_ended' };
  if (pair.end_reason !== 'cycle_end' && pair.end_reason !== 'idle' && pair.end_reason !== 'rematch')
    return { ok: false, skipped: 'not_told' };
  if (pair.end_notified_at) return { ok: false, skipped: 'sent' };
  const next =
    pair.end_reason === 'cycle_end' ? await findMentorshipPairContinuing(db, input.workspaceId, pair) : undefined;
  return {
    ok: true,
    pair,
    reason: pair.end_reason,
    ...(next?.ends_at ? { continuedUntil: next.ends_at } : {}),
  };
}

export async function recordEndNotified(db: Db, input: { workspaceId: string; pairId: string; now: Date }) {
  await markMentorshipPair(db, input.workspaceId, input.pairId, 'end_notified_at', input.now);
}
