import type { Button } from '@slack/types';
import { actions, button, context, plainText, type SlackMessage, section } from '../platform/block-kit.ts';

export const rematchAskActionId = 'mentorship_rematch_ask';
const confidential =
  'Confidential: if you ask, your partner is told only that the pair ends and a new match is coming.';

/** After the first meeting, to each person on their own: is this a good fit, and the way out that names nobody. */
export function fitCheckMessage(input: { pairId: string; partnerId: string }): SlackMessage {
  const ask: Button = {
    ...button({ text: 'Ask for a different match', actionId: rematchAskActionId, value: input.pairId }),
    confirm: {
      title: plainText('A different match?'),
      text: plainText(
        'Your current pair ends now, and Nudge looks for a new match for both of you within 48 hours. Your partner is not told who asked.',
      ),
      confirm: plainText('Yes, end this pair'),
      deny: plainText('Keep my match'),
    },
  };
  return {
    text: 'You had your first mentorship meeting: is this a good fit?',
    blocks: [
      section(
        `:handshake: You had your first meeting with <@${input.partnerId}>. Is this a good fit? If it is, there is nothing to do.`,
      ),
      actions([ask], 'mentorship_fit_check'),
      context(confidential),
    ],
  };
}

/** In place of the fit check once a different match was asked for. */
export function rematchAskedMessage(): SlackMessage {
  const text =
    'Done: this pair has ended. Nudge is looking for a new match for you and will tell you within 48 hours. Your former partner was not told who asked.';
  return { text, blocks: [section(`:arrows_counterclockwise: ${text}`)] };
}
