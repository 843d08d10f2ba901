import type { ProgrammeFrequency, ProgrammeKind } from '../../db/schema-pairing.ts';
import { context, type SlackMessage, section, slackDate } from '../platform/block-kit.ts';
import { skipMeaning } from './pairing.blocks.ts';

/**
 * How a programme introduces itself: once in its channel when it starts (everyone already there), and in a DM to
 * each person who joins the channel later. One builder, so both hear the same thing.
 */

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function cadence(frequency: ProgrammeFrequency, weekday: number): string {
  const day = weekdays[weekday - 1] ?? 'week';
  if (frequency === 'biweekly') return `every other ${day}`;
  if (frequency === 'monthly') return `on the first ${day} of each month`;
  return `every ${day}`;
}

function whoYouMeet(kind: ProgrammeKind, hostUserId: string | null): string {
  if (kind === 'exec-lottery' && hostUserId) return `draws someone from the channel to meet <@${hostUserId}>`;
  if (kind === 'cross-team') return 'introduces you by DM to someone from another team';
  return 'introduces you by DM to someone from the channel';
}

export function programmeWelcomeMessage(input: {
  audience: 'channel' | 'joiner';
  channelId: string;
  kind: ProgrammeKind;
  hostUserId: string | null;
  frequency: ProgrammeFrequency;
  weekday: number;
  sendHour: number;
  /** The next round's date, and its midday in the workspace's time zone. */
  nextRound: { date: string; midday: Date };
}): SlackMessage {
  const label = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${input.nextRound.date}T12:00:00Z`));
  const hour = `${String(input.sendHour).padStart(2, '0')}:00`;
  const opening =
    input.audience === 'channel'
      ? `:coffee: <#${input.channelId}> now has coffee pairings, and everyone here takes part:`
      : `:wave: Welcome to <#${input.channelId}>! Its coffee pairings now include you:`;
  const how = `${cadence(input.frequency, input.weekday)}, around ${hour} your time, Nudge ${whoYouMeet(input.kind, input.hostUserId)} for a 20–30 minute chat.`;
  const when = `*${input.audience === 'channel' ? 'First' : 'Next'} round:* ${slackDate(input.nextRound.midday, label)}, around ${hour} your time.`;
  const controls = `Busy? \`/coffee skip\` ${skipMeaning}, \`/coffee pause\` takes a break until \`/coffee resume\`, \`/coffee leave\` stops (leaving the channel does too). \`/coffee status\` shows what is next. Only you see what you choose.`;
  return {
    text: `${opening} ${how}\n${input.audience === 'channel' ? 'First' : 'Next'} round: ${label}, around ${hour} your time.\n${controls}`,
    blocks: [section(`${opening} ${how}\n${when}`), context(controls)],
  };
}
