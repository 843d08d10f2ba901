import { mentorRequestDetails } from '../../src/domain/mentorship/request-details.ts';
import { mentorRequestKey, mentorRequestMessage } from '../../src/slack/mentorship/mentor-requests.blocks.ts';
import type { Processor } from '../processor.ts';

/** The mentor's DM asking them to accept or decline a mentee's request; keyed by the request, so sent once. */
export const processMentorshipRequest: Processor<'mentorship.request'> = async (data, { deps }) => {
  const details = await mentorRequestDetails(deps.db, data);
  if (!details) return { skipped: 'request not found' };
  // A request that closed before its DM went out has nothing left to answer.
  if (details.status !== 'open') return { skipped: `request ${details.status}` };
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: mentorRequestKey(details.requestId),
    to: { users: [details.mentorId] },
    ...mentorRequestMessage(details),
  });
  return { asked: details.mentorId, alreadySent: sent.alreadySent };
};
