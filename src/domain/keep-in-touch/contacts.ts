import type { Db } from '../../db/database.ts';
import {
  type ContactRow,
  deleteContact,
  findContactsOf,
  updateContactTimer,
  upsertContact,
} from '../../db/queries/keep-in-touch-contacts.ts';
import { findKeepInTouchPerson, upsertOptedIn, upsertOptedOut } from '../../db/queries/keep-in-touch-people.ts';
import { findMember } from '../../db/queries/members.ts';
import type { Member } from '../../db/schema.ts';

/** How often someone may ask to be reminded, in weeks: the modal's choices (the prompt offers 2, 4 and 8). */
export const contactCadences = [1, 2, 4, 8, 12] as const;
export const promptCadences = [2, 4, 8] as const;

/** Snooze pushes a contact back two weeks: the next weekly DM would otherwise list them again at once. */
export const snoozeWeeks = 2;

export type ContactRefusal = 'self' | 'not_member' | 'bot' | 'left' | 'bad_cadence';

/** Who may be a contact: a person of this workspace who is still here, and not oneself. */
export function contactRefusal(ownerId: string, contact: Member | undefined, contactId: string): ContactRefusal | null {
  if (contactId === ownerId) return 'self';
  if (!contact) return 'not_member';
  if (contact.is_bot) return 'bot';
  if (contact.is_deleted || contact.departed_at !== null) return 'left';
  return null;
}

/**
 * Adds someone to keep in touch with (or changes how often), which also turns reminders on: choosing a contact is
 * opting in. Refused, with nothing saved, for oneself, a bot, someone who left, or an id this workspace does not know.
 */
export async function addKeepInTouchContact(
  db: Db,
  input: { workspaceId: string; ownerId: string; contactId: string; cadenceWeeks: number; now: Date },
): Promise<{ ok: true } | { ok: false; refused: ContactRefusal }> {
  if (!(contactCadences as readonly number[]).includes(input.cadenceWeeks))
    return { ok: false, refused: 'bad_cadence' };
  return await db.transaction().execute(async (trx) => {
    const contact = await findMember(trx, input.workspaceId, input.contactId);
    const refused = contactRefusal(input.ownerId, contact, input.contactId);
    if (refused) return { ok: false as const, refused };
    await upsertContact(trx, input);
    await upsertOptedIn(trx, input.workspaceId, input.ownerId, input.now);
    return { ok: true as const };
  });
}

export async function removeKeepInTouchContact(
  db: Db,
  input: { workspaceId: string; ownerId: string; contactId: string },
): Promise<boolean> {
  return await deleteContact(db, input.workspaceId, input.ownerId, input.contactId);
}

/** The one-click stop: no prompt and no weekly DM until they add a contact again. Their list stays theirs. */
export async function optOutOfKeepInTouch(db: Db, input: { workspaceId: string; userId: string; now: Date }) {
  await upsertOptedOut(db, input.workspaceId, input.userId, input.now);
}

export interface KeepInTouchOverview {
  optedOut: boolean;
  /** Soonest due first; only people still here. */
  contacts: ContactRow[];
}

/** What the person sees of their own list (App Home, `/nudge keep-in-touch`): nobody else can read it. */
export async function keepInTouchOverview(
  db: Db,
  input: { workspaceId: string; userId: string },
): Promise<KeepInTouchOverview> {
  const person = await findKeepInTouchPerson(db, input.workspaceId, input.userId);
  const contacts = await findContactsOf(db, input.workspaceId, input.userId);
  return { optedOut: person?.opted_out_at != null, contacts };
}

export type TimerChange = 'snooze' | 'done';

/** Snooze pushes the contact back; done (or saying hello) starts the timer again. False: not one of theirs. */
export async function changeContactTimer(
  db: Db,
  input: { workspaceId: string; ownerId: string; contactId: string; change: TimerChange; now: Date },
): Promise<{ ok: true; until: Date } | { ok: false }> {
  const base = { workspaceId: input.workspaceId, ownerId: input.ownerId, contactId: input.contactId };
  if (input.change === 'snooze') {
    const until = new Date(input.now.getTime() + snoozeWeeks * 7 * 24 * 3600 * 1000);
    return (await updateContactTimer(db, { ...base, snoozedUntil: until })) ? { ok: true, until } : { ok: false };
  }
  return (await updateContactTimer(db, { ...base, anchorAt: input.now }))
    ? { ok: true, until: input.now }
    : { ok: false };
}
