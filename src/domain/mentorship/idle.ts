import type { Db } from '../../db/database.ts';
import {
  endMentorshipPair,
  lockMentorshipPair,
  markMentorshipPair,
} from '../../db/queries/mentorship-pair-lifecycle.ts';
import { findMentorshipPair, type MentorshipPairRow } from '../../db/queries/mentorship-pairs.ts';
import { dueIdleStep, idleEndGraceMillis, idleSince } from './pair-timeline.ts';

export type IdleNotice = 'nudge' | 'warn';

export type IdleNoticeToSend =
  | { ok: true; pair: MentorshipPairRow; since: Date; endsAt: Date }
  | { ok: false; skipped: 'no_pair' | 'not_due' };

/**
 * Whether the idle nudge or the end warning is still due for a pair: a meeting recorded since the sweep queued it,
 * or the step already taken, make it not due. `endsAt` is when a warned pair would end.
 */
export async function idleNoticeToSend(
  db: Db,
  input: { workspaceId: string; pairId: string; notice: IdleNotice; now: Date },
): Promise<IdleNoticeToSend> {
  const pair = await findMentorshipPair(db, input.workspaceId, input.pairId);
  if (!pair) return { ok: false, skipped: 'no_pair' };
  if (dueIdleStep(pair, input.now) !== input.notice) return { ok: false, skipped: 'not_due' };
  return {
    ok: true,
    pair,
    since: idleSince(pair),
    endsAt: new Date(input.now.getTime() + idleEndGraceMillis),
  };
}

/** The notice reached both people: once per quiet stretch. The 7 days of a warning count from here. */
export async function recordIdleNotice(
  db: Db,
  input: { workspaceId: string; pairId: string; notice: IdleNotice; now: Date },
): Promise<void> {
  const mark = input.notice === 'nudge' ? 'idle_nudged_at' : 'end_warned_at';
  await markMentorshipPair(db, input.workspaceId, input.pairId, mark, input.now);
}

/**
 * Ends the pairs whose end warning ran out with no meeting recorded since (end reason `idle`); each is checked again
 * under its row lock, so a meeting recorded at the same moment keeps the pair. Returns the pairs it ended.
 */
export async function endIdlePairs(
  db: Db,
  input: { workspaceId: string; pairs: MentorshipPairRow[]; now: Date },
): Promise<string[]> {
  const ended: string[] = [];
  for (const seen of input.pairs) {
    if (dueIdleStep(seen, input.now) !== 'end') continue;
    const done = await db.transaction().execute(async (trx) => {
      const pair = await lockMentorshipPair(trx, input.workspaceId, seen.id);
      if (!pair || dueIdleStep(pair, input.now) !== 'end') return false;
      return await endMentorshipPair(trx, input.workspaceId, pair.id, 'idle', input.now);
    });
    if (done) ended.push(seen.id);
  }
  return ended;
}
