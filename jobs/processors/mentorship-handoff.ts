import { planHandoff, recordHandoff } from '../../src/domain/mentorship/handoff.ts';
import { memberNames } from '../../src/slack/directory/member-names.ts';
import { handoffKey } from '../../src/slack/mentorship/mentor-requests.blocks.ts';
import { nextSuggestionMessage } from '../../src/slack/mentorship/mentor-suggestions.blocks.ts';
import type { Processor } from '../processor.ts';

/**
 * A mentee whose request closed without a mentor (declined or expired alike), or whose mentor turned out full, gets
 * their next suggestion. Keyed by the first request it answers, and recorded after the post, so a retry or a
 * second hand-off for the same mentee finds the post already sent.
 */
export const processMentorshipHandoff: Processor<'mentorship.handoff'> = async (data, { deps }) => {
  const now = deps.clock.now();
  const plan = await planHandoff(deps.db, { ...data, now });
  if (plan.kind === 'nothing') return { skipped: plan.reason };
  if (plan.kind === 'offer') {
    const names = await memberNames(
      deps.db,
      data.workspaceId,
      plan.choices.suggestions.map((s) => s.mentorId),
    );
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: handoffKey(plan.keyRequestId),
      to: { users: [plan.menteeId] },
      ...nextSuggestionMessage(plan.programmeId, plan.choices, names),
    });
  }
  await recordHandoff(deps.db, { workspaceId: data.workspaceId, requestIds: plan.requestIds, now });
  return { handedOff: plan.requestIds.length, told: plan.kind === 'offer' };
};
