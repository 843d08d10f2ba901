import type { KudosRefusal } from '../../domain/kudos/give-kudos.ts';
import type { LeaderboardEntry } from '../../domain/kudos/leaderboard.ts';
import { giveExample, type KudosBoard, type KudosPeriod } from '../../domain/kudos/parse-kudos-command.ts';
import { agree, plural } from '../../domain/text/english.ts';
import { describeInstant } from '../../domain/time/periods.ts';
import { button, context, type SlackMessage, section, textMessage } from '../platform/block-kit.ts';
import { problemReply } from '../platform/error-replies.ts';

/** Listeners still name the message type from here. */
export type { SlackMessage } from '../platform/block-kit.ts';

const mention = (userId: string) => `<@${userId}>`;
/** "A", "A and B", "A, B and C". */
const listOf = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
const people = (userIds: string[]) => listOf(userIds.map(mention));

export function kudosUsage(values: string[]): SlackMessage {
  return textMessage(
    [
      '*Give kudos:* `/kudos @someone [@more …] for <what they did> #value` (pick each person from the list as you type @)',
      `Values: ${values.map((v) => `#${v}`).join(' ')}`,
      '*Take it back:* `/kudos undo` (within 5 minutes)',
      '*Leaderboards:* `/kudos top [week|month|quarter|year|all] [received|given|cross-team]`',
    ].join('\n'),
    `You can also react to a message with the kudos emoji, or use the "Give kudos" shortcut.`,
  );
}

export function kudosInvalid(error: string, hint: string): SlackMessage {
  return problemReply(error, hint);
}

export function kudosUndone(recipientIds: string[]): SlackMessage {
  return textMessage(
    `Done: your kudos to ${people(recipientIds)} is withdrawn and no longer counts.`,
    'Nudge removes the messages that announced it, and your allowance has it back.',
  );
}

export function kudosConfirmation(input: {
  recipientIds: string[];
  value: string | null;
  remaining: number;
  allowance: number;
  resetsAt: Date;
  giverTimeZone: string;
  duplicate: boolean;
}): SlackMessage {
  const value = input.value ? ` for *#${input.value}*` : '';
  const headline = input.duplicate
    ? `You already gave this kudos to ${people(input.recipientIds)}; it was recorded once.`
    : `:tada: Kudos sent to ${people(input.recipientIds)}${value}!`;
  return textMessage(
    headline,
    `You have ${plural(input.remaining, 'kudos', 'kudos')} of ${input.allowance} left; your allowance resets ${describeInstant(input.resetsAt, input.giverTimeZone)}. Changed your mind? \`/kudos undo\` within 5 minutes.`,
  );
}

/** What is wrong and what to do, with `who` naming people: mentions in messages, plain names in a modal. */
function refusalWords(
  refusal: KudosRefusal,
  giverTimeZone: string,
  who: (userIds: string[]) => string,
): { problem: string; hint?: string } {
  switch (refusal.kind) {
    case 'no_recipients':
      return { problem: 'Nobody to give kudos to: mention at least one person.', hint: `Try: ${giveExample}` };
    case 'too_many':
      return {
        problem: `That is ${plural(refusal.count, 'person', 'people')}; kudos can go to at most ${refusal.max} at once.`,
        hint: 'Split it into smaller groups, or mention people individually.',
      };
    case 'self':
      return { problem: "You can't give kudos to yourself.", hint: 'Recognise someone who helped you instead.' };
    case 'bot':
      return {
        problem: `${who(refusal.userIds)} ${agree(refusal.userIds.length, 'is a bot', 'are bots')}; kudos are for people.`,
      };
    case 'deactivated':
      return {
        problem: `${who(refusal.userIds)} ${agree(refusal.userIds.length, 'has', 'have')} left this workspace, so kudos can't reach them.`,
      };
    case 'not_member':
      return {
        problem: `${who(refusal.userIds)} ${agree(refusal.userIds.length, "isn't a member", "aren't members")} of this workspace, so Nudge can't give them kudos here.`,
      };
    case 'unknown_value': {
      const suggestion =
        refusal.suggestions.length > 0 ? ` Did you mean ${refusal.suggestions.map((s) => `#${s}`).join(' or ')}?` : '';
      return {
        problem: `#${refusal.value} isn't one of this workspace's values.${suggestion}`,
        hint: `Values: ${refusal.values.map((v) => `#${v}`).join(' ')} — or leave the hashtag out.`,
      };
    }
    case 'allowance': {
      const left =
        refusal.remaining === 0
          ? 'You have no kudos left'
          : `You have only ${plural(refusal.remaining, 'kudos', 'kudos')} left`;
      return {
        problem: `${left} this period (allowance ${refusal.allowance}), and this would use ${refusal.requested}.`,
        hint: `Your allowance resets ${describeInstant(refusal.resetsAt, giverTimeZone)}.`,
      };
    }
    case 'pair_cap':
      return {
        problem: `You've already given ${who([refusal.recipientId])} ${plural(refusal.cap, 'kudos', 'kudos')} this week, the most one person can give another.`,
        hint: `Spread the love: recognise someone else, or try again ${describeInstant(refusal.resetsAt, giverTimeZone)}.`,
      };
    case 'workspace_inactive':
      return { problem: 'Nudge is not active in this workspace any more.' };
    case 'not_kudos_emoji':
      return { problem: 'That emoji no longer gives kudos in this workspace.' };
    case 'giver_erased':
      return { problem: 'Nudge has forgotten you in this workspace, as you asked, so it records no kudos from you.' };
  }
}

export function kudosRefusal(refusal: KudosRefusal, giverTimeZone: string): SlackMessage {
  const { problem, hint } = refusalWords(refusal, giverTimeZone, people);
  return problemReply(problem, hint);
}

/**
 * The refusal as a modal's inline error, which Slack shows as plain text: people by name (a mention would show
 * as `<@U…>`), and no mrkdwn.
 */
export function kudosRefusalText(refusal: KudosRefusal, giverTimeZone: string, names: Map<string, string>): string {
  const { problem, hint } = refusalWords(refusal, giverTimeZone, (ids) =>
    listOf(ids.map((id) => names.get(id) ?? 'Someone')),
  );
  return [problem, hint].filter(Boolean).join(' ').replace(/`/g, '');
}

export function kudosPublicPost(input: {
  giverId: string;
  recipientIds: string[];
  reason: string;
  value: string | null;
  messageLink: string | null;
}): SlackMessage {
  const value = input.value ? `  •  #${input.value}` : '';
  const link = input.messageLink ? `  •  <${input.messageLink}|the message>` : '';
  const text = `:clap: ${mention(input.giverId)} gave kudos to ${people(input.recipientIds)}`;
  return {
    text: `${text}: ${input.reason}`,
    blocks: [section(`${text}\n>${input.reason.replace(/\n/g, '\n>')}`), context(`Given with Nudge${value}${link}`)],
  };
}

/** What an announcement of an undone kudos becomes where Slack will not delete it: no name, no reason. */
export function kudosWithdrawnNote(): SlackMessage {
  return textMessage('_This kudos was withdrawn._');
}

export function kudosRecipientDm(input: {
  giverId: string;
  reason: string;
  value: string | null;
  channelId: string | null;
}): SlackMessage {
  const where = input.channelId && !input.channelId.startsWith('D') ? ` in <#${input.channelId}>` : '';
  const value = input.value ? ` (#${input.value})` : '';
  return textMessage(
    `:star2: ${mention(input.giverId)} gave you kudos${where}${value}:\n>${input.reason.replace(/\n/g, '\n>')}`,
  );
}

export function kudosFallbackNotice(input: { channelId: string | null; postedIn: string | null }): SlackMessage {
  const where = input.channelId ? `<#${input.channelId}>` : 'that conversation';
  return input.postedIn
    ? textMessage(
        `Nudge can't post in ${where}, so your kudos was celebrated in <#${input.postedIn}> instead.`,
        'Invite @Nudge to the channel to celebrate there next time.',
      )
    : textMessage(
        `Nudge can't post in ${where}, so your kudos was recorded and sent to the recipients, but not celebrated publicly.`,
        'Invite @Nudge to the channel, or ask an admin to set a kudos channel with `/nudge settings`.',
      );
}

const boardTitles: Record<KudosBoard, string> = {
  received: 'Most kudos received',
  given: 'Most kudos given',
  'cross-team': 'Most kudos from other teams',
};
const periodTitles: Record<KudosPeriod, string> = {
  week: 'this week',
  month: 'this month',
  quarter: 'this quarter',
  year: 'this year',
  all: 'of all time',
};

export function leaderboardMessage(input: {
  board: KudosBoard;
  period: KudosPeriod;
  entries: LeaderboardEntry[];
  /** Kudos were given, but nobody's team is known: the cross-team board cannot be drawn. */
  noTeamData?: boolean;
}): SlackMessage {
  const title = `${boardTitles[input.board]} ${periodTitles[input.period]}`;
  if (input.noTeamData)
    return textMessage(
      `*${title}*\nNo team data: Nudge does not know people’s teams, so it cannot tell which kudos crossed teams.`,
      'A Nudge admin can set teams with `/coffee teams`; kudos given after that count here.',
    );
  if (input.entries.length === 0) return textMessage(`*${title}*\nNo kudos yet. Be the first: ${giveExample}.`);
  const medals = ['', ':first_place_medal:', ':second_place_medal:', ':third_place_medal:'];
  const lines = input.entries.map((e) => `${medals[e.rank] ?? `${e.rank}.`} ${mention(e.userId)} — ${e.total}`);
  return textMessage(`*${title}*\n${lines.join('\n')}`, 'Ties share a place. Times are in the workspace time zone.');
}

export function weeklyPromptMessage(input: { openModalActionId: string }): SlackMessage {
  const text = ':wave: *Who helped you this week?* Take a moment to thank them — it makes their day.';
  return {
    text: 'Who helped you this week? Take a moment to thank them.',
    blocks: [
      section(text, button({ text: 'Give kudos', actionId: input.openModalActionId, style: 'primary' })),
      context(`Or type ${giveExample}.`),
    ],
  };
}

export function monthlyDigestMessage(digest: {
  month: string;
  kudos: number;
  givers: number;
  topValues: Array<{ value: string; count: number }>;
  crossTeamShare: number | null;
  newConnections: number;
}): SlackMessage {
  const values = digest.topValues.length
    ? digest.topValues.map((v) => `#${v.value} (${v.count})`).join(' · ')
    : 'none tagged';
  const cross =
    digest.crossTeamShare === null ? 'not known (teams not set)' : `${Math.round(digest.crossTeamShare * 100)}%`;
  return textMessage(
    [
      `:bar_chart: *Kudos in ${digest.month}*`,
      `• ${plural(digest.kudos, 'kudos', 'kudos')} from ${plural(digest.givers, 'person', 'people')}`,
      `• Top values: ${values}`,
      `• Across teams: ${cross}`,
      `• New connections: ${plural(digest.newConnections, 'pair')} thanked each other for the first time`,
    ].join('\n'),
  );
}
