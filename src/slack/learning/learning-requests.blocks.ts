import type { KnownBlock, ModalView } from '@slack/types';
import type { LearningRequestKind } from '../../db/schema-learning.ts';
import type { ExpertSuggestion, ExpertSuggestionsResult } from '../../domain/learning/expert-suggestions.ts';
import { learningRequestLifetimeMs } from '../../domain/learning/expire-learning-requests.ts';
import type { RequestLearningResult } from '../../domain/learning/request-learning.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { listOf, slackDateTime } from '../mentorship/mentor-suggestions.blocks.ts';
import {
  actions,
  button,
  context,
  input,
  option,
  plainText,
  type SlackMessage,
  section,
} from '../platform/block-kit.ts';
import { problemReply } from '../platform/error-replies.ts';

export const askExpertActionId = 'learning_ask';
export const findSkillActionId = 'learning_find';
export const shadowExpertActionId = 'learning_shadow';
export const acceptLearningActionId = 'learning_request_accept';
export const declineLearningActionId = 'learning_request_decline';
export const suggestColleagueActionId = 'learning_request_suggest';
export const shadowModalCallbackId = 'learning_shadow_modal';
export const suggestColleagueCallbackId = 'learning_suggest_modal';
export const learnShortcutCallbackId = 'learning_learn_something';
export const learnSkillModalCallbackId = 'learning_skill_modal';

/** The idempotency keys of what the learning requests post: one message per key, ever. */
export const learningRequestKey = (requestId: string) => `learning.request.${requestId}`;
export const learningAcceptedKey = (requestId: string) => `learning.accepted.${requestId}`;
export const learningHandoffKey = (requestId: string) => `learning.handoff.${requestId}`;

/** An Ask button's value: who, and the skill as the asker typed it (after the first `|`, so it may hold one). */
export function askValue(expertId: string, skill: string): string {
  return `${expertId}|${skill}`;
}

export function parseAskValue(value: string): { expertId: string; skill: string } | undefined {
  const at = value.indexOf('|');
  if (at < 0) return undefined;
  const expertId = value.slice(0, at);
  if (!/^[A-Z0-9]{2,30}$/.test(expertId)) return undefined;
  return { expertId, skill: value.slice(at + 1) };
}

function why(s: ExpertSuggestion): string {
  const reasons = [`asks to be asked about ${escapeMrkdwn(listOf(s.tags))}`];
  if (s.otherTeam) reasons.push('works in another team');
  if (s.overlappingHours) reasons.push('has working hours that overlap yours');
  return reasons.join('; ');
}

type Suggestions = Extract<ExpertSuggestionsResult, { ok: true }>;

function suggestionBlocks(result: Suggestions): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const s of result.suggestions) {
    blocks.push(
      section(`<@${s.expertId}>: ${why(s)}.`),
      actions([
        button({
          text: 'Ask',
          actionId: askExpertActionId,
          value: askValue(s.expertId, result.skill),
          style: 'primary',
        }),
        button({ text: 'Shadow them…', actionId: shadowExpertActionId, value: askValue(s.expertId, result.skill) }),
      ]),
    );
  }
  return blocks;
}

const nobodyNote =
  'Nobody who lists it under *ask me about* is free right now (each person gets at most a few requests a week). Try again in a few days, or try a related skill.';

/** `/nudge learn <skill>`: up to three people with why, each with Ask and Shadow. */
export function expertSuggestionsMessage(result: Suggestions): SlackMessage {
  const skill = escapeMrkdwn(result.skill);
  if (result.suggestions.length === 0 && result.closest.length > 0) {
    const text = `No one lists *${skill}* under *ask me about*. Did you mean one of these?`;
    return {
      text,
      blocks: [
        section(text),
        actions(result.closest.map((s) => button({ text: s.slice(0, 75), actionId: findSkillActionId, value: s }))),
      ],
    };
  }
  if (result.suggestions.length === 0) {
    const text = `No one can be asked about *${skill}* right now.`;
    return { text, blocks: [section(text), context(nobodyNote)] };
  }
  const text = `People who can help you learn *${skill}*:`;
  return {
    text,
    blocks: [
      section(text),
      ...suggestionBlocks(result),
      context('Ask to learn from them, or to shadow them for an hour or half a day. They have 72 hours to answer.'),
    ],
  };
}

/**
 * The asker's next suggestions after a request closed without an accept. A decline and an expiry read the same, so
 * the asker never learns which it was.
 */
export function nextExpertsMessage(result: Suggestions): SlackMessage {
  const skill = escapeMrkdwn(result.skill);
  const head = `Your request about *${skill}* closed without an answer.`;
  if (result.suggestions.length === 0) {
    const text = `${head} No one else can be asked about it right now.`;
    return { text, blocks: [section(text), context(nobodyNote)] };
  }
  const text = `${head} Here are other people who can help:`;
  return { text, blocks: [section(text), ...suggestionBlocks(result)] };
}

export function skillRefusal(refused: 'no_skill' | 'too_long'): SlackMessage {
  return refused === 'too_long'
    ? problemReply('That skill is longer than 100 characters.', 'Name it in a few words, such as `/nudge learn rust`.')
    : problemReply('Which skill would you like to learn?', 'Name it after the command, such as `/nudge learn rust`.');
}

export function skillRefusalText(refused: 'no_skill' | 'too_long'): string {
  return refused === 'too_long' ? 'Keep it under 100 characters.' : 'Name a skill, such as Rust.';
}

const kindWords: Record<LearningRequestKind, string> = {
  learn: 'to learn',
  shadow_hour: 'to shadow you for an hour',
  shadow_half_day: 'to shadow you for half a day',
};

export function askRefusal(
  refused: Exclude<RequestLearningResult, { ok: true }>['refused'] | 'bad_value',
  expertId: string,
): SlackMessage {
  switch (refused) {
    case 'self':
      return problemReply('You cannot ask yourself.', 'Pick someone else from the suggestions.');
    case 'no_skill':
    case 'too_long':
      return skillRefusal(refused);
    case 'bad_date':
      return problemReply('That date is not a day to come.', 'Pick today or a later day.');
    case 'not_opted_in':
      return problemReply(
        `<@${expertId}> does not list that skill under *ask me about*, so they cannot be asked about it.`,
        'Run `/nudge learn` again for people who can help.',
      );
    case 'unavailable':
      return problemReply(
        `<@${expertId}> cannot take this request right now.`,
        'Run `/nudge learn` again for people who are free.',
      );
    case 'bad_value':
      return problemReply('That button no longer works.', 'Run `/nudge learn` again.');
  }
}

export function requestSentMessage(input: { expertId: string; requestedAt: Date; duplicate: boolean }): SlackMessage {
  const until = slackDateTime(new Date(input.requestedAt.getTime() + learningRequestLifetimeMs));
  const text = input.duplicate
    ? `You have already asked <@${input.expertId}>; they have until ${until} to answer.`
    : `Your request went to <@${input.expertId}>. They have until ${until} to answer; Nudge tells you as soon as they accept.`;
  return { text, blocks: [section(text)] };
}

export interface LearningRequestView {
  id: string;
  asker_id: string;
  expert_id: string;
  skill: string;
  kind: LearningRequestKind;
  proposed_date: string | null;
  requested_at: Date;
}

/** What the asker wants, as the expert reads it: "would like to learn *Rust* from you." */
export function learningRequestWhat(r: Pick<LearningRequestView, 'kind' | 'proposed_date' | 'skill'>): string {
  const date = r.proposed_date ? ` on ${r.proposed_date}` : '';
  return r.kind === 'learn'
    ? `would like to learn *${escapeMrkdwn(r.skill)}* from you.`
    : `would like ${kindWords[r.kind]}${date}, to learn *${escapeMrkdwn(r.skill)}*.`;
}

/** The expert's DM: who asks, for what, and the three answers. */
export function learningRequestMessage(r: LearningRequestView): SlackMessage {
  const text = `<@${r.asker_id}> ${learningRequestWhat(r)}`;
  const until = slackDateTime(new Date(r.requested_at.getTime() + learningRequestLifetimeMs));
  return {
    text,
    blocks: [
      section(text),
      actions(
        [
          button({ text: 'Accept', actionId: acceptLearningActionId, value: r.id, style: 'primary' }),
          button({ text: 'Decline', actionId: declineLearningActionId, value: r.id }),
          button({ text: 'Suggest someone else', actionId: suggestColleagueActionId, value: r.id }),
        ],
        'learning_request_answer',
      ),
      context(
        `You were asked because you list it under *ask me about*. Please answer by ${until}. A decline stays between you and Nudge: <@${r.asker_id}> is simply offered someone else.`,
      ),
    ],
  };
}

/** The expert's DM once answered: what they chose, no buttons left. */
export function learningAnsweredMessage(
  r: LearningRequestView,
  outcome: 'accepted' | 'declined' | 'suggested' | 'closed',
): SlackMessage {
  const text = {
    accepted: `You accepted <@${r.asker_id}>'s request about *${escapeMrkdwn(r.skill)}*. Nudge is introducing you both in a group DM.`,
    declined: `You declined <@${r.asker_id}>'s request about *${escapeMrkdwn(r.skill)}*. They will not be told; Nudge suggests someone else to them.`,
    suggested: `You passed <@${r.asker_id}>'s request about *${escapeMrkdwn(r.skill)}* on. They will not be told you declined; Nudge offers them your suggestion if that person can be asked about it.`,
    closed: `<@${r.asker_id}>'s request about *${escapeMrkdwn(r.skill)}* closed before you answered, so there is nothing left to answer.`,
  }[outcome];
  return { text, blocks: [section(text)] };
}

/** The group DM of both once the expert accepts, with a first step. */
export function learningIntroMessage(r: LearningRequestView): SlackMessage {
  const text = `<@${r.asker_id}>, <@${r.expert_id}> is happy to help you with *${escapeMrkdwn(r.skill)}*.`;
  const step =
    r.kind === 'learn'
      ? `A first step: <@${r.asker_id}>, say what you already know and what you want to be able to do, and find 30 minutes this week.`
      : `A first step: agree the time on ${r.proposed_date ?? 'the proposed day'} (${r.kind === 'shadow_hour' ? 'an hour' : 'half a day'}), and what <@${r.asker_id}> should read or set up beforehand.`;
  return { text, blocks: [section(text), section(step)] };
}

/** The small modal behind "Shadow them…": how long and which day. */
export function shadowModal(expertId: string, skill: string, names: ReadonlyMap<string, string>): ModalView {
  return {
    type: 'modal',
    callback_id: shadowModalCallbackId,
    private_metadata: askValue(expertId, skill),
    title: plainText('Shadow someone'),
    submit: plainText('Send request'),
    close: plainText('Cancel'),
    blocks: [
      section(
        `Ask ${escapeMrkdwn(names.get(expertId) ?? 'them')} to let you shadow them, to learn *${escapeMrkdwn(skill)}*.`,
      ),
      input('length', 'For how long', {
        type: 'static_select',
        action_id: 'value',
        initial_option: option('An hour', 'shadow_hour'),
        options: [option('An hour', 'shadow_hour'), option('Half a day', 'shadow_half_day')],
      }),
      input('date', 'Proposed day', { type: 'datepicker', action_id: 'value' }),
    ],
  };
}

/** The modal behind the "Learn something" shortcut: which skill. */
export function learnSkillModal(): ModalView {
  return {
    type: 'modal',
    callback_id: learnSkillModalCallbackId,
    title: plainText('Learn something'),
    submit: plainText('Find people'),
    close: plainText('Cancel'),
    blocks: [
      input('skill', 'What would you like to learn?', {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: 100,
        placeholder: plainText('Rust, public speaking, SQL…'),
      }),
    ],
  };
}

/** "Suggest someone else": the expert picks a colleague. */
export function suggestColleagueModal(requestId: string, skill: string): ModalView {
  return {
    type: 'modal',
    callback_id: suggestColleagueCallbackId,
    private_metadata: requestId,
    title: plainText('Suggest someone else'),
    submit: plainText('Suggest'),
    close: plainText('Cancel'),
    blocks: [
      input('colleague', `Who could help with ${skill.slice(0, 100)}?`, { type: 'users_select', action_id: 'value' }),
      section(
        'They are offered to the asker only if they list the skill under *ask me about*; otherwise the asker gets their next suggestions. Either way the asker is not told you declined.',
      ),
    ],
  };
}
