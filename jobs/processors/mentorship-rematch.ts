import { recordRematchNotified, rematchAfterAsk } from '../../src/domain/mentorship/rematch.ts';
import { noMatchNowMessage } from '../../src/slack/mentorship/mentorship-pair-notices.blocks.ts';
import type { Processor } from '../processor.ts';

/**
 * Re-matches the two people of a pair ended on a confidential ask (exactly once, in the domain), introduces each new
 * pair, and tells whoever could not be placed that nobody fits now. A repeated run finds the same outcome, so the
 * intros and notices it queues or sends again are the same ones.
 */
export const processMentorshipRematch: Processor<'mentorship.rematch'> = async (data, { deps }) => {
  const result = await rematchAfterAsk(deps.db, { ...data, now: deps.clock.now() });
  if (!result.ok) return { skipped: result.refused };
  for (const pairId of result.pairIds)
    await deps.queues.enqueue('mentorship.intro', { workspaceId: data.workspaceId, pairId }, { retryExhausted: true });
  for (const person of result.unmatched) {
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: `mentorship.rematch.${data.pairId}.${person.userId}`,
      to: { users: [person.userId] },
      ...noMatchNowMessage({
        as: person.as,
        ...(person.reason ? { reason: person.reason } : {}),
        channelId: result.channelId,
      }),
    });
  }
  await recordRematchNotified(deps.db, { ...data, now: deps.clock.now() });
  return { paired: result.pairIds.length, told: result.unmatched.length };
};
