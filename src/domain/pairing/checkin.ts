import type { Db } from '../../db/database.ts';
import { findRoundGroup } from '../../db/queries/pairing.ts';
import { upsertCheckin } from '../../db/queries/pairing-checkins.ts';
import type { CheckinAnswer } from '../../db/schema-pairing.ts';

export type CheckinResult =
  | {
      ok: true;
      answer: CheckinAnswer;
      /** When the person gave the answer they now have: a repeated answer keeps the first time. */
      answeredAt: Date;
    }
  | { ok: false; reason: 'not_in_group' | 'unknown_group' };

/**
 * "Did you meet?": one answer per person per group; answering again changes the answer. Feeds round stats and the
 * group's shared check-in message.
 */
export async function recordCheckin(
  db: Db,
  input: { workspaceId: string; groupId: string; userId: string; answer: CheckinAnswer; now: Date },
): Promise<CheckinResult> {
  const group = await findRoundGroup(db, input.workspaceId, input.groupId);
  if (!group) return { ok: false, reason: 'unknown_group' };
  if (!group.members.includes(input.userId)) return { ok: false, reason: 'not_in_group' };
  const answeredAt = await upsertCheckin(db, input, input.now);
  return { ok: true, answer: input.answer, answeredAt };
}

export { findCheckinAnswers } from '../../db/queries/pairing-checkins.ts';
