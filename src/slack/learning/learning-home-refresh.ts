import type { JobQueues } from '../../../jobs/queues.ts';

/**
 * Publishes again the Home tab of both people of a learning request (made, answered, passed on or closed), so its
 * list of open requests is current; each person is queued once.
 */
export async function republishLearningHomes(
  queues: Pick<JobQueues, 'enqueue'>,
  workspaceId: string,
  request: { asker_id: string; expert_id: string },
): Promise<void> {
  for (const userId of new Set([request.asker_id, request.expert_id]))
    await queues.enqueue('home.publish', { workspaceId, userId });
}
