/**
 * What the Slack client does to what a person types before it leaves the composer. Slash commands with
 * "Escape channels, users, and links" (`should_escape`) get `<@U…|name>`, `<#C…|name>`, `<!subteam^S…|@handle>`,
 * `<!here>` and `<url>`, with `&`, `<` and `>` entity-escaped everywhere else; a plain message carries the same
 * references in the modern short form (`<@U…>`, `<#C…>`).
 */

export interface ComposeDirectory {
  users: ReadonlyArray<{ id: string; name: string; displayName: string; deleted: boolean }>;
  channels: ReadonlyArray<{ id: string; name: string; kind: string }>;
  usergroups: ReadonlyArray<{ id: string; handle: string; disabled: boolean }>;
}

const SPECIAL_MENTIONS = new Set(['here', 'channel', 'everyone']);

// A name ends on a letter or digit, so "@ada," and "#general." keep their punctuation outside the reference.
const REFERENCE =
  /(?<![\w@#])([@#])([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)|(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'])/g;

export function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function composeText(
  text: string,
  directory: ComposeDirectory,
  options: { form: 'command' | 'message' },
): string {
  const long = options.form === 'command';
  let out = '';
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    const [whole, sigil, name, url] = match;
    const start = match.index;
    let replacement: string | undefined;
    if (url !== undefined) {
      replacement = `<${escapeEntities(url)}>`;
    } else if (sigil === '@' && name !== undefined) {
      replacement = userReference(name, directory, long);
    } else if (sigil === '#' && name !== undefined) {
      const channel = directory.channels.find(
        (candidate) =>
          candidate.name === name.toLowerCase() && (candidate.kind === 'public' || candidate.kind === 'private'),
      );
      if (channel) replacement = long ? `<#${channel.id}|${channel.name}>` : `<#${channel.id}>`;
    }
    if (replacement === undefined) continue;
    out += escapeEntities(text.slice(last, start)) + replacement;
    last = start + whole.length;
  }
  return out + escapeEntities(text.slice(last));
}

function userReference(name: string, directory: ComposeDirectory, long: boolean): string | undefined {
  const wanted = name.toLowerCase();
  if (SPECIAL_MENTIONS.has(wanted)) return `<!${wanted}>`;
  const user =
    directory.users.find((candidate) => !candidate.deleted && candidate.name.toLowerCase() === wanted) ??
    directory.users.find((candidate) => !candidate.deleted && candidate.displayName.toLowerCase() === wanted);
  if (user) return long ? `<@${user.id}|${user.name}>` : `<@${user.id}>`;
  const group = directory.usergroups.find(
    (candidate) => !candidate.disabled && candidate.handle.toLowerCase() === wanted,
  );
  if (group) return `<!subteam^${group.id}|@${group.handle}>`;
  return undefined;
}

/** `/kudos @ada thanks` -> `{ command: '/kudos', text: '@ada thanks' }`; undefined when it is not a command. */
export function splitCommand(input: string): { command: string; text: string } | undefined {
  const match = /^(\/[A-Za-z0-9_-]+)(?:\s+([\s\S]*))?$/.exec(input.trim());
  if (!match) return undefined;
  return { command: match[1]!.toLowerCase(), text: (match[2] ?? '').trim() };
}
