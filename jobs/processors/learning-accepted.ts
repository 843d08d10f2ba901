import { learningRequestDetails } from '../../src/domain/learning/learning-handoff.ts';
import { learningAcceptedKey, learningIntroMessage } from '../../src/slack/learning/learning-requests.blocks.ts';
import { queueInsightsUpdate } from '../insights-update.ts';
import type { Processor } from '../processor.ts';

/** The expert accepted: a group DM of both with a first step, keyed by the request, so opened and posted once. */
export const processLearningAccepted: Processor<'learning.accepted'> = async (data, { deps }) => {
  const request = await learningRequestDetails(deps.db, data);
  if (request?.status !== 'accepted') return { skipped: 'request not accepted' };
  await queueInsightsUpdate(deps.queues, data.workspaceId, deps.clock.now());
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: learningAcceptedKey(request.id),
    to: { users: [request.asker_id, request.expert_id] },
    ...learningIntroMessage(request),
  });
  return { introduced: request.id, alreadySent: sent.alreadySent };
};
