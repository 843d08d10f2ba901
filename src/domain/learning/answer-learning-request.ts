import type { Db } from '../../db/database.ts';
import { closeLearningRequest, findLearningRequest, lockLearningRequest } from '../../db/queries/learning-requests.ts';

export type LearningAnswer = 'accept' | 'decline';

export type AnswerLearningRequestResult =
  | { ok: true; outcome: 'accepted' | 'declined'; duplicate: boolean }
  | { ok: false; refused: 'not_found' | 'already_answered' | 'no_longer_open' };

/**
 * The expert accepts or declines (suggesting someone else is a decline with a name attached); nobody else may answer.
 * The request row is locked, so a double click records once and reports the repeat. A decline stays between the
 * expert and Nudge: the asker is only offered their next suggestion, worded as for an expired request.
 */
export async function answerLearningRequest(
  db: Db,
  input: { workspaceId: string; requestId: string; expertId: string; answer: LearningAnswer; now: Date },
): Promise<AnswerLearningRequestResult> {
  const seen = await findLearningRequest(db, input.workspaceId, input.requestId);
  // Someone else's request reads as no request at all.
  if (!seen || seen.expert_id !== input.expertId) return { ok: false, refused: 'not_found' };
  return await db.transaction().execute(async (trx): Promise<AnswerLearningRequestResult> => {
    const request = await lockLearningRequest(trx, input.workspaceId, input.requestId);
    if (!request) return { ok: false, refused: 'not_found' };
    const outcome = input.answer === 'accept' ? 'accepted' : 'declined';
    if (request.status === outcome) return { ok: true, outcome, duplicate: true };
    if (request.status === 'accepted' || request.status === 'declined')
      return { ok: false, refused: 'already_answered' };
    if (request.status !== 'open') return { ok: false, refused: 'no_longer_open' };
    await closeLearningRequest(trx, input.workspaceId, request.id, outcome, input.now);
    return { ok: true, outcome, duplicate: false };
  });
}
