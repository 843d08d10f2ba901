import type { KnownBlock } from '@slack/types';
import type { MentorRequestDetails } from '../../domain/mentorship/request-details.ts';
import { plural } from '../../domain/text/english.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { actions, button, context, type SlackMessage, section } from '../platform/block-kit.ts';
import { listOf, slackDateTime } from './mentor-suggestions.blocks.ts';

export const acceptRequestActionId = 'mentorship_request_accept';
export const declineRequestActionId = 'mentorship_request_decline';

/** The idempotency keys of what the requests flow posts: one message per key, ever. */
export const mentorRequestKey = (requestId: string) => `mentorship.request.${requestId}`;
export const acceptedKey = (requestId: string) => `mentorship.accepted.${requestId}`;
export const handoffKey = (requestId: string) => `mentorship.handoff.${requestId}`;

function aboutMentee(details: MentorRequestDetails): string[] {
  const lines: string[] = [];
  if (details.goals.trim() !== '') lines.push(`*Their goals:* ${escapeMrkdwn(details.goals)}`);
  if (details.learns.length > 0) lines.push(`*Skills they want to learn:* ${escapeMrkdwn(listOf(details.learns))}`);
  if (details.common.length > 0) lines.push(`*You teach:* ${escapeMrkdwn(listOf(details.common))}`);
  return lines;
}

/** The mentor's DM: who asks, for what, and the two answers. */
export function mentorRequestMessage(details: MentorRequestDetails): SlackMessage {
  const text = `<@${details.menteeId}> would like you as their mentor in <#${details.channelId}>.`;
  const blocks: KnownBlock[] = [section(text)];
  const about = aboutMentee(details);
  if (about.length > 0) blocks.push(section(about.join('\n')));
  blocks.push(
    actions(
      [
        button({ text: 'Accept', actionId: acceptRequestActionId, value: details.requestId, style: 'primary' }),
        button({ text: 'Decline', actionId: declineRequestActionId, value: details.requestId }),
      ],
      'mentorship_request_answer',
    ),
    context(
      `Please answer by ${slackDateTime(details.expiresAt)}; after that the request passes on. A decline stays between you and Nudge: <@${details.menteeId}> is simply offered another mentor.`,
    ),
  );
  return { text, blocks };
}

/** The mentor's DM once answered: what they chose, and no buttons left to click. */
export function mentorAnsweredMessage(
  details: MentorRequestDetails,
  outcome: 'accepted' | 'declined' | 'closed' | 'mentee_matched',
): SlackMessage {
  const head = {
    accepted: `You accepted <@${details.menteeId}> as your mentee in <#${details.channelId}>. Nudge is introducing you both in a group DM.`,
    declined: `You declined <@${details.menteeId}>'s request in <#${details.channelId}>. They will not be told; Nudge suggests another mentor to them.`,
    closed: `<@${details.menteeId}>'s request in <#${details.channelId}> closed before you answered, so there is nothing left to answer.`,
    mentee_matched: `<@${details.menteeId}> found a mentor in <#${details.channelId}> meanwhile, so there is nothing left to answer.`,
  }[outcome];
  const about = aboutMentee(details);
  return { text: head, blocks: [section(head), ...(about.length > 0 ? [context(about.join('\n'))] : [])] };
}

/** To the mentor who accepted with every seat taken: nothing changed, the request stays theirs to answer. */
export function mentorFullMessage(details: MentorRequestDetails): string {
  return `You already mentor ${plural(details.capacity, 'person', 'people')} in <#${details.channelId}>, your capacity, so <@${details.menteeId}> could not be added. Nudge is suggesting another mentor to them; their request stays open until ${slackDateTime(details.expiresAt)} in case a seat frees up.`;
}

/** To the mentee: the mentor accepted. */
export function matchedMessage(details: MentorRequestDetails): SlackMessage {
  const text = `<@${details.mentorId}> accepted your request: they are your mentor in <#${details.channelId}>.`;
  return {
    text,
    blocks: [
      section(text),
      context('Nudge is introducing you both in a group DM, with your goals and a first agenda.'),
    ],
  };
}
