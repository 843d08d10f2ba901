import type { Db } from '../../db/database.ts';
import { findContact } from '../../db/queries/keep-in-touch-contacts.ts';
import { findMember } from '../../db/queries/members.ts';
import { contactRefusal } from './contacts.ts';

/** A hello goes only to someone the owner keeps in touch with and who is still here. */
export async function helloToSend(db: Db, input: { workspaceId: string; ownerId: string; contactId: string }) {
  if (!(await findContact(db, input.workspaceId, input.ownerId, input.contactId))) return false;
  const contact = await findMember(db, input.workspaceId, input.contactId);
  return contactRefusal(input.ownerId, contact, input.contactId) === null;
}
