import type { Db } from '../../db/database.ts';
import { findPairCheckins, insertCheckinSent, upsertCheckinAnswer } from '../../db/queries/mentorship-checkins.ts';
import { lockMentorshipPair, markMentorshipPairMet } from '../../db/queries/mentorship-pair-lifecycle.ts';
import { findMentorshipPair, type MentorshipPairRow } from '../../db/queries/mentorship-pairs.ts';
import { checkinEveryMillis, checkinSince, dueCheckinNumber, pairPeople, partnerOf } from './pair-timeline.ts';

export type CheckinToSend =
  | { ok: true; pair: MentorshipPairRow; number: number; since: Date; recipients: string[] }
  | { ok: false; skipped: 'no_pair' | 'not_due' | 'sent' };

/** Who still needs check-in `number` of a pair: nobody once the pair ended or a later check-in fell due. */
export async function checkinToSend(
  db: Db,
  input: { workspaceId: string; pairId: string; number: number; now: Date },
): Promise<CheckinToSend> {
  const pair = await findMentorshipPair(db, input.workspaceId, input.pairId);
  if (!pair) return { ok: false, skipped: 'no_pair' };
  if (dueCheckinNumber(pair, input.now) !== input.number) return { ok: false, skipped: 'not_due' };
  const sent = new Set((await findPairCheckins(db, input.workspaceId, pair.id, input.number)).map((c) => c.user_id));
  const recipients = pairPeople(pair).filter((userId) => !sent.has(userId));
  if (recipients.length === 0) return { ok: false, skipped: 'sent' };
  return { ok: true, pair, number: input.number, since: checkinSince(pair, input.number), recipients };
}

/** Recorded once the check-in reached the person, so the sweep stops asking for it. */
export async function recordCheckinSent(
  db: Db,
  input: { workspaceId: string; pairId: string; userId: string; number: number; now: Date },
): Promise<void> {
  await insertCheckinSent(db, input);
}

export type CheckinAnswer = { met: boolean } | { usefulness: number };

export type AnswerCheckinResult =
  | {
      ok: true;
      met: boolean | null;
      usefulness: number | null;
      /** This answer is the pair's first recorded meeting: time for the fit check. */
      firstMeeting: boolean;
      partnerId: string;
      since: Date;
    }
  | { ok: false; refused: 'not_found' | 'not_open' | 'not_met' | 'bad_answer' };

/**
 * A person's private answer to their check-in. Only the two people of the pair may answer, each for themselves; a
 * meeting moves the pair's first and last meeting dates, which the idle steps count from. A score needs a meeting.
 */
export async function answerCheckin(
  db: Db,
  input: { workspaceId: string; pairId: string; number: number; userId: string; answer: CheckinAnswer; now: Date },
): Promise<AnswerCheckinResult> {
  const { answer } = input;
  if (
    'usefulness' in answer &&
    !(Number.isInteger(answer.usefulness) && answer.usefulness >= 1 && answer.usefulness <= 5)
  )
    return { ok: false, refused: 'bad_answer' };
  return await db.transaction().execute(async (trx): Promise<AnswerCheckinResult> => {
    const pair = await lockMentorshipPair(trx, input.workspaceId, input.pairId);
    if (!pair || (pair.mentor_id !== input.userId && pair.mentee_id !== input.userId))
      return { ok: false, refused: 'not_found' };
    const lastAsked = Math.floor((input.now.getTime() - pair.started_at.getTime()) / checkinEveryMillis);
    if (pair.status !== 'active' || !Number.isInteger(input.number) || input.number < 1 || input.number > lastAsked)
      return { ok: false, refused: 'not_open' };
    if ('usefulness' in answer) {
      const [mine] = (await findPairCheckins(trx, input.workspaceId, pair.id, input.number)).filter(
        (c) => c.user_id === input.userId,
      );
      if (mine?.met !== true) return { ok: false, refused: 'not_met' };
    }
    const row = await upsertCheckinAnswer(trx, {
      workspaceId: input.workspaceId,
      pairId: pair.id,
      userId: input.userId,
      number: input.number,
      ...answer,
      now: input.now,
    });
    const firstMeeting = 'met' in answer && answer.met && pair.first_met_at === null;
    if ('met' in answer && answer.met) await markMentorshipPairMet(trx, input.workspaceId, pair.id, input.now);
    return {
      ok: true,
      met: row.met,
      usefulness: row.usefulness,
      firstMeeting,
      partnerId: partnerOf(pair, input.userId),
      since: checkinSince(pair, input.number),
    };
  });
}
