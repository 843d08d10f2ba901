/**
 * Parses the text of `/kudos` as Slack sends it with `should_escape: true`: mentions arrive as `<@U…|label>`,
 * `<!subteam^S…|@label>`, `<#C…|label>`, `<!here>`, and `&`, `<`, `>` typed by people arrive as `&amp;`, `&lt;`, `&gt;`.
 * Pure and total: every string maps to a command, and refusals carry a message that says how to fix them.
 */

export const maxRecipients = 10;
export const maxReasonLength = 1000;

export type KudosPeriod = 'week' | 'month' | 'quarter' | 'year' | 'all';
export type KudosBoard = 'received' | 'given' | 'cross-team';

export interface ParsedKudosGive {
  kind: 'give';
  userIds: string[];
  usergroupIds: string[];
  reason: string;
  tags: string[];
}

export type KudosCommand =
  | ParsedKudosGive
  | { kind: 'undo' }
  | { kind: 'top'; period: KudosPeriod; board: KudosBoard }
  | { kind: 'help' }
  | { kind: 'invalid'; error: string; hint: string };

const periods: readonly KudosPeriod[] = ['week', 'month', 'quarter', 'year', 'all'];
const boards: readonly KudosBoard[] = ['received', 'given', 'cross-team'];

const minReasonWords = 2;
const minReasonChars = 10;

/**
 * How to give kudos, for hints and prompts. No made-up @name: only a person picked from Slack's list is
 * linked, so an example to copy would thank nobody (or someone unintended).
 */
export const giveExample =
  '/kudos, then @ and pick the person from the list, then “for fixing the deploy pipeline #teamwork”';
const topUsage = `/kudos top [${periods.join('|')}] [${boards.join('|')}]`;

// Sticky (`y`) so each one matches exactly at the cursor. Labels are optional and may be empty or stale;
// they cannot contain `>` because Slack escapes it. IDs have no fixed length.
// Group 1 is a user ID, group 2 a user group ID.
const recipientMention = /<@([A-Z][A-Z0-9]+)(?:\|[^>]*)?>|<!subteam\^([A-Z][A-Z0-9]+)(?:\|[^>]*)?>/y;
const channelMention = /<#[A-Z][A-Z0-9]+(?:\|[^>]*)?>|<!(?:here|channel|everyone)(?:\|[^>]*)?>/y;
// Between recipients: whitespace, commas, `and`, `&` (escaped by Slack as `&amp;`). No nested quantifier, so no
// catastrophic backtracking on long inputs.
const recipientSeparators = /(?:[\s,]|&amp;|&|and(?![\p{L}\p{N}_]))*/iuy;
// A plain `@name` where a recipient belongs: someone typed a name without picking it from autocomplete.
const unlinkedMention = /@[\p{L}\p{N}._-]+/uy;
const leadIn = /^(?:for(?![\p{L}\p{N}_])|[:\-—–])/iu;

const anyMention = /<[@#!][^<>]*>/gu;
const slackToken = /<[^<>]*>/gu;
// `#` must not follow a word character, so `C#` or `issue#12` are not tags.
const tagPattern = /(?<![\p{L}\p{N}\p{M}_])#([\p{L}\p{N}][\p{L}\p{N}\p{M}_-]*)/gu;

export function parseKudosCommand(text: string): KudosCommand {
  const trimmed = text.trim();
  const firstWord = /^\S*/u.exec(trimmed)![0];
  const rest = trimmed.slice(firstWord.length);
  const keyword = firstWord.toLowerCase();
  if (keyword === '' || keyword === 'help') return { kind: 'help' };
  if (keyword === 'undo') {
    if (rest === '') return { kind: 'undo' };
    // Undo is destructive, so anything after it is more likely a typo than something to ignore.
    return invalid(
      '`/kudos undo` takes nothing after it.',
      'Try: /kudos undo (it takes back the last kudos you gave, within 5 minutes)',
    );
  }
  if (keyword === 'top') return parseTop(rest.split(/\s+/u));
  return parseGive(trimmed);
}

function parseTop(words: string[]): KudosCommand {
  let period: KudosPeriod | undefined;
  let board: KudosBoard | undefined;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower === '') continue;
    if (isOneOf(periods, lower)) {
      if (period !== undefined && period !== lower) {
        return invalid(`Pick one period, not both \`${period}\` and \`${lower}\`.`, `Try: ${topUsage}`);
      }
      period = lower;
    } else if (isOneOf(boards, lower)) {
      if (board !== undefined && board !== lower) {
        return invalid(`Pick one leaderboard, not both \`${board}\` and \`${lower}\`.`, `Try: ${topUsage}`);
      }
      board = lower;
    } else {
      return invalid(
        `I don't know ${quote(word)} for the leaderboard.`,
        `Try: ${topUsage}, for example /kudos top month given`,
      );
    }
  }
  return { kind: 'top', period: period ?? 'week', board: board ?? 'received' };
}

function parseGive(text: string): KudosCommand {
  const userIds = new Set<string>();
  const usergroupIds = new Set<string>();
  let afterRecipients = 0;
  for (;;) {
    // Separators only count between mentions: the text must start with one.
    const at = afterRecipients === 0 ? 0 : skip(recipientSeparators, text, afterRecipients);
    const recipient = matchAt(recipientMention, text, at);
    if (recipient) {
      if (recipient[1] !== undefined) userIds.add(recipient[1]);
      else usergroupIds.add(recipient[2]!);
      afterRecipients = recipientMention.lastIndex;
    } else if (matchAt(channelMention, text, at)) {
      return invalid(
        "Kudos go to people, so you can't give them to a channel, @here, @channel or @everyone.",
        `Mention the people (or a user group) instead. Try: ${giveExample}`,
      );
    } else {
      const unlinked = matchAt(unlinkedMention, text, at);
      if (unlinked) {
        return invalid(
          `${quote(unlinked[0])} isn't linked to a Slack user.`,
          `Pick the person from Slack's autocomplete as you type @ so the mention is linked. Try: ${giveExample}`,
        );
      }
      break;
    }
  }

  const recipientCount = userIds.size + usergroupIds.size;
  if (recipientCount === 0) {
    return invalid('Start with the person you want to thank.', `Try: ${giveExample} (or /kudos help)`);
  }
  if (recipientCount > maxRecipients) {
    return invalid(
      `That's ${recipientCount} recipients; kudos can go to at most ${maxRecipients} people or groups at once.`,
      `Pick up to ${maxRecipients}, or mention a user group instead (type @ and pick the group from the list).`,
    );
  }

  const reason = text
    .slice(afterRecipients)
    .replace(/^[\s,]+/u, '')
    .replace(leadIn, '')
    .trim();
  if (reason === '') {
    return invalid('Say what you are thanking them for.', `Add a reason after the mentions. Try: ${giveExample}`);
  }
  // Count what people see: Slack turned each `&`, `<`, `>` they typed into an entity.
  const length = codePointLength(reason.replace(/&(?:amp|lt|gt);/g, '&'));
  if (length > maxReasonLength) {
    return invalid(
      `Your reason is ${format(length)} characters; the limit is ${format(maxReasonLength)}.`,
      `Shorten it by ${format(length - maxReasonLength)} characters and send it again.`,
    );
  }
  // Mentions and tags do not say what someone did; words without a letter or digit (`!!!`, emoji) do not either.
  const words = reason
    .replace(anyMention, ' ')
    .replace(tagPattern, ' ')
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length < minReasonWords || codePointLength(words.join(' ')) < minReasonChars) {
    return invalid(
      `Your reason is too short: write at least ${minReasonWords} words and ${minReasonChars} characters (mentions and #tags don't count).`,
      `Say what they did. Try: ${giveExample}`,
    );
  }
  return { kind: 'give', userIds: [...userIds], usergroupIds: [...usergroupIds], reason, tags: extractTags(reason) };
}

function extractTags(reason: string): string[] {
  // Tokens such as `<https://x/page#anchor>` or `<#C123|general>` contain `#` but are not tags.
  const plain = reason.replace(slackToken, ' ');
  const tags = new Set<string>();
  for (const match of plain.matchAll(tagPattern)) tags.add(match[1]!.toLowerCase());
  return [...tags];
}

function invalid(error: string, hint: string): KudosCommand {
  return { kind: 'invalid', error, hint };
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function skip(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.exec(text) ? pattern.lastIndex : at;
}

function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function format(n: number): string {
  return n.toLocaleString('en-US');
}

/** Echoes a bit of user input safely: short, no control characters, no `<…>` that Slack could turn into a ping. */
function quote(input: string): string {
  const clean = Array.from(input.slice(0, 60).replace(/[\p{Cc}<>`]/gu, ''));
  return `\`${clean.slice(0, 30).join('')}${clean.length > 30 || input.length > 60 ? '…' : ''}\``;
}
