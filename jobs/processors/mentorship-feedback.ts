import { feedbackToAsk, recordFeedbackAsked } from '../../src/domain/mentorship/feedback.ts';
import { partnerOf } from '../../src/domain/mentorship/pair-timeline.ts';
import { feedbackRequestMessage } from '../../src/slack/mentorship/mentorship-feedback.blocks.ts';
import type { Processor } from '../processor.ts';

/** At the cycle's end: the private feedback request to each person on their own, once each. */
export const processMentorshipFeedback: Processor<'mentorship.feedback'> = async (data, { deps }) => {
  const due = await feedbackToAsk(deps.db, { ...data, now: deps.clock.now() });
  if (!due.ok) return { skipped: due.skipped };
  for (const userId of due.recipients) {
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: `mentorship.feedback.${due.pair.id}.${userId}`,
      to: { users: [userId] },
      ...feedbackRequestMessage({
        pairId: due.pair.id,
        partnerId: partnerOf(due.pair, userId),
        closesAt: due.closesAt,
      }),
    });
    await recordFeedbackAsked(deps.db, {
      workspaceId: data.workspaceId,
      pairId: due.pair.id,
      userId,
      now: deps.clock.now(),
    });
  }
  return { sent: due.recipients.length };
};
