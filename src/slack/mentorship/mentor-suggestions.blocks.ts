import type { KnownBlock } from '@slack/types';
import type { MentorChoice, MentorChoicesResult } from '../../domain/mentorship/mentor-choice.ts';
import { maxOpenRequests } from '../../domain/mentorship/requests.ts';
import { plural } from '../../domain/text/english.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { actions, button, context, type SlackMessage, section } from '../platform/block-kit.ts';
import { problemReply } from '../platform/error-replies.ts';

export const findMentorActionId = 'mentorship_find_mentor';
export const askMentorActionId = 'mentorship_request_ask';

/** The Ask button carries the programme and the mentor: a button in a DM has no channel to find the programme by. */
export function askValue(programmeId: string, mentorId: string): string {
  return `${programmeId}|${mentorId}`;
}

export function parseAskValue(value: string): { programmeId: string; mentorId: string } | null {
  const match = /^([0-9a-f-]{36})\|([UW][A-Z0-9]{2,30})$/.exec(value);
  return match ? { programmeId: match[1]!, mentorId: match[2]! } : null;
}

/** Shown in each reader's own time zone. */
export function slackDateTime(at: Date): string {
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

/** "Rust, Go and SQL" */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

type Names = ReadonlyMap<string, string>;
type Choices = Extract<MentorChoicesResult, { ok: true }>;

function findAgainButton(programmeId: string, text = 'Find a mentor'): KnownBlock {
  return actions([button({ text, actionId: findMentorActionId, value: programmeId })]);
}

function suggestionBlock(programmeId: string, choice: MentorChoice, names: Names): KnownBlock {
  const common = choice.common.length > 0 ? `\nSkills in common: ${escapeMrkdwn(listOf(choice.common))}` : '';
  return section(
    `*<@${choice.mentorId}>*: ${escapeMrkdwn(choice.why)}${common}`,
    button({
      text: `Ask ${names.get(choice.mentorId) ?? 'this mentor'}`,
      actionId: askMentorActionId,
      value: askValue(programmeId, choice.mentorId),
      style: 'primary',
    }),
  );
}

function waitingLine(open: Choices['open']): string {
  return open.map((r) => `<@${r.mentorId}> (until ${slackDateTime(r.expiresAt)})`).join(', ');
}

/** Why a mentee cannot look for a mentor here, and what to do instead. */
export function mentorChoicesRefusal(refused: Exclude<MentorChoicesResult, { ok: true }>): SlackMessage {
  switch (refused.refused) {
    case 'no_programme':
      return problemReply('That mentorship programme no longer exists.');
    case 'not_choice_mode':
      return problemReply(
        'In this programme the admins match mentors and mentees, so there is nobody to choose.',
        'You will hear from Nudge when the next cycle is matched.',
      );
    case 'not_mentee':
      return problemReply(
        'You have not signed up as a mentee in this programme, so Nudge has no one to suggest yet.',
        'Sign up as a mentee (or both) with `/mentor signup`, then look again.',
      );
    case 'already_matched':
      return problemReply(
        refused.mentorId
          ? `You already have a mentor in <#${refused.channelId}>: <@${refused.mentorId}>.`
          : `You already have a mentor in <#${refused.channelId}>.`,
        'A mentee has one mentor per cycle.',
      );
  }
}

/** A mentee's top suggestions, each with an Ask button, and the requests they are waiting on. */
export function mentorChoicesMessage(programmeId: string, choices: Choices, names: Names): SlackMessage {
  const blocks: KnownBlock[] = [];
  let text: string;
  if (!choices.canRequest) {
    text = `You are waiting for an answer from ${plural(choices.open.length, 'mentor')}, the most you can ask at once: ${waitingLine(choices.open)}.`;
    blocks.push(section(text));
    blocks.push(context('You can ask someone else as soon as one of them answers or their request passes on.'));
    return { text, blocks };
  }
  if (choices.suggestions.length === 0) {
    const wanted = choices.learns.length > 0 ? ` who teaches ${escapeMrkdwn(listOf(choices.learns))}` : '';
    text = `No mentor${wanted} has a free seat in <#${choices.channelId}> right now.`;
    blocks.push(section(text));
    blocks.push(context('Mentors join and seats free up during the cycle: look again later.'));
    blocks.push(findAgainButton(programmeId, 'Look again'));
  } else {
    text = `Mentors for you in <#${choices.channelId}>, best match first:`;
    blocks.push(section(text));
    for (const choice of choices.suggestions) blocks.push(suggestionBlock(programmeId, choice, names));
  }
  if (choices.open.length > 0) {
    blocks.push(context(`Waiting for an answer from ${waitingLine(choices.open)}.`));
  }
  return { text, blocks };
}

/**
 * What a mentee reads when a request closed without a mentor, whether the mentor declined or never answered: only
 * their next suggestion, never what happened to the request.
 */
export function nextSuggestionMessage(programmeId: string, choices: Choices, names: Names): SlackMessage {
  const [next] = choices.suggestions;
  if (!next) {
    const wanted = choices.learns.length > 0 ? ` who teaches ${escapeMrkdwn(listOf(choices.learns))}` : '';
    const text = `Nudge is still looking for a mentor for you in <#${choices.channelId}>: no other mentor${wanted} has a free seat right now.`;
    return {
      text,
      blocks: [
        section(text),
        context('Mentors join and seats free up during the cycle: look again later.'),
        findAgainButton(programmeId, 'Look again'),
      ],
    };
  }
  const teaches = next.common.length > 0 ? ` who teaches ${escapeMrkdwn(listOf(next.common))}` : '';
  const text = `Here is another mentor${teaches} in <#${choices.channelId}>: <@${next.mentorId}>.`;
  const blocks: KnownBlock[] = [section(text), suggestionBlock(programmeId, next, names)];
  if (choices.suggestions.length > 1) blocks.push(findAgainButton(programmeId, 'See all suggestions'));
  return { text, blocks };
}

/** The mentee's request went to the mentor. */
export function requestSentMessage(input: {
  mentorId: string;
  expiresAt: Date;
  duplicate: boolean;
  programmeId: string;
}): SlackMessage {
  const text = input.duplicate
    ? `You have already asked <@${input.mentorId}>; they have until ${slackDateTime(input.expiresAt)} to answer.`
    : `Your request went to <@${input.mentorId}>. They have until ${slackDateTime(input.expiresAt)} to answer; Nudge tells you here as soon as they accept.`;
  return {
    text,
    blocks: [
      section(text),
      context('If they cannot take you on, Nudge suggests another mentor.'),
      findAgainButton(input.programmeId, 'See my suggestions'),
    ],
  };
}

export type AskRefusal =
  | 'no_programme'
  | 'not_choice_mode'
  | 'self'
  | 'not_mentee'
  | 'not_mentor'
  | 'already_matched'
  | 'mentor_unavailable'
  | 'too_many_open'
  | 'bad_value';

/** Why asking this mentor did not work; a mentor who passed on this mentee reads exactly like a full one. */
export function askRefusal(refused: AskRefusal, input: { mentorId: string; programmeId: string }): SlackMessage {
  const more = (problem: string, hint: string): SlackMessage => {
    const reply = problemReply(problem, hint);
    return { text: reply.text, blocks: [...reply.blocks, findAgainButton(input.programmeId, 'See my suggestions')] };
  };
  switch (refused) {
    case 'bad_value':
    case 'no_programme':
      return problemReply('That mentorship programme no longer exists.');
    case 'not_choice_mode':
      return problemReply(
        'In this programme the admins match mentors and mentees, so mentors are not asked directly.',
        'You will hear from Nudge when the next cycle is matched.',
      );
    case 'self':
      return problemReply('You cannot be your own mentor.', 'Choose one of the other mentors suggested to you.');
    case 'not_mentee':
      return problemReply(
        'You have not signed up as a mentee in this programme, so you cannot ask a mentor yet.',
        'Sign up as a mentee (or both) with `/mentor signup`, then look again.',
      );
    case 'not_mentor':
      return more(`<@${input.mentorId}> no longer mentors in this programme.`, 'Choose another mentor.');
    case 'already_matched':
      return problemReply('You already have a mentor in this programme.', 'A mentee has one mentor per cycle.');
    case 'mentor_unavailable':
      return more(`<@${input.mentorId}> has no free seat right now.`, 'Choose another mentor.');
    case 'too_many_open':
      return more(
        `You are already waiting for an answer from ${plural(maxOpenRequests, 'mentor')}, the most you can ask at once.`,
        'You can ask someone else as soon as one of them answers or their request passes on.',
      );
  }
}
