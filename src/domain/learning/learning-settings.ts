import type { Db } from '../../db/database.ts';
import { findLearningWeeklyCap, upsertLearningWeeklyCap } from '../../db/queries/learning-requests.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';
import { isNudgeAdminUser } from '../kudos/admins.ts';

/** So the helpful people are not flooded: requests an expert receives in a rolling week, unless an admin says. */
export const defaultWeeklyRequestCap = 2;
export const maxWeeklyRequestCap = 20;

export async function weeklyRequestCap(db: Db, workspaceId: string): Promise<number> {
  return (await findLearningWeeklyCap(db, workspaceId)) ?? defaultWeeklyRequestCap;
}

export type SetWeeklyCapResult = { ok: true; cap: number } | { ok: false; refused: 'not_admin' | 'out_of_range' };

/** An admin sets how many learning requests one person receives a week; audited with the value before and after. */
export async function setWeeklyRequestCap(
  db: Db,
  input: { workspaceId: string; actorId: string; cap: number; now: Date },
): Promise<SetWeeklyCapResult> {
  if (!(await isNudgeAdminUser(db, input.workspaceId, input.actorId))) return { ok: false, refused: 'not_admin' };
  if (!Number.isInteger(input.cap) || input.cap < 1 || input.cap > maxWeeklyRequestCap) {
    return { ok: false, refused: 'out_of_range' };
  }
  return await db.transaction().execute(async (trx) => {
    const before = await weeklyRequestCap(trx, input.workspaceId);
    await upsertLearningWeeklyCap(trx, input.workspaceId, input.cap, input.now);
    if (before !== input.cap) {
      await recordAdminAction(trx, {
        workspaceId: input.workspaceId,
        actorId: input.actorId,
        action: 'learning.weekly_cap_changed',
        changes: { weekly_request_cap: { from: before, to: input.cap } },
        now: input.now,
      });
    }
    return { ok: true, cap: input.cap };
  });
}
