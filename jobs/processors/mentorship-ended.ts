import { endNoticeFor, recordEndNotified } from '../../src/domain/mentorship/end-notice.ts';
import { pairPeople, partnerOf } from '../../src/domain/mentorship/pair-timeline.ts';
import { pairEndedMessage } from '../../src/slack/mentorship/mentorship-pair-notices.blocks.ts';
import type { Processor } from '../processor.ts';

/** Tells both people, each on their own and in the same words, that their pair ended (or goes on), once. */
export const processMentorshipEnded: Processor<'mentorship.ended'> = async (data, { deps }) => {
  const notice = await endNoticeFor(deps.db, data);
  if (!notice.ok) return { skipped: notice.skipped };
  for (const userId of pairPeople(notice.pair)) {
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: `mentorship.ended.${notice.pair.id}.${userId}`,
      to: { users: [userId] },
      ...pairEndedMessage({
        reason: notice.reason,
        partnerId: partnerOf(notice.pair, userId),
        ...(notice.continuedUntil ? { continuedUntil: notice.continuedUntil } : {}),
      }),
    });
  }
  await recordEndNotified(deps.db, { workspaceId: data.workspaceId, pairId: notice.pair.id, now: deps.clock.now() });
  return { sent: 2, reason: notice.reason };
};
