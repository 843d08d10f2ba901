import type { Db } from '../../db/database.ts';
import { findRoundGroup } from '../../db/queries/pairing.ts';
import type { CheckinAnswer } from '../../db/schema-pairing.ts';

export type CheckinResult =
  | { ok: true; answer: CheckinAnswer }
  | { ok: false; reason: 'not_in_group' | 'unknown_group' };

/** "Did you meet?": one answer per person per group; answering again changes the answer. Feeds round stats. */
export async function recordCheckin(
  db: Db,
  input: { workspaceId: string; groupId: string; userId: string; answer: CheckinAnswer; now: Date },
): Promise<CheckinResult> {
  const group = await findRoundGroup(db, input.workspaceId, input.groupId);
  if (!group) return { ok: false, reason: 'unknown_group' };
  if (!group.members.includes(input.userId)) return { ok: false, reason: 'not_in_group' };
  await db
    .insertInto('round_checkins')
    .values({
      workspace_id: input.workspaceId,
      group_id: input.groupId,
      user_id: input.userId,
      answer: input.answer,
      answered_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['group_id', 'user_id']).doUpdateSet({ answer: input.answer, answered_at: input.now }),
    )
    .execute();
  return { ok: true, answer: input.answer };
}
