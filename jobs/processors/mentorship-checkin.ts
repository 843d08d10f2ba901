import { checkinToSend, recordCheckinSent } from '../../src/domain/mentorship/checkins.ts';
import { partnerOf } from '../../src/domain/mentorship/pair-timeline.ts';
import { checkinMessage } from '../../src/slack/mentorship/mentorship-checkin.blocks.ts';
import type { Processor } from '../processor.ts';

/** The idempotency key of one person's check-in DM. */
export const mentorshipCheckinKey = (pairId: string, number: number, userId: string) =>
  `mentorship.checkin.${pairId}.${number}.${userId}`;

/** A pair's two-week check-in: a DM to each person on their own, once each, recorded as it lands. */
export const processMentorshipCheckin: Processor<'mentorship.checkin'> = async (data, { deps }) => {
  const due = await checkinToSend(deps.db, { ...data, now: deps.clock.now() });
  if (!due.ok) return { skipped: due.skipped };
  for (const userId of due.recipients) {
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: mentorshipCheckinKey(due.pair.id, due.number, userId),
      to: { users: [userId] },
      ...checkinMessage({
        pairId: due.pair.id,
        number: due.number,
        partnerId: partnerOf(due.pair, userId),
        since: due.since,
      }),
    });
    await recordCheckinSent(deps.db, {
      workspaceId: data.workspaceId,
      pairId: due.pair.id,
      userId,
      number: due.number,
      now: deps.clock.now(),
    });
  }
  return { sent: due.recipients.length };
};
