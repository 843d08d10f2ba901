import type { Db } from '../../src/db/database.ts';
import { eventually } from './wait.ts';

/**
 * Waits until a round is delivered (every intro of it sent), then returns it with its groups: the workspace's
 * first round, or the given programme's.
 */
export async function waitForDeliveredRound(
  db: Db,
  where: { workspaceId: string; programmeId?: string },
  timeoutMs: number,
) {
  const round = await eventually(
    async () => {
      let query = db.selectFrom('rounds').selectAll().where('workspace_id', '=', where.workspaceId);
      if (where.programmeId) query = query.where('programme_id', '=', where.programmeId);
      const row = await query.executeTakeFirst();
      return row?.status === 'delivered' ? row : undefined;
    },
    'a delivered round',
    timeoutMs,
  );
  const groups = await db.selectFrom('round_groups').selectAll().where('round_id', '=', round.id).execute();
  return { round, groups };
}
