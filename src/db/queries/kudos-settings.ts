import type { Kysely, Selectable } from 'kysely';
import type { Database, KudosSettingsTable, WorkspacesTable } from '../schema.ts';

type Executor = Kysely<Database>;

export async function findKudosSettings(
  db: Executor,
  workspaceId: string,
): Promise<Selectable<KudosSettingsTable> | undefined> {
  return await db.selectFrom('kudos_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** The workspace's status and time zone with its kudos settings row (undefined when never saved), in one query. */
export async function findWorkspaceWithKudosSettings(
  db: Executor,
  workspaceId: string,
): Promise<
  | {
      workspace: Pick<Selectable<WorkspacesTable>, 'status' | 'time_zone'>;
      settings: Selectable<KudosSettingsTable> | undefined;
    }
  | undefined
> {
  const row = await db
    .selectFrom('workspaces as w')
    .leftJoin('kudos_settings as s', 's.workspace_id', 'w.id')
    .selectAll('s')
    .select(['w.status', 'w.time_zone'])
    .where('w.id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { status, time_zone, ...settings } = row;
  return {
    workspace: { status, time_zone },
    settings: settings.workspace_id === null ? undefined : (settings as Selectable<KudosSettingsTable>),
  };
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
