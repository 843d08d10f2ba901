import type { JobQueues } from './queues.ts';

/** Events within this slot are folded into one update of the workspace's insights, run when the slot ends. */
export const insightsUpdateSlotMs = 5 * 60 * 1000;

/**
 * Queues the update of a workspace's insights after an event they count (a kudos, a check-in answer, a mentorship
 * meeting, an accepted learning request). The job id is the workspace and the slot, so a burst of events queues one
 * job; a failure to queue is left to the next event or the daily recomputation, never to the person who acted.
 */
export async function queueInsightsUpdate(queues: JobQueues, workspaceId: string, now: Date): Promise<void> {
  const bucket = Math.floor(now.getTime() / insightsUpdateSlotMs);
  const delayMs = (bucket + 1) * insightsUpdateSlotMs - now.getTime();
  await queues.enqueue('insights.update', { workspaceId, bucket }, { delayMs }).catch(() => {});
}
