import { learningRequestDetails } from '../../src/domain/learning/learning-handoff.ts';
import { learningRequestKey, learningRequestMessage } from '../../src/slack/learning/learning-requests.blocks.ts';
import type { Processor } from '../processor.ts';

/** The expert's DM with Accept, Decline and Suggest someone else; keyed by the request, so sent once. */
export const processLearningRequest: Processor<'learning.request'> = async (data, { deps }) => {
  const request = await learningRequestDetails(deps.db, data);
  if (!request) return { skipped: 'request not found' };
  // A request that closed before its DM went out has nothing left to answer.
  if (request.status !== 'open') return { skipped: `request ${request.status}` };
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: learningRequestKey(request.id),
    to: { users: [request.expert_id] },
    ...learningRequestMessage(request),
  });
  return { asked: request.expert_id, alreadySent: sent.alreadySent };
};
