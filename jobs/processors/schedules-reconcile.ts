import type { Processor } from '../processor.ts';
import { reconcileSchedules } from '../schedules.ts';

/** Settings changed: bring BullMQ's schedulers in line with Postgres now rather than at the next periodic pass. */
export const processSchedulesReconcile: Processor<'schedules.reconcile'> = async (_data, { deps }) => {
  return await reconcileSchedules(deps);
};
