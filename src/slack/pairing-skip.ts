import { skipNextRound } from '../domain/pairing/member-controls.ts';
import { dropFromCurrentRound } from '../domain/pairing/partner-rescue.ts';
import type { ListenerDeps } from './listener-deps.ts';

export type SkipOutcome = 'next_round_only' | 'partner_rematched' | 'partner_told' | 'group_continues';

/** What the person who skipped is told, wherever they skipped from. */
export const skipAnswers: Record<SkipOutcome, string> = {
  next_round_only: 'You will sit out the next round only.',
  partner_rematched: 'You are out of this round and the next one. Your partner has been matched with someone else.',
  partner_told: 'You are out of this round and the next one. Your partner has been told.',
  group_continues: 'You are out of this round and the next one. The rest of your group can still meet.',
};

/**
 * "Skip": out of the next round, and out of the current one if already matched there. A partner left alone is
 * re-matched the same day or told. Shared by `/coffee skip` and the Home tab's button, so both do the same.
 */
export async function skipWithRescue(
  deps: ListenerDeps,
  key: { workspaceId: string; programmeId: string; userId: string; now: Date },
): Promise<SkipOutcome> {
  await skipNextRound(deps.db, key);
  const drop = await dropFromCurrentRound(deps.db, key);
  if (!drop.dropped) return 'next_round_only';
  if (drop.rescueGroupId && drop.roundDelivering) {
    await deps.queues.enqueue('pairing.deliver', { workspaceId: key.workspaceId, groupId: drop.rescueGroupId });
  }
  if (drop.strandedUserId) {
    await deps.queues.enqueue('pairing.stranded', {
      workspaceId: key.workspaceId,
      roundId: drop.roundId,
      userId: drop.strandedUserId,
    });
  }
  if (drop.rescueGroupId) return 'partner_rematched';
  if (drop.strandedUserId) return 'partner_told';
  return 'group_continues';
}
