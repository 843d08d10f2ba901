import type { Member } from '../../db/schema.ts';

/** What `isAway` reads of a directory row: the person's Slack status as last synced. */
export type AwayStatus = Pick<Member, 'status_text' | 'status_emoji' | 'status_expiration'>;

/**
 * The markers a workspace starts with: an entry between colons is an emoji, anything else a word or phrase found in
 * the status text. Admins can replace the list (`updateAwayMarkers`).
 */
export const defaultAwayMarkers: readonly string[] = Object.freeze([
  ':palm_tree:',
  ':airplane:',
  ':face_with_thermometer:',
  ':sick:',
  ':baby:',
  ':beach_with_umbrella:',
  ':desert_island:',
  ':face_with_head_bandage:',
  'ooo',
  'out of office',
  'out of the office',
  'vacation',
  'holiday',
  'holidays',
  'on leave',
  'parental leave',
  'maternity leave',
  'paternity leave',
  'sick',
  'pto',
]);

export interface AwayRules {
  emoji: Set<string>;
  phrases: RegExp[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Folds the list once per run, so checking a 10,000-person pool compiles nothing per person. */
export function awayRules(markers: readonly string[]): AwayRules {
  const emoji = new Set<string>();
  const phrases: RegExp[] = [];
  for (const raw of markers) {
    const marker = raw.trim().toLowerCase();
    if (marker === '') continue;
    if (/^:[^:\s]+:$/.test(marker)) emoji.add(marker);
    else {
      // Whole words only, so "ooo" never matches "Foooood truck" and "sick" never matches "homesick".
      const words = marker.split(/\s+/).map(escapeRegExp).join('\\s+');
      phrases.push(new RegExp(`(^|[^\\p{L}\\p{N}])${words}($|[^\\p{L}\\p{N}])`, 'iu'));
    }
  }
  return { emoji, phrases };
}

// Slack appends a skin tone to some emoji (":baby::skin-tone-3:"); the marker names the emoji itself.
const baseEmoji = (emoji: string) => emoji.toLowerCase().match(/^:[^:\s]+:/)?.[0] ?? '';

/**
 * Whether the person's Slack status says they are away now. A status Slack clears at a set time counts while that
 * time is ahead, with an away emoji or an away word. A status set never to clear ("Don't clear") counts only when its
 * words say so ("Parental leave"): an emoji alone is often left on for months as decoration.
 */
export function isAway(member: AwayStatus, now: Date, rules: AwayRules): boolean {
  const expires = member.status_expiration;
  if (expires !== null && expires.getTime() <= now.getTime()) return false;
  const text = member.status_text ?? '';
  if (rules.phrases.some((phrase) => phrase.test(text))) return true;
  return expires !== null && rules.emoji.has(baseEmoji(member.status_emoji ?? ''));
}
