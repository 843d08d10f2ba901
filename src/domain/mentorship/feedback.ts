import type { Db } from '../../db/database.ts';
import {
  findFeedbackOfActivePairs,
  findPairFeedback,
  insertFeedbackAsked,
  upsertFeedbackAnswer,
} from '../../db/queries/mentorship-feedback.ts';
import { endMentorshipPair, lockMentorshipPair } from '../../db/queries/mentorship-pair-lifecycle.ts';
import {
  findMentorshipPair,
  insertMentorshipPairs,
  type MentorshipPairRow,
  markMentorshipIntroSent,
} from '../../db/queries/mentorship-pairs.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import { mentorshipCycleEnd } from './cycle-end.ts';
import { cycleOver, feedbackClosesAt, pairPeople, partnerOf } from './pair-timeline.ts';

export const feedbackCommentMax = 1000;
const continuingWhy = 'both chose to continue together for another cycle';

export type FeedbackToAsk =
  | { ok: true; pair: MentorshipPairRow; recipients: string[]; closesAt: Date }
  | { ok: false; skipped: 'no_pair' | 'not_due' | 'asked' };

/** Who still needs the cycle-end feedback request of an active pair whose cycle is over. */
export async function feedbackToAsk(
  db: Db,
  input: { workspaceId: string; pairId: string; now: Date },
): Promise<FeedbackToAsk> {
  const pair = await findMentorshipPair(db, input.workspaceId, input.pairId);
  if (!pair) return { ok: false, skipped: 'no_pair' };
  if (pair.status !== 'active' || !cycleOver(pair, input.now)) return { ok: false, skipped: 'not_due' };
  const asked = new Set((await findPairFeedback(db, input.workspaceId, pair.id)).map((f) => f.user_id));
  const recipients = pairPeople(pair).filter((userId) => !asked.has(userId));
  if (recipients.length === 0) return { ok: false, skipped: 'asked' };
  return { ok: true, pair, recipients, closesAt: feedbackClosesAt(pair, { people: 2, lastAskedAt: input.now })! };
}

export async function recordFeedbackAsked(
  db: Db,
  input: { workspaceId: string; pairId: string; userId: string; now: Date },
): Promise<void> {
  await insertFeedbackAsked(db, input);
}

export interface FeedbackAsked {
  users: Set<string>;
  lastAskedAt: Date;
}

/** The programme's active pairs' feedback requests, by pair: who was asked, and when the last of them was. */
export async function feedbackAskedByPair(
  db: Db,
  input: { workspaceId: string; programmeId: string },
): Promise<Map<string, FeedbackAsked>> {
  const byPair = new Map<string, FeedbackAsked>();
  for (const row of await findFeedbackOfActivePairs(db, input.workspaceId, input.programmeId)) {
    const asked = byPair.get(row.pair_id) ?? { users: new Set<string>(), lastAskedAt: row.asked_at };
    asked.users.add(row.user_id);
    if (row.asked_at > asked.lastAskedAt) asked.lastAskedAt = row.asked_at;
    byPair.set(row.pair_id, asked);
  }
  return byPair;
}

export type FeedbackFormResult =
  | { ok: true; partnerId: string; pairId: string }
  | { ok: false; refused: 'not_found' | 'not_open' };

/** Whether this person may give feedback on this pair now: theirs, active, its cycle over. */
export async function feedbackForm(
  db: Db,
  input: { workspaceId: string; pairId: string; userId: string; now: Date },
): Promise<FeedbackFormResult> {
  const pair = await findMentorshipPair(db, input.workspaceId, input.pairId);
  if (!pair || (pair.mentor_id !== input.userId && pair.mentee_id !== input.userId))
    return { ok: false, refused: 'not_found' };
  if (pair.status !== 'active' || !cycleOver(pair, input.now)) return { ok: false, refused: 'not_open' };
  return { ok: true, partnerId: partnerOf(pair, input.userId), pairId: pair.id };
}

export interface FeedbackErrors {
  rating?: string;
  comment?: string;
  continueNext?: string;
}

export type SaveFeedbackResult =
  | { ok: true; outcome: 'waiting' | 'continued' | 'ended'; pairId: string }
  | { ok: false; errors: FeedbackErrors }
  | { ok: false; refused: 'not_found' | 'not_open' };

/**
 * A person's private cycle-end feedback: a rating 1–5, an optional comment of at most 1,000 characters, and whether
 * they want another cycle together. Every problem is returned at once and nothing is saved. Once both have answered
 * the pair is settled in the same transaction: both said yes, and it continues; otherwise it ends (`cycle_end`).
 *
 * Continuing makes a new pair row rather than moving `ends_at`: a cycle's check-ins, meetings, idle steps and
 * feedback (one row per person per pair) then start afresh, and the history keeps each cycle the two spent together.
 */
export async function saveFeedback(
  db: Db,
  input: {
    workspaceId: string;
    pairId: string;
    userId: string;
    rating: unknown;
    comment: string | null | undefined;
    continueNext: boolean | undefined;
    now: Date;
  },
): Promise<SaveFeedbackResult> {
  const errors: FeedbackErrors = {};
  const rating = typeof input.rating === 'string' ? Number(input.rating) : input.rating;
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5)
    errors.rating = 'Choose how the cycle went, from 1 to 5.';
  const comment = (input.comment ?? '').replaceAll('\u0000', '').trim();
  if ([...comment].length > feedbackCommentMax)
    errors.comment = `Keep the comment to ${feedbackCommentMax} characters (it has ${[...comment].length}).`;
  if (input.continueNext === undefined) errors.continueNext = 'Say whether you would like another cycle together.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  return await db.transaction().execute(async (trx): Promise<SaveFeedbackResult> => {
    const pair = await lockMentorshipPair(trx, input.workspaceId, input.pairId);
    if (!pair || (pair.mentor_id !== input.userId && pair.mentee_id !== input.userId))
      return { ok: false, refused: 'not_found' };
    if (pair.status !== 'active' || !cycleOver(pair, input.now)) return { ok: false, refused: 'not_open' };
    await upsertFeedbackAnswer(trx, {
      workspaceId: input.workspaceId,
      pairId: pair.id,
      userId: input.userId,
      rating: rating as number,
      comment: comment === '' ? null : comment,
      continueNext: input.continueNext as boolean,
      now: input.now,
    });
    const answers = (await findPairFeedback(trx, input.workspaceId, pair.id)).filter((f) => f.answered_at !== null);
    if (answers.length < 2) return { ok: true, outcome: 'waiting', pairId: pair.id };
    const continued = answers.every((f) => f.continue_next === true);
    await endMentorshipPair(trx, input.workspaceId, pair.id, 'cycle_end', input.now);
    if (continued) {
      const programme = await findMentorshipProgramme(trx, input.workspaceId, pair.programme_id);
      const [nextId] = await insertMentorshipPairs(
        trx,
        input.workspaceId,
        pair.programme_id,
        [
          {
            mentorId: pair.mentor_id,
            menteeId: pair.mentee_id,
            score: pair.score,
            why: continuingWhy,
            cycleId: pair.cycle_id,
            requestId: null,
          },
        ],
        { now: input.now, endsAt: mentorshipCycleEnd(input.now, programme?.cycle_months ?? 3) },
      );
      // The two already know each other: the continuation needs no intro, only the end notice saying it goes on.
      if (nextId) await markMentorshipIntroSent(trx, input.workspaceId, nextId, input.now);
    }
    return { ok: true, outcome: continued ? 'continued' : 'ended', pairId: pair.id };
  });
}

/**
 * Ends the pairs whose feedback stretch closed without both saying yes (whoever stayed silent does not continue).
 * Ending only when both answered or time ran out keeps a "no" private: nobody sees the pair end on their partner's
 * answer while they have not answered themselves.
 */
export async function endPairsAfterFeedback(
  db: Db,
  input: { workspaceId: string; pairs: MentorshipPairRow[]; asked: Map<string, FeedbackAsked>; now: Date },
): Promise<string[]> {
  const ended: string[] = [];
  for (const seen of input.pairs) {
    const asked = input.asked.get(seen.id);
    const closes = feedbackClosesAt(seen, asked && { people: asked.users.size, lastAskedAt: asked.lastAskedAt });
    if (seen.status !== 'active' || !closes || input.now < closes) continue;
    const done = await db.transaction().execute(async (trx) => {
      const pair = await lockMentorshipPair(trx, input.workspaceId, seen.id);
      if (pair?.status !== 'active') return false;
      return await endMentorshipPair(trx, input.workspaceId, pair.id, 'cycle_end', input.now);
    });
    if (done) ended.push(seen.id);
  }
  return ended;
}
