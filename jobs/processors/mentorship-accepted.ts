import { mentorRequestDetails } from '../../src/domain/mentorship/request-details.ts';
import { acceptedKey, matchedMessage } from '../../src/slack/mentorship/mentor-requests.blocks.ts';
import type { Processor } from '../processor.ts';

/** The mentee hears their mentor accepted; the pair's intro follows as its own job. */
export const processMentorshipAccepted: Processor<'mentorship.accepted'> = async (data, { deps }) => {
  const details = await mentorRequestDetails(deps.db, data);
  if (details?.status !== 'accepted') return { skipped: 'request not accepted' };
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: acceptedKey(details.requestId),
    to: { users: [details.menteeId] },
    ...matchedMessage(details),
  });
  return { told: details.menteeId, pairId: details.pairId, alreadySent: sent.alreadySent };
};
