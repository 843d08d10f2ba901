import type { KnownBlock, StaticSelect } from '@slack/types';
import {
  actions,
  button,
  context,
  option,
  plainText,
  type SlackMessage,
  section,
  slackDate,
} from '../platform/block-kit.ts';

export const checkinMetActionId = 'mentorship_checkin_met';
export const checkinNotMetActionId = 'mentorship_checkin_not_met';
export const checkinUsefulActionId = 'mentorship_checkin_useful';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const privately = 'Only you see this answer: not your partner, not the admins.';

/** What a check-in's buttons carry: which pair, which check-in (and, for the score, the score). */
export const checkinValue = (pairId: string, number: number) => `${pairId}|${number}`;

export function parseCheckinValue(value: string): { pairId: string; number: number; usefulness?: number } | undefined {
  const [pairId = '', number = '', usefulness] = value.split('|');
  if (!/^[0-9a-f-]{36}$/.test(pairId) || !/^\d{1,4}$/.test(number)) return undefined;
  if (usefulness !== undefined && !/^[1-5]$/.test(usefulness)) return undefined;
  return { pairId, number: Number(number), ...(usefulness ? { usefulness: Number(usefulness) } : {}) };
}

const sinceText = (since: Date) => slackDate(since, dayFormat.format(since));

/** The buttons that report a meeting: on a check-in, and on the idle nudge and warning (a meeting is the answer). */
export function meetingButtons(pairId: string, number: number): KnownBlock {
  return actions(
    [
      button({
        text: 'Yes, we met',
        actionId: checkinMetActionId,
        value: checkinValue(pairId, number),
        style: 'primary',
      }),
      button({ text: 'Not yet', actionId: checkinNotMetActionId, value: checkinValue(pairId, number) }),
    ],
    'mentorship_checkin',
  );
}

/** The two-week check-in, sent to each person of a pair on their own. */
export function checkinMessage(input: {
  pairId: string;
  number: number;
  partnerId: string;
  since: Date;
}): SlackMessage {
  const question = `:wave: Mentorship check-in: did you meet <@${input.partnerId}> since ${sinceText(input.since)}? If you did, how useful was it, from 1 to 5?`;
  return {
    text: `Mentorship check-in: did you meet since ${dayFormat.format(input.since)}?`,
    blocks: [section(question), meetingButtons(input.pairId, input.number), context(privately)],
  };
}

function usefulnessSelect(pairId: string, number: number): StaticSelect {
  const labels = ['1: not useful', '2', '3', '4', '5: very useful'];
  return {
    type: 'static_select',
    action_id: checkinUsefulActionId,
    placeholder: plainText('How useful, 1–5?'),
    options: labels.map((label, i) => option(label, `${checkinValue(pairId, number)}|${i + 1}`)),
  };
}

/** The check-in once answered, in place of the question: what was noted, and the score still to give after a meeting. */
export function checkinAnsweredMessage(input: {
  pairId: string;
  number: number;
  partnerId: string;
  since: Date;
  met: boolean | null;
  usefulness: number | null;
}): SlackMessage {
  if (!input.met) {
    const line = `Noted: you haven't met <@${input.partnerId}> since ${sinceText(input.since)}. A short message to suggest a time is often all it takes.`;
    return { text: 'Noted: no meeting yet.', blocks: [section(line), context(privately)] };
  }
  const noted = `Noted: you met <@${input.partnerId}>.`;
  if (input.usefulness === null) {
    return {
      text: `${noted} How useful was it, from 1 to 5?`,
      blocks: [
        section(
          `:white_check_mark: ${noted} How useful was it, from 1 to 5?`,
          usefulnessSelect(input.pairId, input.number),
        ),
        context(privately),
      ],
    };
  }
  return {
    text: `${noted} Usefulness: ${input.usefulness} out of 5. Thank you!`,
    blocks: [
      section(`:white_check_mark: ${noted} Usefulness: *${input.usefulness}* out of 5. Thank you!`),
      context(privately),
    ],
  };
}
