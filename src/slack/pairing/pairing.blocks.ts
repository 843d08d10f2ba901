import type { CheckinAnswer } from '../../db/schema-pairing.ts';
import { plural } from '../../domain/text/english.ts';
import type { UnmatchedReason } from '../../matching/types.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { actions, button, context, type SlackMessage, section } from '../platform/block-kit.ts';
import { openSwapActionId, reshuffleRoundActionId } from './pairing-approval.blocks.ts';
import { introControls } from './pairing-controls.blocks.ts';
export const checkinActionId = 'pairing_checkin';

/** What `/coffee skip` does, said the same way wherever Nudge mentions it. */
export const skipMeaning = 'sits out one round (the current one if you are in a group, otherwise the next)';
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
  programmeId: string;
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
      section(text),
      section(lines.join('\n')),
      section(`*Why you:* ${escapeMrkdwn(input.why)}\n*Icebreaker:* ${question}`),
      context(
        `Busy? \`/coffee skip\` ${skipMeaning}; \`/coffee pause\` stops pairings until you resume. Only you see what you choose.`,
      ),
      introControls(input.programmeId),
    ],
  };
}

const sharedAnswerText: Record<CheckinAnswer, string> = {
  met: 'we met ✓',
  scheduled: 'it’s scheduled',
  not_this_time: 'not this time',
};

/**
 * The group's "Did you meet?". `answers`: what each member said so far, shown to the whole group so two people never
 * record opposite answers unseen; the buttons stay, so anyone can still answer or change theirs.
 */
export function checkinMessage(input: {
  groupId: string;
  answers?: ReadonlyArray<{ userId: string; answer: CheckinAnswer }>;
}): SlackMessage {
  const answers = input.answers ?? [];
  const shared = answers.map((a) => `<@${a.userId}>: ${sharedAnswerText[a.answer]}`).join(' · ');
  return {
    text: shared ? `Did you get a chance to meet? ${shared}` : 'Did you get a chance to meet?',
    blocks: [
      section(':wave: Halfway check-in: did you get a chance to meet?'),
      actions(
        checkinAnswers.map((a) =>
          button({
            text: a.label,
            actionId: `${checkinActionId}_${a.answer}`,
            value: `${input.groupId}|${a.answer}`,
            ...(a.answer === 'met' ? { style: 'primary' as const } : {}),
          }),
        ),
        'pairing_checkin',
      ),
      ...(shared ? [context(shared)] : []),
    ],
  };
}

/** What the person left out reads: each reason is true whether or not a block played a part, and names none. */
const unmatchedReasonText: Record<UnmatchedReason, string> = {
  alone: 'you were the only one taking part this round',
  'odd-number': 'an odd number of people took part this round',
  'no-place': 'no group had room for you this round',
  'own-team': 'everyone else this round is in your team',
  'own-department': 'everyone else this round is in your department',
  'no-mentee': 'no mentee could be matched with you this round',
  'no-mentor': 'no mentor had a place for you this round',
  'no-guest': 'no guest could be drawn for you this round',
  'no-host': 'the host is not taking part this round',
  'not-drawn': 'you were not drawn this round',
};

export function unmatchedNotice(input: {
  channelId: string;
  reason: UnmatchedReason;
  nextRound: string;
}): SlackMessage {
  const reason = unmatchedReasonText[input.reason];
  return {
    text: `No pairing for you this round in <#${input.channelId}>: ${reason}. You're first in line next time (${input.nextRound}).`,
    blocks: [
      section(
        `No pairing for you this round in <#${input.channelId}>: ${reason}.\nYou're first in line next time (*${input.nextRound}*).`,
      ),
    ],
  };
}

export function roundClosedMessage(input: {
  number: number;
  groups: number;
  met: number;
  crossTeamShare: number | 'no team data' | null;
}): SlackMessage {
  const metRate = input.groups > 0 ? Math.round((input.met / input.groups) * 100) : 0;
  const cross =
    input.crossTeamShare === null
      ? ''
      : input.crossTeamShare === 'no team data'
        ? ' · across teams: no team data'
        : ` · ${Math.round(input.crossTeamShare * 100)}% across teams`;
  const text = `:coffee: Round ${input.number} is done: ${plural(input.groups, 'group')}, ${metRate}% met${cross}. Thanks for taking part!`;
  return { text, blocks: [section(text)] };
}

/**
 * The approver's preview: the groups only. Who has no group is not counted: in a small channel the count alone
 * would tell that someone was kept apart by a block; the people left out hear their own reason in a DM.
 */
export function approvalPreviewMessage(input: {
  roundId: string;
  channelId: string;
  groups: Array<{ members: string[]; why: string }>;
}): SlackMessage {
  const lines = input.groups
    .slice(0, 30)
    .map((g) => `• ${g.members.map((m) => `<@${m}>`).join(' + ')} — ${escapeMrkdwn(g.why)}`);
  const more =
    input.groups.length > 30 ? `\n…and ${plural(input.groups.length - 30, 'more group', 'more groups')}` : '';
  const count = plural(input.groups.length, 'group');
  return {
    text: `Round preview for <#${input.channelId}>: ${count}. Approve to send the intros, reshuffle, or swap two people.`,
    blocks: [
      section(`*Round preview for <#${input.channelId}>* — ${count}`),
      section(`${lines.join('\n')}${more}`.slice(0, 2900) || 'No groups.'),
      actions([
        button({ text: 'Approve and send', actionId: approveRoundActionId, value: input.roundId, style: 'primary' }),
        button({ text: 'Reshuffle', actionId: reshuffleRoundActionId, value: input.roundId }),
        button({ text: 'Swap two people', actionId: openSwapActionId, value: input.roundId }),
      ]),
    ],
  };
}

export function ghostWarningMessage(input: { channelId: string }): SlackMessage {
  const text = `You haven't answered the last two check-ins in <#${input.channelId}>. If the next one goes unanswered too, Nudge will pause your pairings (you can resume any time).`;
  return { text, blocks: [section(text)] };
}

export function ghostPausedMessage(input: { channelId: string; programmeId: string }): SlackMessage {
  const text = `Three rounds in a row without a check-in, so your pairings in <#${input.channelId}> are paused. Ready again?`;
  return {
    text,
    blocks: [
      section(
        text,
        button({ text: 'Resume pairings', actionId: resumeMemberActionId, value: input.programmeId, style: 'primary' }),
      ),
    ],
  };
}

export function strandedMessage(input: { channelId: string }): SlackMessage {
  const text = `Your partner this round in <#${input.channelId}> had to skip, and nobody else is free right now. You'll be first in line next round.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
