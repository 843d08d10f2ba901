import type { Db } from '../../db/database.ts';
import {
  deleteWorkspaceRow,
  deleteWorkspaceRows,
  findUninstalledWorkspacesBefore,
  findWorkspaceScopedTables,
  lockWorkspaceForPurge,
} from '../../db/queries/retention.ts';

/** How long an uninstalled workspace's data waits for a reinstall before it is purged. */
export const uninstalledGraceDays = 30;

export type PurgeWorkspaceResult =
  | { ok: true; deletedRows: number }
  | { ok: false; refused: 'not_found' | 'still_installed' | 'too_recent' };

/**
 * Deletes everything Nudge holds for a workspace, the workspace row included: every table with a `workspace_id`
 * (read from the catalogue, so a table added later is covered), then the row, in one transaction that holds the
 * workspace's row so a reinstall cannot interleave. Refuses an installed workspace; without `immediately`, also one
 * uninstalled less than the grace period ago.
 */
export async function purgeWorkspace(
  db: Db,
  input: { workspaceId: string; now: Date; immediately?: boolean },
): Promise<PurgeWorkspaceResult> {
  return await db.transaction().execute(async (trx) => {
    const workspace = await lockWorkspaceForPurge(trx, input.workspaceId);
    if (!workspace) return { ok: false, refused: 'not_found' } as const;
    if (workspace.status !== 'inactive') return { ok: false, refused: 'still_installed' } as const;
    const cutoff = input.now.getTime() - uninstalledGraceDays * 86_400_000;
    if (!input.immediately && (workspace.deactivated_at?.getTime() ?? input.now.getTime()) >= cutoff)
      return { ok: false, refused: 'too_recent' } as const;
    let deletedRows = 0;
    for (const table of await findWorkspaceScopedTables(trx)) {
      deletedRows += await deleteWorkspaceRows(trx, table, input.workspaceId);
    }
    deletedRows += await deleteWorkspaceRow(trx, input.workspaceId);
    return { ok: true, deletedRows } as const;
  });
}

/** The daily purge: every workspace uninstalled more than the grace period ago and not reinstalled since. */
export async function purgeUninstalledWorkspaces(db: Db, input: { now: Date }): Promise<{ purged: string[] }> {
  const cutoff = new Date(input.now.getTime() - uninstalledGraceDays * 86_400_000);
  const purged: string[] = [];
  for (const workspaceId of await findUninstalledWorkspacesBefore(db, cutoff)) {
    const result = await purgeWorkspace(db, { workspaceId, now: input.now });
    if (result.ok) purged.push(workspaceId);
  }
  return { purged };
}
