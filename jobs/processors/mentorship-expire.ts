import { expireRequests } from '../../src/domain/mentorship/expire-requests.ts';
import { requestsToRedrive } from '../../src/domain/mentorship/handoff.ts';
import type { Processor } from '../processor.ts';

/**
 * Hourly per workspace whose mentees choose their mentor: requests unanswered for 72 hours close, and their mentees
 * are offered their next suggestion. Every hand-off still owed and every open request's DM is queued again under
 * its deterministic id, so a job lost to a crash or a flushed Redis is made good, and one already done changes
 * nothing.
 */
export const processMentorshipExpire: Processor<'mentorship.expire'> = async (data, { deps }) => {
  const { expired } = await expireRequests(deps.db, { workspaceId: data.workspaceId, now: deps.clock.now() });
  const owed = await requestsToRedrive(deps.db, data);
  for (const requestId of owed.handoffs)
    await deps.queues.enqueue('mentorship.handoff', { ...data, requestId }, { retryExhausted: true });
  for (const requestId of owed.open)
    await deps.queues.enqueue('mentorship.request', { ...data, requestId }, { retryExhausted: true });
  return { expired, handoffs: owed.handoffs.length, open: owed.open.length };
};
