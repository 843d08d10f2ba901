import type { KudosRefusal } from '../domain/kudos/give-kudos.ts';
import type { LeaderboardEntry } from '../domain/kudos/leaderboard.ts';
import type { KudosBoard, KudosPeriod } from '../domain/kudos/parse-kudos-command.ts';
import { describeInstant } from '../domain/time/periods.ts';

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

const mention = (userId: string) => `<@${userId}>`;
const people = (userIds: string[]) => {
  const mentions = userIds.map(mention);
  if (mentions.length <= 1) return mentions.join('');
  return `${mentions.slice(0, -1).join(', ')} and ${mentions.at(-1)}`;
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function simple(text: string, context?: string): SlackMessage {
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (context) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context }] });
  return { text: context ? `${text}\n${context}` : text, blocks };
}

export const kudosExample = '/kudos @alex for fixing the deploy pipeline #teamwork';

export function kudosUsage(values: string[]): SlackMessage {
  return simple(
    [
      '*Give kudos:* `/kudos @someone [@more …] for <what they did> #value`',
      `Values: ${values.map((v) => `#${v}`).join(' ')}`,
      '*Take it back:* `/kudos undo` (within 5 minutes)',
      '*Leaderboards:* `/kudos top [week|month|quarter|year|all] [received|given|cross-team]`',
    ].join('\n'),
    `You can also react to a message with the kudos emoji, or use the "Give kudos" shortcut.`,
  );
}

export function kudosInvalid(error: string, hint: string): SlackMessage {
  return simple(`:warning: ${error}`, hint);
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
  return simple(
    headline,
    `You have ${plural(input.remaining, 'kudos', 'kudos')} of ${input.allowance} left; your allowance resets ${describeInstant(input.resetsAt, input.giverTimeZone)}. Changed your mind? \`/kudos undo\` within 5 minutes.`,
  );
}

export function kudosRefusal(refusal: KudosRefusal, giverTimeZone: string): SlackMessage {
  switch (refusal.kind) {
    case 'no_recipients':
      return simple('Nobody to give kudos to: mention at least one person.', `Try: \`${kudosExample}\``);
    case 'too_many':
      return simple(
        `That is ${refusal.count} people; kudos can go to at most ${refusal.max} at once.`,
        'Split it into smaller groups, or mention people individually.',
      );
    case 'self':
      return simple(
        "You can't give kudos to yourself :slightly_smiling_face:",
        'Recognise someone who helped you instead.',
      );
    case 'bot':
      return simple(
        `${people(refusal.userIds)} ${refusal.userIds.length === 1 ? 'is a bot' : 'are bots'}; kudos are for people.`,
      );
    case 'deactivated':
      return simple(
        `${people(refusal.userIds)} ${refusal.userIds.length === 1 ? 'has' : 'have'} left this workspace, so kudos can't reach them.`,
      );
    case 'not_member':
      return simple(
        `${people(refusal.userIds)} ${refusal.userIds.length === 1 ? "isn't" : "aren't"} a member of this workspace, so Nudge can't give them kudos here.`,
      );
    case 'unknown_value': {
      const suggestion =
        refusal.suggestions.length > 0 ? ` Did you mean ${refusal.suggestions.map((s) => `#${s}`).join(' or ')}?` : '';
      return simple(
        `#${refusal.value} isn't one of this workspace's values.${suggestion}`,
        `Values: ${refusal.values.map((v) => `#${v}`).join(' ')} — or leave the hashtag out.`,
      );
    }
    case 'allowance': {
      const left =
        refusal.remaining === 0
          ? 'You have no kudos left'
          : `You have only ${plural(refusal.remaining, 'kudos', 'kudos')} left`;
      return simple(
        `${left} this period (allowance ${refusal.allowance}), and this would use ${refusal.requested}.`,
        `Your allowance resets ${describeInstant(refusal.resetsAt, giverTimeZone)}.`,
      );
    }
    case 'pair_cap':
      return simple(
        `You've already given ${mention(refusal.recipientId)} ${plural(refusal.cap, 'kudos', 'kudos')} this week, the most one person can give another.`,
        `Spread the love: recognise someone else, or try again ${describeInstant(refusal.resetsAt, giverTimeZone)}.`,
      );
    case 'workspace_inactive':
      return simple('Nudge is not active in this workspace any more.');
    case 'not_kudos_emoji':
      return simple('That emoji no longer gives kudos in this workspace.');
  }
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
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${text}\n>${input.reason.replace(/\n/g, '\n>')}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Given with Nudge${value}${link}` }] },
    ],
  };
}

export function kudosRecipientDm(input: {
  giverId: string;
  reason: string;
  value: string | null;
  channelId: string | null;
}): SlackMessage {
  const where = input.channelId && !input.channelId.startsWith('D') ? ` in <#${input.channelId}>` : '';
  const value = input.value ? ` (#${input.value})` : '';
  return simple(
    `:star2: ${mention(input.giverId)} gave you kudos${where}${value}:\n>${input.reason.replace(/\n/g, '\n>')}`,
  );
}

export function kudosFallbackNotice(input: { channelId: string | null; postedIn: string | null }): SlackMessage {
  const where = input.channelId ? `<#${input.channelId}>` : 'that conversation';
  return input.postedIn
    ? simple(
        `Nudge can't post in ${where}, so your kudos was celebrated in <#${input.postedIn}> instead.`,
        'Invite @Nudge to the channel to celebrate there next time.',
      )
    : simple(
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
}): SlackMessage {
  const title = `${boardTitles[input.board]} ${periodTitles[input.period]}`;
  if (input.entries.length === 0) return simple(`*${title}*\nNo kudos yet. Be the first: \`${kudosExample}\``);
  const medals = ['', ':first_place_medal:', ':second_place_medal:', ':third_place_medal:'];
  const lines = input.entries.map((e) => `${medals[e.rank] ?? `${e.rank}.`} ${mention(e.userId)} — ${e.total}`);
  return simple(`*${title}*\n${lines.join('\n')}`, 'Ties share a place. Times are in the workspace time zone.');
}

export function weeklyPromptMessage(input: { openModalActionId: string }): SlackMessage {
  const text = ':wave: *Who helped you this week?* Take a moment to thank them — it makes their day.';
  return {
    text: 'Who helped you this week? Take a moment to thank them.',
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text },
        accessory: {
          type: 'button',
          action_id: input.openModalActionId,
          text: { type: 'plain_text', text: 'Give kudos' },
          style: 'primary',
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Or type \`${kudosExample}\`` }] },
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
  return simple(
    [
      `:bar_chart: *Kudos in ${digest.month}*`,
      `• ${plural(digest.kudos, 'kudos', 'kudos')} from ${plural(digest.givers, 'person', 'people')}`,
      `• Top values: ${values}`,
      `• Across teams: ${cross}`,
      `• New connections: ${plural(digest.newConnections, 'pair')} thanked each other for the first time`,
    ].join('\n'),
  );
}
