import type { JobQueues } from '../../../jobs/queues.ts';

/**
 * Publishes again the Home tab of everyone a mentorship change touched (a sign-up, a pair formed or ended, a request
 * made or answered, a check-in), so their partner, goals and next check-in are current. Listeners and jobs call it
 * after the change is committed; each person is queued once however often they are named.
 */
export async function republishMentorshipHomes(
  queues: Pick<JobQueues, 'enqueue'>,
  workspaceId: string,
  userIds: Iterable<string>,
): Promise<void> {
  for (const userId of new Set(userIds)) await queues.enqueue('home.publish', { workspaceId, userId });
}
