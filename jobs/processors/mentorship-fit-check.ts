import { fitCheckToSend, recordFitChecked } from '../../src/domain/mentorship/fit-check.ts';
import { pairPeople, partnerOf } from '../../src/domain/mentorship/pair-timeline.ts';
import { fitCheckMessage } from '../../src/slack/mentorship/mentorship-fit-check.blocks.ts';
import type { Processor } from '../processor.ts';

/** After a pair's first recorded meeting: "is this a good fit?" to each person on their own, once. */
export const processMentorshipFitCheck: Processor<'mentorship.fit-check'> = async (data, { deps }) => {
  const due = await fitCheckToSend(deps.db, data);
  if (!due.ok) return { skipped: due.skipped };
  for (const userId of pairPeople(due.pair)) {
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: `mentorship.fit-check.${due.pair.id}.${userId}`,
      to: { users: [userId] },
      ...fitCheckMessage({ pairId: due.pair.id, partnerId: partnerOf(due.pair, userId) }),
    });
  }
  await recordFitChecked(deps.db, { workspaceId: data.workspaceId, pairId: due.pair.id, now: deps.clock.now() });
  return { sent: 2 };
};
