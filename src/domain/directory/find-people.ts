import type { Db } from '../../db/database.ts';
import { findMembersByReferences } from '../../db/queries/members.ts';
import type { Member } from '../../db/schema.ts';

/**
 * Finds members of a workspace by the ways people write them in a pasted list: a Slack mention (`<@U123>`,
 * `<@U123|ada>`), a user ID (`U123`, `W123`), an email, or `@name` (the Slack username, else the display
 * name). Each reference resolves to one member or to a reason it does not; nothing is guessed.
 */

export type PersonLookup = { ok: true; member: Member } | { ok: false; reason: string };

const mention = /^<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>$/;
const userId = /^[UW][A-Z0-9]{2,30}$/;

type Reference =
  | { kind: 'id'; id: string }
  | { kind: 'email'; email: string }
  | { kind: 'name'; name: string }
  | { kind: 'bad'; text: string };

function classify(text: string): Reference {
  const trimmed = text.trim();
  const id = mention.exec(trimmed)?.[1] ?? (userId.test(trimmed) ? trimmed : undefined);
  if (id) return { kind: 'id', id };
  if (/^[^\s@<>]+@[^\s@<>]+$/.test(trimmed)) return { kind: 'email', email: trimmed.toLowerCase() };
  if (/^@[^\s<>@]{1,80}$/.test(trimmed)) return { kind: 'name', name: trimmed.slice(1).toLowerCase() };
  return { kind: 'bad', text: trimmed };
}

export async function findPeople(db: Db, workspaceId: string, references: string[]): Promise<PersonLookup[]> {
  const refs = references.map(classify);
  const ids = [...new Set(refs.flatMap((r) => (r.kind === 'id' ? [r.id] : [])))];
  const emails = [...new Set(refs.flatMap((r) => (r.kind === 'email' ? [r.email] : [])))];
  const names = [...new Set(refs.flatMap((r) => (r.kind === 'name' ? [r.name] : [])))];
  const rows = await findMembersByReferences(db, workspaceId, { ids, emails, names });
  /** `what` completes "No member of this workspace …" and "Several members …" (singular, then plural verb). */
  const pick = (matches: Member[], what: [string, string]): PersonLookup => {
    const present = matches.filter((m) => !m.is_deleted);
    if (matches.length === 0) return { ok: false, reason: `No member of this workspace ${what[0]}.` };
    if (present.length > 1) return { ok: false, reason: `Several members ${what[1]}; use their Slack ID or email.` };
    return { ok: true, member: present[0] ?? matches[0]! };
  };
  return refs.map((ref): PersonLookup => {
    if (ref.kind === 'id')
      return pick(
        rows.filter((m) => m.user_id === ref.id),
        [`has the ID ${ref.id}`, `have the ID ${ref.id}`],
      );
    if (ref.kind === 'email')
      return pick(
        rows.filter((m) => m.email?.toLowerCase() === ref.email),
        [`has the email ${ref.email}`, `have the email ${ref.email}`],
      );
    if (ref.kind === 'name') {
      const byName = rows.filter((m) => m.name.toLowerCase() === ref.name);
      return pick(byName.length ? byName : rows.filter((m) => m.display_name.toLowerCase() === ref.name), [
        `is called @${ref.name}`,
        `are called @${ref.name}`,
      ]);
    }
    return {
      ok: false,
      reason: ref.text
        ? `"${ref.text.slice(0, 60)}" is not a person: use an @mention, a Slack user ID or an email.`
        : 'No person: give an @mention, a Slack user ID or an email.',
    };
  });
}
