import { paceDeliveries } from '../src/domain/pairing/delivery-time.ts';
import { deliveryGapMillis } from '../src/domain/pairing/plan-round.ts';
import { findRoundGroups, findUnmatched, type Round } from '../src/domain/pairing/rounds.ts';
import type { ProcessorDeps } from './processor.ts';

/**
 * Queues whatever a round still needs: each pending intro at its time, the unmatched notices, the check-in and
 * the close. Every job id is deterministic and every processor checks before acting, so calling this again
 * (a retried round job, the hourly tick after a Redis flush) never sends anything twice and never skips a step.
 */
export async function enqueueRoundFollowUps(deps: ProcessorDeps, round: Round): Promise<{ deliveries: number }> {
  if (round.status !== 'delivering' && round.status !== 'delivered') return { deliveries: 0 };
  // A BullMQ delay counts from the moment the job is added, and adding thousands takes seconds: read the clock
  // for each one, or every later intro slips by the time spent adding the ones before it.
  const delay = (at: Date) => Math.max(0, at.getTime() - deps.clock.now().getTime());
  const groups = await findRoundGroups(deps.db, round.workspace_id, round.id);
  // Intros already due (the round took a while to match, an approval came late, Redis lost the queued jobs) go
  // out at the Tier 3 pace from now, not all at once: a burst past Slack's window only earns 429s, each costing
  // a whole Retry-After. Intros still to come keep their planned time unless that catch-up reaches them.
  const start = deps.clock.now().getTime();
  const pending = paceDeliveries(
    groups
      .filter((group) => group.status === 'pending')
      .map((group) => ({ id: group.id, deliverAt: new Date(Math.max(start, group.deliver_at.getTime())) })),
    deliveryGapMillis / (deps.slackTimeScale ?? 1),
  );
  for (const group of pending) {
    await deps.queues.enqueue(
      'pairing.deliver',
      { workspaceId: round.workspace_id, groupId: group.id },
      { delayMs: delay(group.deliverAt) },
    );
  }
  const deliveries = pending.length;
  if ((await findUnmatched(deps.db, round.workspace_id, round.id)).length > 0) {
    await deps.queues.enqueue('pairing.unmatched', { workspaceId: round.workspace_id, roundId: round.id });
  }
  await deps.queues.enqueue(
    'pairing.checkin',
    { workspaceId: round.workspace_id, roundId: round.id },
    { delayMs: delay(round.checkin_at) },
  );
  await deps.queues.enqueue(
    'pairing.close',
    { workspaceId: round.workspace_id, roundId: round.id },
    { delayMs: delay(round.close_at) },
  );
  return { deliveries };
}
