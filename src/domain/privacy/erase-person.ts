import type { Db } from '../../db/database.ts';
import { findErasure, insertErasure } from '../../db/queries/erased-members.ts';
import { findMember } from '../../db/queries/members.ts';
import {
  deleteOwnRows,
  type ErasedPerson,
  endMentorships,
  leaveRounds,
  removeFromLists,
  replaceIdColumns,
  scrubText,
} from '../../db/queries/person-erasure.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';
import { newTombstoneId } from './tombstone.ts';

export type ErasePersonResult =
  | { erased: true; tombstoneId: string }
  | { erased: false; reason: 'already_erased'; erasedAt: Date };

/** Names shorter than this are too likely to be part of other words to scrub from free text. */
const shortestScrubbedName = 3;

function namesOf(member: { name: string; display_name: string; real_name: string; email: string | null }): string[] {
  const names = [member.real_name, member.display_name, member.name, member.email ?? ''].map((n) => n.trim());
  // The longest first, so "Ana Lima" goes whole before "Ana" could split it.
  return [...new Set(names.filter((n) => n.length >= shortestScrubbedName))].sort((a, b) => b.length - a.length);
}

/**
 * Forgets one person in one workspace: what is theirs alone is deleted, what others still need (a kudos they gave,
 * a pair they were in) keeps a random tombstone id in their place, mentions and names in what others wrote become
 * "a former colleague", and a digest of their id keeps the directory from storing them again. One transaction: a
 * crash leaves everything as it was and the retried job does it all; a second erase changes nothing.
 */
export async function erasePerson(
  db: Db,
  input: { workspaceId: string; userId: string; now: Date },
): Promise<ErasePersonResult> {
  return await db.transaction().execute(async (trx) => {
    const member = await findMember(trx, input.workspaceId, input.userId);
    const person: ErasedPerson = {
      workspaceId: input.workspaceId,
      userId: input.userId,
      tombstoneId: newTombstoneId(),
      names: member ? namesOf(member) : [],
      now: input.now,
    };
    if (
      !(await insertErasure(trx, {
        workspaceId: person.workspaceId,
        userId: person.userId,
        tombstoneId: person.tombstoneId,
        erasedAt: input.now,
      }))
    ) {
      const earlier = await findErasure(trx, input.workspaceId, input.userId);
      return { erased: false, reason: 'already_erased', erasedAt: earlier?.erased_at ?? input.now };
    }
    // Rounds and mentorships first: they end what is under way by the person's own id, before it is replaced.
    await leaveRounds(trx, person);
    await endMentorships(trx, person);
    await removeFromLists(trx, person);
    await deleteOwnRows(trx, person);
    await replaceIdColumns(trx, person);
    await scrubText(trx, person);
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: person.tombstoneId,
      action: 'privacy.person_erased',
      now: input.now,
    });
    return { erased: true, tombstoneId: person.tombstoneId };
  });
}
