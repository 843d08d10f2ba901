import type { Db } from '../../db/database.ts';
import { findErasure, insertErasure } from '../../db/queries/erased-members.ts';
import { findMember } from '../../db/queries/members.ts';
import { deleteDirectoryEntries, type Erasure, eraseFromEveryTable } from '../../db/queries/person-erasure.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';
import { erasedNamesOf } from './erased-names.ts';
import { newTombstoneId } from './tombstone.ts';

export type ErasePersonResult =
  | { erased: true; tombstoneId: string }
  | { erased: false; reason: 'already_erased'; erasedAt: Date };

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
    const person = {
      userId: input.userId,
      tombstoneId: newTombstoneId(),
      names: member ? erasedNamesOf(member) : [],
    };
    if (
      !(await insertErasure(trx, {
        workspaceId: input.workspaceId,
        userId: person.userId,
        tombstoneId: person.tombstoneId,
        erasedAt: input.now,
      }))
    ) {
      const earlier = await findErasure(trx, input.workspaceId, input.userId);
      return { erased: false, reason: 'already_erased', erasedAt: earlier?.erased_at ?? input.now };
    }
    const erasure: Erasure = { workspaceId: input.workspaceId, people: [person], now: input.now };
    await eraseFromEveryTable(trx, erasure);
    await deleteDirectoryEntries(trx, erasure);
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: person.tombstoneId,
      action: 'privacy.person_erased',
      now: input.now,
    });
    return { erased: true, tombstoneId: person.tombstoneId };
  });
}
