import { hasControlCharacters } from './text.ts';

/**
 * The two inbound webhook bodies, parsed into one plain shape. Pure: every problem names the field at fault,
 * so a delivery system's operator can fix the request from the answer alone.
 */

export const maxTitleLength = 150;
export const maxContributors = 20;
const maxUrlLength = 2000;

export type ContributorRef = { kind: 'id'; userId: string } | { kind: 'email'; email: string };

export interface CelebrationHook {
  title: string;
  url: string | null;
  /** Absent for GitHub (the channel comes from the URL's ?channel= or the workspace's celebrations channel). */
  channel: string | null;
  contributors: ContributorRef[];
  /** Idempotency: the same request key records once. */
  requestKey: string | null;
}

export type HookParse =
  | { ok: true; hook: CelebrationHook }
  | { ok: false; field: string; reason: string }
  | { ok: 'ignored'; reason: string };

const knownFields = ['title', 'url', 'channel', 'contributors', 'id'];
const userIdPattern = /^[UW][A-Z0-9]{2,30}$/;
const channelIdPattern = /^[CG][A-Z0-9]{2,30}$/;
const emailPattern = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const idPattern = /^[A-Za-z0-9._:/-]{1,100}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isHttpUrl(text: string): boolean {
  if (text.length > maxUrlLength || /[\s<>|]/.test(text) || hasControlCharacters(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function contributorRef(text: string): ContributorRef | undefined {
  const value = text.trim();
  if (userIdPattern.test(value)) return { kind: 'id', userId: value };
  if (value.length <= 254 && emailPattern.test(value) && !hasControlCharacters(value))
    return { kind: 'email', email: value.toLowerCase() };
  return undefined;
}

export function isChannelId(text: string): boolean {
  return channelIdPattern.test(text);
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/** Nudge's own format: { title, url?, channel, contributors?, id? }. */
export function parseCelebrationHook(body: Buffer): HookParse {
  const parsed = parseJson(body);
  if (!parsed.ok) return { ok: false, field: 'body', reason: 'the body is not valid JSON' };
  const json = parsed.value;
  if (!isObject(json)) return { ok: false, field: 'body', reason: 'the body must be a JSON object' };
  const unknown = Object.keys(json).find((key) => !knownFields.includes(key));
  if (unknown !== undefined) {
    return { ok: false, field: unknown, reason: `unknown field; expected ${knownFields.join(', ')}` };
  }
  const title = typeof json.title === 'string' ? json.title.trim() : '';
  if (typeof json.title !== 'string' || title.length === 0 || title.length > maxTitleLength) {
    return { ok: false, field: 'title', reason: `required: what shipped, 1 to ${maxTitleLength} characters` };
  }
  if (hasControlCharacters(title)) return { ok: false, field: 'title', reason: 'must not contain control characters' };
  let url: string | null = null;
  if (json.url !== undefined && json.url !== null) {
    if (typeof json.url !== 'string' || !isHttpUrl(json.url)) {
      return { ok: false, field: 'url', reason: `must be an http(s) URL of at most ${maxUrlLength} characters` };
    }
    url = json.url;
  }
  if (typeof json.channel !== 'string' || !isChannelId(json.channel)) {
    return { ok: false, field: 'channel', reason: 'required: a Slack channel ID such as C0123ABCD' };
  }
  const contributors: ContributorRef[] = [];
  if (json.contributors !== undefined && json.contributors !== null) {
    if (!Array.isArray(json.contributors)) {
      return { ok: false, field: 'contributors', reason: 'must be an array of Slack user IDs or email addresses' };
    }
    if (json.contributors.length > maxContributors) {
      return { ok: false, field: 'contributors', reason: `at most ${maxContributors} people` };
    }
    for (const [index, item] of json.contributors.entries()) {
      const ref = typeof item === 'string' ? contributorRef(item) : undefined;
      if (!ref) {
        return {
          ok: false,
          field: `contributors[${index}]`,
          reason: 'must be a Slack user ID (U…/W…) or an email address',
        };
      }
      contributors.push(ref);
    }
  }
  let requestKey: string | null = null;
  if (json.id !== undefined && json.id !== null) {
    if (typeof json.id !== 'string' || !idPattern.test(json.id)) {
      return { ok: false, field: 'id', reason: 'must be 1 to 100 characters of letters, digits and . _ : / -' };
    }
    requestKey = `hook:id:${json.id}`;
  }
  return { ok: true, hook: { title, url, channel: json.channel, contributors, requestKey } };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
const controlCharacters = /[\u0000-\u001f\u007f]/g;
const bodyEmailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function emailsIn(...sources: unknown[]): string[] {
  const found = new Set<string>();
  for (const source of sources) {
    if (typeof source !== 'string') continue;
    for (const match of source.matchAll(bodyEmailPattern)) {
      // GitHub's no-reply addresses belong to nobody in the member directory.
      if (!match[0].toLowerCase().endsWith('@users.noreply.github.com')) found.add(match[0].toLowerCase());
    }
  }
  return [...found];
}

/**
 * GitHub's `release` event. Only `published` celebrates; other actions and events are acknowledged and ignored.
 * Contributors are the email addresses the release names (author, sender, and any in its notes, such as
 * Co-authored-by trailers), mapped to Slack users by the caller.
 */
export function parseGithubRelease(event: string, body: Buffer): HookParse {
  if (event === 'ping') return { ok: 'ignored', reason: 'ping received; the signature is valid' };
  if (event !== 'release') return { ok: 'ignored', reason: `the ${event} event is not celebrated; send release` };
  const parsed = parseJson(body);
  if (!parsed.ok) return { ok: false, field: 'body', reason: 'the body is not valid JSON' };
  const json = parsed.value;
  if (!isObject(json)) return { ok: false, field: 'body', reason: 'the body must be a JSON object' };
  if (typeof json.action !== 'string') return { ok: false, field: 'action', reason: 'required' };
  if (json.action !== 'published') {
    return { ok: 'ignored', reason: `release ${json.action} is not celebrated; only published is` };
  }
  const release = json.release;
  if (!isObject(release)) return { ok: false, field: 'release', reason: 'required: the release object' };
  if (typeof release.id !== 'number' || !Number.isSafeInteger(release.id)) {
    return { ok: false, field: 'release.id', reason: 'required: a number' };
  }
  if (typeof release.tag_name !== 'string' || release.tag_name.trim() === '') {
    return { ok: false, field: 'release.tag_name', reason: 'required' };
  }
  if (typeof release.html_url !== 'string' || !isHttpUrl(release.html_url)) {
    return { ok: false, field: 'release.html_url', reason: 'required: an http(s) URL' };
  }
  const repository = json.repository;
  if (
    !isObject(repository) ||
    typeof repository.full_name !== 'string' ||
    repository.full_name === '' ||
    repository.full_name.length > 200 ||
    hasControlCharacters(repository.full_name)
  ) {
    return { ok: false, field: 'repository.full_name', reason: 'required: owner/name' };
  }
  const name = typeof release.name === 'string' && release.name.trim() !== '' ? release.name.trim() : release.tag_name;
  const title = `${repository.full_name} ${name}`.replace(controlCharacters, '').slice(0, maxTitleLength);
  const author = isObject(release.author) ? release.author.email : undefined;
  const sender = isObject(json.sender) ? json.sender.email : undefined;
  const contributors = emailsIn(author, sender, release.body)
    .slice(0, maxContributors)
    .map((email) => ({ kind: 'email' as const, email }));
  return {
    ok: true,
    hook: {
      title,
      url: release.html_url,
      channel: null,
      contributors,
      requestKey: `github:release:${repository.full_name}:${release.id}`,
    },
  };
}
