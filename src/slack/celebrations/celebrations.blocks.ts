import type { KnownBlock } from '@slack/types';
import { isMilestone, type LocalDate, parseDate } from '../../domain/celebrations/occasions.ts';
import type { WeeklyWins } from '../../domain/celebrations/weekly-wins.ts';
import { plural } from '../../domain/text/english.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { actions, button, context, type SlackMessage, section, textMessage } from '../platform/block-kit.ts';
import { problemReply } from '../platform/error-replies.ts';
/** Celebration messages: shipped projects, birthdays and anniversaries, the weekly wins digest, and replies. */

/** One button per contributor; the suffix is the contributor's position, so action ids are unique in the block. */
export const celebrationKudosActionPrefix = 'celebration_kudos_';
export const celebrationKudosActionPattern = /^celebration_kudos(?:_\d+)?$/;
export const openDatesActionId = 'celebrations_open_dates';
export const celebrationReaction = 'tada';

const mention = (userId: string) => `<@${userId}>`;
export function people(userIds: string[]): string {
  const mentions = userIds.map(mention);
  if (mentions.length <= 1) return mentions.join('');
  return `${mentions.slice(0, -1).join(', ')} and ${mentions.at(-1)}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Escapes and keeps a link's label from closing the link early. */
function link(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, '')}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

export function celebrationKudosValue(celebrationId: string, userId: string): string {
  return `${celebrationId}:${userId}`;
}

export function parseCelebrationKudosValue(
  value: string | undefined,
): { celebrationId: string; userId: string } | undefined {
  const m = /^([0-9a-f-]{36}):([UW][A-Z0-9]{2,30})$/.exec(value ?? '');
  return m ? { celebrationId: m[1] as string, userId: m[2] as string } : undefined;
}

/** The shipped-project post: what shipped, who made it, and a "Send kudos" button per contributor. */
export function celebrationPost(input: {
  celebrationId: string;
  title: string;
  url: string | null;
  contributorIds: string[];
  names: Map<string, string>;
  createdBy: string | null;
  source: 'modal' | 'webhook' | 'github';
}): SlackMessage {
  const title = input.url ? link(input.url, input.title) : `*${escapeMrkdwn(input.title)}*`;
  const team = input.contributorIds.length ? `\nMade by ${people(input.contributorIds)}. :clap:` : '';
  const headline = `:rocket: *Shipped:* ${title}${team}`;
  const by =
    input.source === 'modal' && input.createdBy
      ? `Celebrated by ${mention(input.createdBy)} with Nudge`
      : `Celebrated with Nudge (${input.source === 'github' ? 'GitHub release' : 'webhook'})`;
  const blocks: KnownBlock[] = [section(headline)];
  if (input.contributorIds.length > 0) {
    blocks.push(
      actions(
        input.contributorIds.slice(0, 25).map((userId, i) =>
          button({
            text: truncate(`Send kudos to ${input.names.get(userId) ?? 'them'}`, 75),
            actionId: `${celebrationKudosActionPrefix}${i}`,
            value: celebrationKudosValue(input.celebrationId, userId),
          }),
        ),
        'celebration_kudos',
      ),
    );
  }
  blocks.push(context(by));
  const team2 = input.contributorIds.length ? ` by ${people(input.contributorIds)}` : '';
  return { text: `Shipped: ${escapeMrkdwn(input.title)}${team2}`, blocks };
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
export function describeDate(date: LocalDate): string {
  return dayFormat.format(new Date(Date.UTC(date.year, date.month - 1, date.day)));
}

export interface OccasionLine {
  userId: string;
  occasion: 'birthday' | 'anniversary';
  years: number | null;
  /** The date celebrated and the date it is posted on (they differ when a weekend moved it). */
  occasionDate: string;
  observedDate: string;
}

function whenNote(line: OccasionLine): string {
  if (line.occasionDate === line.observedDate) return '';
  const date = parseDate(line.occasionDate);
  if (!date) return '';
  return line.observedDate < line.occasionDate
    ? ` _(a little early: it's on ${describeDate(date)})_`
    : ` _(a little late: it was on ${describeDate(date)})_`;
}

function yearsText(years: number): string {
  return plural(years, 'year');
}

function occasionText(line: OccasionLine): string {
  if (line.occasion === 'birthday') return `:birthday: Happy birthday, ${mention(line.userId)}!${whenNote(line)}`;
  const years = line.years ?? 0;
  if (isMilestone(years)) {
    return `:trophy: *${yearsText(years)}!* ${mention(line.userId)} joined us ${yearsText(years)} ago — a milestone worth celebrating!${whenNote(line)}`;
  }
  return `:confetti_ball: ${mention(line.userId)} celebrates ${yearsText(years)} with us!${whenNote(line)}`;
}

/** Everyone celebrated at one posting moment, in one message: birthdays first, then anniversaries. */
export function occasionsPost(lines: OccasionLine[]): SlackMessage {
  const sorted = [...lines].sort(
    (a, b) => (a.occasion === b.occasion ? 0 : a.occasion === 'birthday' ? -1 : 1) || (b.years ?? 0) - (a.years ?? 0),
  );
  const body = sorted.map(occasionText).join('\n');
  return {
    text: `:tada: Celebrating today\n${body}`,
    blocks: [
      section(`:tada: *Celebrating today*\n${body}`.slice(0, 3000)),
      context('Add your own dates (and choose who hears about them) in Nudge’s Home tab.'),
    ],
  };
}

/** For people who chose "DM only": a private note to them alone. */
export function occasionDm(line: OccasionLine): SlackMessage {
  const text =
    line.occasion === 'birthday'
      ? `:birthday: Happy birthday, ${mention(line.userId)}! Have a wonderful day.`
      : `:confetti_ball: Happy work anniversary, ${mention(line.userId)}: *${yearsText(line.years ?? 0)}* with us today!${isMilestone(line.years ?? 0) ? ' :trophy:' : ''}`;
  return textMessage(text, 'Only you get this message. Change who hears about your dates in Nudge’s Home tab.');
}

export function askForDatesMessage(): SlackMessage {
  const text =
    ':wave: Nudge can celebrate your *birthday* and *work anniversary* with your colleagues — only if you want it to.\nAdd your dates and choose who hears about them: the channel, just you (a DM), or nobody. A birthday needs no year.';
  return {
    text: 'Nudge can celebrate your birthday and work anniversary, if you want. Add your dates in the Home tab.',
    blocks: [
      section(text, button({ text: 'Add my dates', actionId: openDatesActionId, style: 'primary' })),
      context('Nudge asks only once. Nothing is shared unless you choose so.'),
    ],
  };
}

export function weeklyWinsMessage(wins: WeeklyWins): SlackMessage {
  const lines = [':trophy: *This week’s wins*'];
  if (wins.shipped.length > 0) {
    lines.push('*Shipped*');
    for (const s of wins.shipped.slice(0, 20)) {
      const title = s.url ? link(s.url, truncate(s.title, 150)) : escapeMrkdwn(truncate(s.title, 150));
      lines.push(`• ${title}${s.contributorIds.length ? ` — ${people(s.contributorIds.slice(0, 10))}` : ''}`);
    }
  } else lines.push('*Shipped*: nothing celebrated this week — `/celebrate` when something ships!');
  if (wins.birthdays + wins.anniversaries > 0) {
    const parts = [];
    if (wins.birthdays) parts.push(plural(wins.birthdays, 'birthday'));
    if (wins.anniversaries) parts.push(plural(wins.anniversaries, 'work anniversary', 'work anniversaries'));
    lines.push(`*Celebrated*: ${parts.join(' and ')}`);
  }
  const k = wins.kudos;
  const top = k.topRecipients.length
    ? ` · most thanked: ${k.topRecipients.map((t) => `${mention(t.userId)} (${t.count})`).join(', ')}`
    : '';
  lines.push(`*Kudos*: ${plural(k.count, 'kudos', 'kudos')} from ${plural(k.givers, 'person', 'people')}${top}`);
  const text = lines.join('\n').slice(0, 2900);
  return { text, blocks: [section(text)] };
}

export const celebrateExample = '/celebrate';

export function celebrateUsage(error?: string): SlackMessage {
  const lines = [
    '*Celebrate a launch:* `/celebrate` opens a form: what shipped, a link, who made it, and where to post.',
    '*Your birthday and work anniversary:* `/celebrate dates` (or the Home tab). Private unless you choose otherwise.',
    '*Admins:* `/celebrate settings` · `/celebrate import` (CSV of dates) · `/celebrate secret` (webhook secret; `/celebrate secret rotate` replaces it)',
  ];
  return error ? problemReply(error, lines.join('\n')) : textMessage(lines.join('\n'));
}

export function webhookSecretMessage(input: {
  workspaceId: string;
  secret: string;
  created: boolean;
  createdAt: Date;
}): SlackMessage {
  const path = `/hooks/celebrate/${input.workspaceId}`;
  return textMessage(
    [
      input.created ? ':key: A new webhook secret is ready.' : ':key: This workspace’s webhook secret:',
      `\`${input.secret}\``,
      `Endpoint: \`POST <your Nudge URL>${path}\``,
      '• Your own systems: sign `<timestamp>.<body>` (the timestamp in Unix seconds) with HMAC-SHA256 and send `X-Nudge-Signature: t=<timestamp>,v1=<hex>`.',
      '• The body is JSON: `{"title": "Checkout v2", "url": "https://…", "channel": "C…", "contributors": ["U…", "name@example.com"], "id": "deploy-4711"}`. `title` (what shipped, up to 150 characters) and `channel` (a channel ID; invite Nudge to a private one) are required; `contributors` takes up to 20 Slack user IDs or emails; the same `id` again is a retry and posts nothing new.',
      '• Nudge answers 202 when it celebrates (or already did), and 4xx with a JSON `error` and `reason` when it refuses; nothing is posted for a refusal.',
      '• GitHub: add a webhook for *Releases* with this secret (content type `application/json`); add `?channel=C…` to the URL to choose the channel.',
    ].join('\n'),
    `Keep it secret: anyone with it can post celebrations. \`/celebrate secret rotate\` replaces it (the old one stops working at once).`,
  );
}

export function celebrateNotice(text: string, note?: string): SlackMessage {
  return textMessage(text, note);
}
