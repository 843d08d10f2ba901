import { expireLearningRequests } from '../../src/domain/learning/expire-learning-requests.ts';
import { queueInsightsUpdate } from '../insights-update.ts';
import type { Processor } from '../processor.ts';

/**
 * Hourly per workspace with learning requests in flight: requests unanswered for 72 hours close and their askers are
 * offered the next person. Every hand-off still owed and every open request's DM is queued again under its
 * deterministic id, so a job lost to a crash or a flushed Redis is made good, and one already done changes nothing.
 */
export const processLearningExpire: Processor<'learning.expire'> = async (data, { deps }) => {
  const owed = await expireLearningRequests(deps.db, { workspaceId: data.workspaceId, now: deps.clock.now() });
  for (const requestId of owed.handoffs)
    await deps.queues.enqueue('learning.handoff', { ...data, requestId }, { retryExhausted: true });
  for (const requestId of owed.open)
    await deps.queues.enqueue('learning.request', { ...data, requestId }, { retryExhausted: true });
  if (owed.expired > 0) await queueInsightsUpdate(deps.queues, data.workspaceId, deps.clock.now());
  return { expired: owed.expired, handoffs: owed.handoffs.length, open: owed.open.length };
};
