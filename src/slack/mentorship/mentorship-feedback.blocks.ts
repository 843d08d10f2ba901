import type { ModalView } from '@slack/types';
import type { FeedbackErrors } from '../../domain/mentorship/feedback.ts';
import { feedbackCommentMax } from '../../domain/mentorship/feedback.ts';
import {
  actions,
  button,
  context,
  input,
  option,
  plainText,
  type SlackMessage,
  section,
  slackDate,
} from '../platform/block-kit.ts';

export const feedbackOpenActionId = 'mentorship_feedback_open';
export const feedbackCallbackId = 'mentorship_feedback';
/** Where each answer sits in the modal's state: block id → action id. */
export const feedbackBlocks = {
  rating: { block: 'mentorship_feedback_rating', action: 'rating' },
  comment: { block: 'mentorship_feedback_comment', action: 'comment' },
  continueNext: { block: 'mentorship_feedback_continue', action: 'continue' },
} as const;

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const privately =
  'Private: your partner and the admins never see your answers; admins only see totals over 5 or more people.';

/** At the cycle's end, to each person on their own: the button that opens the feedback form. */
export function feedbackRequestMessage(input: { pairId: string; partnerId: string; closesAt: Date }): SlackMessage {
  const line = `:mortar_board: Your mentorship cycle with <@${input.partnerId}> has come to its end. How did it go, and would you like another cycle together? Please answer by ${slackDate(input.closesAt, dayFormat.format(input.closesAt))}.`;
  return {
    text: 'Your mentorship cycle has come to its end: how did it go?',
    blocks: [
      section(line),
      actions(
        [button({ text: 'Give feedback', actionId: feedbackOpenActionId, value: input.pairId, style: 'primary' })],
        'mentorship_feedback',
      ),
      context(`You continue together only if you both say yes. ${privately}`),
    ],
  };
}

/** The feedback form; its pair travels in private_metadata and is checked again on submission. */
export function feedbackModal(form: { pairId: string; partnerName: string }): ModalView {
  return {
    type: 'modal',
    callback_id: feedbackCallbackId,
    title: plainText('Mentorship feedback'),
    submit: plainText('Send'),
    close: plainText('Cancel'),
    private_metadata: JSON.stringify({ pairId: form.pairId }),
    blocks: [
      section(`Your cycle with ${form.partnerName}. ${privately}`),
      input(feedbackBlocks.rating.block, 'How useful was this cycle?', {
        type: 'static_select',
        action_id: feedbackBlocks.rating.action,
        placeholder: plainText('1 to 5'),
        options: ['1: not useful', '2', '3', '4', '5: very useful'].map((label, i) => option(label, String(i + 1))),
      }),
      input(
        feedbackBlocks.comment.block,
        'Anything to add?',
        {
          type: 'plain_text_input',
          action_id: feedbackBlocks.comment.action,
          multiline: true,
          max_length: feedbackCommentMax,
        },
        true,
      ),
      input(feedbackBlocks.continueNext.block, 'Continue for another cycle together?', {
        type: 'radio_buttons',
        action_id: feedbackBlocks.continueNext.action,
        options: [option('Yes, another cycle together', 'yes'), option('No, thank you', 'no')],
      }),
    ],
  };
}

/** The modal's errors, under the inputs they belong to. */
export function feedbackErrors(errors: FeedbackErrors): Record<string, string> {
  const out: Record<string, string> = {};
  if (errors.rating) out[feedbackBlocks.rating.block] = errors.rating;
  if (errors.comment) out[feedbackBlocks.comment.block] = errors.comment;
  if (errors.continueNext) out[feedbackBlocks.continueNext.block] = errors.continueNext;
  return out;
}

export function feedbackThanksView(text: string): ModalView {
  return { type: 'modal', title: plainText('Thank you'), close: plainText('Done'), blocks: [section(text)] };
}

/** In place of the feedback request once answered. */
export function feedbackGivenMessage(): SlackMessage {
  const text = 'Thank you: your feedback is saved. Nudge tells you both what happens next once you have both answered.';
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}
