import type { JobQueues } from '../../../jobs/queues.ts';
import type { Logger } from '../../observability/logger.ts';

/**
 * The gift is already safe in Postgres when this runs. If Redis is briefly away the job cannot be queued now,
 * but nothing is lost: the kudos sweep re-enqueues every gift whose announcement has not finished.
 */
export async function enqueueKudosJob(
  deps: { queues: JobQueues; logger: Logger },
  name: 'kudos.announce' | 'kudos.retract',
  data: { workspaceId: string; giftId: string },
): Promise<void> {
  try {
    await deps.queues.enqueue(name, data);
  } catch (error) {
    deps.logger.warn({ job: name, giftId: data.giftId, err: error }, 'could not enqueue; the sweep will retry');
  }
}
