import type { Db } from '../../db/database.ts';
import { type StoredInstallation, upsertInstallation } from '../../db/queries/installations.ts';
import { upsertActiveWorkspace, type WorkspaceIdentity } from '../../db/queries/workspaces.ts';

export { deleteInstallation, findActiveInstallation, type StoredInstallation } from '../../db/queries/installations.ts';
export {
  insertWorkspaceIfMissing,
  upsertActiveWorkspace,
  type WorkspaceIdentity,
} from '../../db/queries/workspaces.ts';

/** An install or reinstall: the workspace becomes active and its sealed installation is stored, together. */
export async function saveInstallation(
  db: Db,
  input: { workspace: WorkspaceIdentity; installation: StoredInstallation },
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await upsertActiveWorkspace(trx, input.workspace, now);
    await upsertInstallation(trx, input.installation, now);
  });
}
