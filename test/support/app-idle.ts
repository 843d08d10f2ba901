import { queueNames } from '../../jobs/contracts.ts';
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
