import { escapeMrkdwn } from '../home/help.blocks.ts';
import { context, type SlackMessage, section, slackDate } from '../platform/block-kit.ts';
import { meetingButtons } from './mentorship-checkin.blocks.ts';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateText = (at: Date) => slackDate(at, dayFormat.format(at));

/** After four quiet weeks, to each person of the pair: a gentle nudge, and the button that says they did meet. */
export function idleNudgeMessage(input: {
  pairId: string;
  number: number;
  partnerId: string;
  since: Date;
}): SlackMessage {
  const line = `:seedling: It's been a few weeks since you and <@${input.partnerId}> last met (as far as Nudge knows, since ${dateText(input.since)}). A 30-minute catch-up keeps the momentum going: why not suggest a time?`;
  return {
    text: `It's been a few weeks since you and your mentorship partner last met.`,
    blocks: [
      section(line),
      meetingButtons(input.pairId, input.number),
      context('Met already? Say so here and Nudge will stop asking.'),
    ],
  };
}

/** After 90 quiet days: the pair will end on `endsAt` unless a meeting is recorded before. */
export function idleWarningMessage(input: {
  pairId: string;
  number: number;
  partnerId: string;
  since: Date;
  endsAt: Date;
}): SlackMessage {
  const line = `:hourglass_flowing_sand: You and <@${input.partnerId}> haven't recorded a meeting since ${dateText(input.since)}. If that's how it is, no problem: Nudge will close this pairing on ${dateText(input.endsAt)}. If you'd like to keep going, meet before then and say so here.`;
  return {
    text: `Your mentorship pairing will close on ${dayFormat.format(input.endsAt)} unless you meet before then.`,
    blocks: [section(line), meetingButtons(input.pairId, input.number)],
  };
}

/** The end of a pair, told the same way to both people: why, kindly, and what comes next. Never who asked. */
export function pairEndedMessage(input: {
  reason: 'cycle_end' | 'idle' | 'rematch';
  partnerId: string;
  continuedUntil?: Date;
}): SlackMessage {
  const partner = `<@${input.partnerId}>`;
  let line: string;
  if (input.reason === 'rematch') {
    line = `:arrows_counterclockwise: Your mentorship pairing with ${partner} has ended. A new match is coming: Nudge looks for one for each of you and tells you within 48 hours.`;
  } else if (input.reason === 'idle') {
    line = `:leaves: Your mentorship pairing with ${partner} has been closed, as there was no meeting for a while. Thank you for taking part: life gets busy, and you're welcome in the next cycle.`;
  } else if (input.continuedUntil) {
    line = `:tada: You and ${partner} both chose to continue: another cycle together, until ${dateText(input.continuedUntil)}. Thank you both!`;
  } else {
    line = `:sparkles: This mentorship cycle with ${partner} has ended. Thank you for the time and care you put into it.`;
  }
  return { text: line.replace(/^:[a-z_]+: /, ''), blocks: [section(line)] };
}

/** A freed person the re-match could not place, told the truth. */
export function noMatchNowMessage(input: {
  as: 'mentee' | 'mentor';
  reason?: string;
  channelId: string;
}): SlackMessage {
  const line =
    input.as === 'mentee'
      ? `Nudge looked for a new mentor for you, but nobody fits right now${input.reason ? ` (${escapeMrkdwn(input.reason)})` : ''}. You stay signed up in <#${input.channelId}> and will be matched in the next cycle.`
      : `Nudge looked for a new mentee for your free seat, but nobody waiting fits right now. You stay signed up in <#${input.channelId}> and the seat stays open for the next cycle.`;
  return { text: line, blocks: [section(line)] };
}
