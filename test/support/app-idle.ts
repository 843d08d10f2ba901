import { jobContracts, queueNames } from '../../jobs/contracts.ts';
import type { Harness } from './harness.ts';
import { eventually } from './wait.ts';

/** Waits until nothing is still under way: every gift announced and no job waiting or running (schedulers always hold a delayed one). */
export async function untilAppIdle(h: Harness, timeoutMs: number): Promise<void> {
  await eventually(
    async () => {
      const unannounced = await h.service.deps.db
        .selectFrom('kudos_gifts')
        .select('id')
        .where('announced_at', 'is', null)
        .execute();
      const pending = await Promise.all(
        queueNames.map((name) =>
          h.service.deps.queues.queue(name).getJobCountByTypes('waiting', 'active', 'prioritized'),
        ),
      );
      return unannounced.length === 0 && pending.every((n) => n === 0) ? true : undefined;
    },
    'the app to be idle',
    timeoutMs,
  );
}

/**
 * Runs now every insights update still waiting for its 5-minute slot to end, then waits until nothing is under way.
 * Otherwise an update queued by earlier events runs whenever the wall clock next crosses a slot's end, which may fall
 * in the middle of a later step.
 */
export async function settleInsightsUpdates(h: Harness, timeoutMs: number): Promise<void> {
  const queue = h.service.deps.queues.queue(jobContracts['insights.update'].queue);
  for (const job of await queue.getJobs(['delayed'])) {
    if (job.name === 'insights.update') await job.promote();
  }
  await untilAppIdle(h, timeoutMs);
}
