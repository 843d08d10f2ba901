import { answerRequest } from '../../domain/mentorship/answer-request.ts';
import { mentorRequestDetails } from '../../domain/mentorship/request-details.ts';
import type { SlackMessage } from '../platform/block-kit.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import {
  acceptRequestActionId,
  declineRequestActionId,
  mentorAnsweredMessage,
  mentorFullMessage,
} from './mentor-requests.blocks.ts';

const uuid = /^[0-9a-f-]{36}$/;
const notYours = 'This request is not for you, or no longer exists.';

/**
 * The mentor's Accept and Decline in their request DM. The DM is rewritten in place to say what they chose, so
 * there is nothing left to click; the mentee hears of an accept, and of a decline only as their next suggestion.
 */
export function registerMentorRequests(surface: SlackSurface, deps: ListenerDeps): void {
  const answer = async (
    choice: 'accept' | 'decline',
    { ack, action, body, respond, context }: Parameters<ActionHandler>[0],
  ): Promise<void> => {
    await ack();
    const workspaceId = workspaceOf(context);
    const tell = async (text: string) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    };
    const replace = async (message: SlackMessage) => {
      await respond({ replace_original: true, ...message }).catch(() => {});
    };
    const requestId = actionValue(action) ?? '';
    if (!uuid.test(requestId)) return await tell(notYours);
    const result = await answerRequest(deps.db, {
      workspaceId,
      requestId,
      mentorId: body.user.id,
      answer: choice,
      now: deps.clock.now(),
    });
    const details = await mentorRequestDetails(deps.db, { workspaceId, requestId });
    if (!details || (!result.ok && result.refused === 'not_found')) return await tell(notYours);
    if (result.ok) {
      // Queued on a repeated click too: the job id is the request's, so the mentee still hears once.
      if (result.outcome === 'accepted') await deps.queues.enqueue('mentorship.accepted', { workspaceId, requestId });
      else await deps.queues.enqueue('mentorship.handoff', { workspaceId, requestId });
      return await replace(mentorAnsweredMessage(details, result.outcome));
    }
    switch (result.refused) {
      case 'full':
        await deps.queues.enqueue('mentorship.handoff', { workspaceId, requestId });
        return await tell(mentorFullMessage(details));
      case 'already_answered':
        return await replace(mentorAnsweredMessage(details, details.status === 'accepted' ? 'accepted' : 'declined'));
      case 'mentee_matched':
        return await replace(mentorAnsweredMessage(details, 'mentee_matched'));
      case 'no_longer_open':
        return await replace(
          mentorAnsweredMessage(details, details.status === 'withdrawn' ? 'mentee_matched' : 'closed'),
        );
    }
  };
  const handleAcceptRequest: ActionHandler = async (args) => await answer('accept', args);
  surface.action(acceptRequestActionId, handleAcceptRequest);
  const handleDeclineRequest: ActionHandler = async (args) => await answer('decline', args);
  surface.action(declineRequestActionId, handleDeclineRequest);
}
