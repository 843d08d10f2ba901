import type { Db } from '../../src/db/database.ts';
import { eventually } from './wait.ts';

/** A workspace's running kudos totals in a stable order, without the zero rows an undo leaves behind. */
export async function liveKudosTotals(db: Db, workspaceId: string) {
  const rows = await db
    .selectFrom('kudos_totals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('board')
    .orderBy('period')
    .orderBy('period_start')
    .orderBy('user_id')
    .execute();
  // An undone kudos leaves its running total at 0 where a rebuild has no row: the same totals.
  return rows.filter((row) => row.total !== 0);
}

/** Waits until the worker has celebrated every recorded gift of the workspace. */
export async function untilEveryGiftAnnounced(db: Db, workspaceId: string, timeoutMs: number): Promise<void> {
  await eventually(
    async () => {
      const pending = await db
        .selectFrom('kudos_gifts')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('announced_at', 'is', null)
        .execute();
      return pending.length === 0 ? true : undefined;
    },
    'every gift announced',
    timeoutMs,
  );
}
