import type { Db } from '../../db/database.ts';
import { findOverdueContacts } from '../../db/queries/keep-in-touch-contacts.ts';
import { findKeepInTouchPerson, markReconnectSent } from '../../db/queries/keep-in-touch-people.ts';
import { findMember } from '../../db/queries/members.ts';
import { findAwayPeople } from '../directory/away-people.ts';

const week = 7 * 24 * 3600 * 1000;
/** The weekly DM lists at most this many people. */
export const maxReconnectContacts = 3;

export interface ReconnectContact {
  contactId: string;
  dueAt: Date;
  lastContactAt: Date | null;
  cadenceWeeks: number;
}

/**
 * The weekly reconnect DM owed to one person, checked just before it is sent: `since` is the DM it follows (ms, 0 for
 * none), so a DM already sent makes this return nothing. At most once a week; never to someone who opted out or is
 * away; up to three people they are overdue with, longest overdue first, leaving out anyone away.
 */
export async function reconnectToSend(
  db: Db,
  input: { workspaceId: string; userId: string; since: number; now: Date },
): Promise<{ contacts: ReconnectContact[] } | { skipped: string }> {
  const person = await findKeepInTouchPerson(db, input.workspaceId, input.userId);
  if (person?.opted_out_at != null) return { skipped: 'opted out' };
  if ((person?.last_reconnect_at?.getTime() ?? 0) !== input.since) return { skipped: 'already sent' };
  const owner = await findMember(db, input.workspaceId, input.userId);
  if (!owner || owner.is_deleted || owner.departed_at !== null) return { skipped: 'the person left' };
  const overdue = await findOverdueContacts(db, {
    workspaceId: input.workspaceId,
    now: input.now,
    ownerId: input.userId,
    reconnectedBefore: new Date(input.now.getTime() - week),
  });
  if (overdue.length === 0) return { skipped: 'nobody overdue' };
  const away = await findAwayPeople(db, {
    workspaceId: input.workspaceId,
    userIds: [input.userId, ...overdue.map((c) => c.contact_id)],
    now: input.now,
  });
  if (away.has(input.userId)) return { skipped: 'away until their status clears' };
  const contacts = overdue
    .filter((c) => !away.has(c.contact_id))
    .slice(0, maxReconnectContacts)
    .map((c) => ({
      contactId: c.contact_id,
      dueAt: c.due_at,
      lastContactAt: c.last_contact_at,
      cadenceWeeks: c.cadence_weeks,
    }));
  return contacts.length > 0 ? { contacts } : { skipped: 'everyone overdue is away' };
}

export async function recordReconnectSent(
  db: Db,
  input: { workspaceId: string; userId: string; since: number; now: Date },
): Promise<boolean> {
  return await markReconnectSent(db, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    since: input.since === 0 ? null : new Date(input.since),
    sentAt: input.now,
  });
}
