import type { Db } from '../../db/database.ts';
import { deleteInstallation } from '../../db/queries/installations.ts';
import { deactivateWorkspace as markInactive } from '../../db/queries/workspaces.ts';

/**
 * Uninstall or bot-token revocation. Slack sends `app_uninstalled` and `tokens_revoked` in any order and
 * possibly several times: the first call deactivates and drops the credentials, later ones change nothing.
 * The workspace's data stays 30 days, so a reinstall picks up where it left off (`purge-workspace.ts`).
 */
export async function deactivateWorkspace(
  db: Db,
  input: { workspaceId: string; now: Date },
): Promise<{ changed: boolean }> {
  return await db.transaction().execute(async (trx) => {
    const changed = await markInactive(trx, input.workspaceId, input.now);
    await deleteInstallation(trx, input.workspaceId);
    return { changed };
  });
}
