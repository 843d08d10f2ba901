import { mentorRequestDetails } from '../../src/domain/mentorship/request-details.ts';
import { acceptedKey, matchedMessage } from '../../src/slack/mentorship/mentor-requests.blocks.ts';
import type { Processor } from '../processor.ts';

/** The mentee hears their mentor accepted, and the pair's intro is queued (its own job, sent once). */
export const processMentorshipAccepted: Processor<'mentorship.accepted'> = async (data, { deps }) => {
  const details = await mentorRequestDetails(deps.db, data);
  if (details?.status !== 'accepted') return { skipped: 'request not accepted' };
  // The intro first: it is what the pair needs, whatever becomes of this note.
  if (details.pairId)
    await deps.queues.enqueue('mentorship.intro', { workspaceId: data.workspaceId, pairId: details.pairId });
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: acceptedKey(details.requestId),
    to: { users: [details.menteeId] },
    ...matchedMessage(details),
  });
  return { told: details.menteeId, pairId: details.pairId, alreadySent: sent.alreadySent };
};
