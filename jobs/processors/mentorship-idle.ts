import { idleNoticeToSend, recordIdleNotice } from '../../src/domain/mentorship/idle.ts';
import { checkinEveryMillis, pairPeople, partnerOf } from '../../src/domain/mentorship/pair-timeline.ts';
import { idleNudgeMessage, idleWarningMessage } from '../../src/slack/mentorship/mentorship-pair-notices.blocks.ts';
import type { Processor } from '../processor.ts';

/**
 * A quiet pair's gentle nudge (four weeks) or end warning (90 days), to each person on their own, once per quiet
 * stretch: the key carries the stretch's start, and a meeting recorded since the sweep makes it not due.
 */
export const processMentorshipIdle: Processor<'mentorship.idle'> = async (data, { deps }) => {
  const now = deps.clock.now();
  const due = await idleNoticeToSend(deps.db, { ...data, now });
  if (!due.ok) return { skipped: due.skipped };
  const { pair } = due;
  // The buttons answer the check-in asked most recently, the one a meeting would be reported on.
  const number = Math.max(1, Math.floor((now.getTime() - pair.started_at.getTime()) / checkinEveryMillis));
  for (const userId of pairPeople(pair)) {
    const partnerId = partnerOf(pair, userId);
    const message =
      data.notice === 'nudge'
        ? idleNudgeMessage({ pairId: pair.id, number, partnerId, since: due.since })
        : idleWarningMessage({ pairId: pair.id, number, partnerId, since: due.since, endsAt: due.endsAt });
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: `mentorship.idle-${data.notice}.${pair.id}.${due.since.getTime()}.${userId}`,
      to: { users: [userId] },
      ...message,
    });
  }
  await recordIdleNotice(deps.db, { workspaceId: data.workspaceId, pairId: pair.id, notice: data.notice, now });
  return { sent: 2, notice: data.notice };
};
