import type { Kysely, Selectable } from 'kysely';
import type { Database, KudosSettingsTable } from '../schema.ts';

type Executor = Kysely<Database>;

export async function findKudosSettings(
  db: Executor,
  workspaceId: string,
): Promise<Selectable<KudosSettingsTable> | undefined> {
  return await db.selectFrom('kudos_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

export async function upsertKudosSettings(
  db: Executor,
  row: Omit<Selectable<KudosSettingsTable>, 'kudos_values' | 'prompt_channel_ids' | 'admin_user_ids'> & {
    kudos_values: string[];
    prompt_channel_ids: string[];
    admin_user_ids: string[];
  },
): Promise<void> {
  const values = {
    ...row,
    kudos_values: JSON.stringify(row.kudos_values),
    prompt_channel_ids: JSON.stringify(row.prompt_channel_ids),
    admin_user_ids: JSON.stringify(row.admin_user_ids),
  };
  await db
    .insertInto('kudos_settings')
    .values(values)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...values, workspace_id: undefined }))
    .execute();
}
