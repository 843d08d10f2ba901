import { planLearningHandoff, recordLearningHandoff } from '../../src/domain/learning/learning-handoff.ts';
import { republishLearningHomes } from '../../src/slack/learning/learning-home-refresh.ts';
import { learningHandoffKey, nextExpertsMessage } from '../../src/slack/learning/learning-requests.blocks.ts';
import type { Processor } from '../processor.ts';

/**
 * The asker of a declined or expired request (the same words either way) is offered the next people for the skill,
 * a colleague the expert suggested first when they qualify. Recorded after the post, and keyed by the request, so a
 * retry finds the post already sent.
 */
export const processLearningHandoff: Processor<'learning.handoff'> = async (data, { deps }) => {
  const now = deps.clock.now();
  const plan = await planLearningHandoff(deps.db, { ...data, now });
  if (plan.kind === 'nothing') return { skipped: plan.reason };
  await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: learningHandoffKey(plan.request.id),
    to: { users: [plan.request.asker_id] },
    ...nextExpertsMessage(plan.suggestions),
  });
  await recordLearningHandoff(deps.db, { workspaceId: data.workspaceId, requestId: plan.request.id, now });
  await republishLearningHomes(deps.queues, data.workspaceId, plan.request);
  return { offered: plan.suggestions.suggestions.map((s) => s.expertId) };
};
