import type { Db } from '../../db/database.ts';
import { deleteKudosTotals, insertKudosTotalsFromLedger } from '../../db/queries/kudos-summaries.ts';

/**
 * Recomputes a workspace's running totals from the ledger, e.g. after its time zone changed (period
 * boundaries move) or to repair drift. Weeks start on Monday, as in periodWindow.
 */
export async function rebuildKudosTotals(db: Db, workspaceId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteKudosTotals(trx, workspaceId);
    await insertKudosTotalsFromLedger(trx, workspaceId);
  });
}
