import type { Db } from '../../db/database.ts';
import { blankDirectoryEntries, type Erasure, eraseFromEveryTable } from '../../db/queries/person-erasure.ts';
import { lockDepartedMembersToPurge } from '../../db/queries/retention.ts';
import { erasedNamesOf } from '../privacy/erased-names.ts';
import { newTombstoneId } from '../privacy/tombstone.ts';

/**
 * Purges people who left Slack once their grace period is over, through the same table-by-table map as
 * `/nudge forget-me`: what was theirs alone is deleted, rows others still need (a kudos they gave, a pair they were
 * in) carry a random tombstone id per person, their names in what others wrote become "a former colleague". Their
 * directory entry is blanked down to the Slack user id, so the next sync does not bring their profile back. One
 * transaction for the batch, every statement set-based over all of them: purging many people costs one pass over
 * each table. Skips anyone back in Slack or purged already, so running it again changes nothing.
 */
export async function purgeDepartedMembers(
  db: Db,
  input: { workspaceId: string; userIds: string[]; now: Date },
): Promise<{ purged: number }> {
  return await db.transaction().execute(async (trx) => {
    const departed = await lockDepartedMembersToPurge(trx, input.workspaceId, input.userIds);
    if (departed.length === 0) return { purged: 0 };
    const erasure: Erasure = {
      workspaceId: input.workspaceId,
      people: departed.map((m) => ({ userId: m.user_id, tombstoneId: newTombstoneId(), names: erasedNamesOf(m) })),
      now: input.now,
    };
    await eraseFromEveryTable(trx, erasure);
    return { purged: await blankDirectoryEntries(trx, erasure) };
  });
}
