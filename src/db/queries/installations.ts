import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

export interface StoredInstallation {
  workspaceId: string;
  botUserId: string | null;
  botId: string | null;
  appId: string | null;
  botScopes: string;
  secretCiphertext: string;
}

export async function upsertInstallation(db: Executor, row: StoredInstallation, now: Date): Promise<void> {
  const values = {
    workspace_id: row.workspaceId,
    bot_user_id: row.botUserId,
    bot_id: row.botId,
    app_id: row.appId,
    bot_scopes: row.botScopes,
    secret_ciphertext: row.secretCiphertext,
    updated_at: now,
  };
  await db
    .insertInto('installations')
    .values(values)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...values, workspace_id: undefined }))
    .execute();
}

/** The installation of an active workspace only: an uninstalled workspace has no usable credentials. */
export async function findActiveInstallation(
  db: Executor,
  workspaceId: string,
): Promise<StoredInstallation | undefined> {
  const row = await db
    .selectFrom('installations')
    .innerJoin('workspaces', 'workspaces.id', 'installations.workspace_id')
    .select([
      'installations.workspace_id',
      'installations.bot_user_id',
      'installations.bot_id',
      'installations.app_id',
      'installations.bot_scopes',
      'installations.secret_ciphertext',
    ])
    .where('installations.workspace_id', '=', workspaceId)
    .where('workspaces.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    workspaceId: row.workspace_id,
    botUserId: row.bot_user_id,
    botId: row.bot_id,
    appId: row.app_id,
    botScopes: row.bot_scopes,
    secretCiphertext: row.secret_ciphertext,
  };
}

export async function deleteInstallation(db: Executor, workspaceId: string): Promise<void> {
  await db.deleteFrom('installations').where('workspace_id', '=', workspaceId).execute();
}
