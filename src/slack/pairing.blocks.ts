import { plural } from '../domain/text/english.ts';
import { escapeMrkdwn } from './help.blocks.ts';
import type { SlackMessage } from './kudos.blocks.ts';
import { openSwapActionId, reshuffleRoundActionId } from './pairing-approval.blocks.ts';

export const checkinActionId = 'pairing_checkin';
export const approveRoundActionId = 'pairing_approve';
export const resumeMemberActionId = 'pairing_resume';

export const checkinAnswers = [
  { answer: 'met', label: 'We met' },
  { answer: 'scheduled', label: "It's scheduled" },
  { answer: 'not_this_time', label: 'Not this time' },
] as const;

const icebreakers = [
  'What is something you learned recently that surprised you?',
  'What does a great day at work look like for you?',
  'What are you working on that you wish more people knew about?',
  'If you could swap jobs with anyone here for a week, who would it be?',
  'What is the best piece of advice you have been given?',
  'What is a small thing that made your week better?',
];

function pick<T>(items: readonly T[], key: string): T {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return items[hash % items.length]!;
}

export interface IntroPerson {
  userId: string;
  team: string | null;
  title: string;
  timeZone: string;
}

function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).format(at);
}

export function introMessage(input: {
  groupId: string;
  channelId: string;
  people: IntroPerson[];
  why: string;
  at: Date;
}): SlackMessage {
  const lines = input.people.map((p) => {
    // A team read from the title would otherwise be shown twice.
    const about = [...new Set([p.title, p.team])]
      .filter(Boolean)
      .map((s) => escapeMrkdwn(s!))
      .join(', ');
    return `• <@${p.userId}>${about ? ` — ${about}` : ''} (${localTime(input.at, p.timeZone)} for them now)`;
  });
  const question = pick(icebreakers, input.groupId);
  const text = `:coffee: Hello! You've been paired through <#${input.channelId}>. Find 20–30 minutes this week to meet.`;
  return {
    text: `${text}\n${lines.join('\n')}\nWhy you: ${input.why}\nIcebreaker: ${question}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*Why you:* ${escapeMrkdwn(input.why)}\n*Icebreaker:* ${question}` },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Busy? `/coffee skip` sits out the next round; `/coffee pause` stops pairings until you resume.',
          },
        ],
      },
    ],
  };
}

export function checkinMessage(input: { groupId: string }): SlackMessage {
  return {
    text: 'Did you get a chance to meet?',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: ':wave: Halfway check-in: did you get a chance to meet?' } },
      {
        type: 'actions',
        block_id: 'pairing_checkin',
        elements: checkinAnswers.map((a) => ({
          type: 'button',
          action_id: `${checkinActionId}_${a.answer}`,
          text: { type: 'plain_text', text: a.label },
          value: `${input.groupId}|${a.answer}`,
          ...(a.answer === 'met' ? { style: 'primary' } : {}),
        })),
      },
    ],
  };
}

export function unmatchedNotice(input: { channelId: string; reason: string; nextRound: string }): SlackMessage {
  return {
    text: `No pairing for you this round in <#${input.channelId}>: ${input.reason}. You're first in line next time (${input.nextRound}).`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `No pairing for you this round in <#${input.channelId}>: ${escapeMrkdwn(input.reason)}.\nYou're first in line next time (*${input.nextRound}*).`,
        },
      },
    ],
  };
}

export function greetingMessage(input: { channelId: string; weekday: string; hour: number }): SlackMessage {
  return {
    text: `Welcome to <#${input.channelId}>! Every ${input.weekday} around ${input.hour}:00 your time, Nudge pairs you with someone to meet.`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:wave: Welcome to <#${input.channelId}>! Every *${input.weekday}* around *${input.hour}:00* your time, Nudge introduces you to someone to meet for a coffee chat.`,
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: '`/coffee pause` to take a break, `/coffee skip` for one round, `/coffee leave` to stop, `/coffee status` to see what is next.',
          },
        ],
      },
    ],
  };
}

export function roundClosedMessage(input: {
  number: number;
  groups: number;
  met: number;
  crossTeamShare: number | null;
}): SlackMessage {
  const metRate = input.groups > 0 ? Math.round((input.met / input.groups) * 100) : 0;
  const cross = input.crossTeamShare === null ? '' : ` · ${Math.round(input.crossTeamShare * 100)}% across teams`;
  const text = `:coffee: Round ${input.number} is done: ${plural(input.groups, 'group')}, ${metRate}% met${cross}. Thanks for taking part!`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function approvalPreviewMessage(input: {
  roundId: string;
  channelId: string;
  groups: Array<{ members: string[]; why: string }>;
  unmatched: number;
}): SlackMessage {
  const lines = input.groups
    .slice(0, 30)
    .map((g) => `• ${g.members.map((m) => `<@${m}>`).join(' + ')} — ${escapeMrkdwn(g.why)}`);
  const more = input.groups.length > 30 ? `\n…and ${input.groups.length - 30} more groups` : '';
  return {
    text: `Round preview for <#${input.channelId}>: ${plural(input.groups.length, 'group')}, ${input.unmatched} unmatched. Approve to send the intros, reshuffle, or swap two people.`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*Round preview for <#${input.channelId}>* — ${plural(input.groups.length, 'group')}, ${input.unmatched} unmatched`,
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: `${lines.join('\n')}${more}`.slice(0, 2900) || 'No groups.' } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: approveRoundActionId,
            style: 'primary',
            text: { type: 'plain_text', text: 'Approve and send' },
            value: input.roundId,
          },
          {
            type: 'button',
            action_id: reshuffleRoundActionId,
            text: { type: 'plain_text', text: 'Reshuffle' },
            value: input.roundId,
          },
          {
            type: 'button',
            action_id: openSwapActionId,
            text: { type: 'plain_text', text: 'Swap two people' },
            value: input.roundId,
          },
        ],
      },
    ],
  };
}

export function ghostWarningMessage(input: { channelId: string }): SlackMessage {
  const text = `You haven't answered the last two check-ins in <#${input.channelId}>. If the next one goes unanswered too, Nudge will pause your pairings (you can resume any time).`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function ghostPausedMessage(input: { channelId: string; programmeId: string }): SlackMessage {
  const text = `Three rounds in a row without a check-in, so your pairings in <#${input.channelId}> are paused. Ready again?`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text },
        accessory: {
          type: 'button',
          action_id: resumeMemberActionId,
          style: 'primary',
          text: { type: 'plain_text', text: 'Resume pairings' },
          value: input.programmeId,
        },
      },
    ],
  };
}

export function strandedMessage(input: { channelId: string }): SlackMessage {
  const text = `Your partner this round in <#${input.channelId}> had to skip, and nobody else is free right now. You'll be first in line next round.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
