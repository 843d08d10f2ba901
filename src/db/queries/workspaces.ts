import type { Kysely } from 'kysely';
import type { Database, Workspace } from '../schema.ts';

type Executor = Kysely<Database>;

export interface WorkspaceIdentity {
  id: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  name?: string;
}

function newActiveWorkspace(identity: WorkspaceIdentity, now: Date) {
  return {
    id: identity.id,
    team_id: identity.teamId,
    enterprise_id: identity.enterpriseId,
    is_enterprise_install: identity.isEnterpriseInstall,
    name: identity.name ?? '',
    status: 'active' as const,
    installed_at: now,
    updated_at: now,
  };
}

export async function findWorkspace(db: Executor, workspaceId: string): Promise<Workspace | undefined> {
  return await db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
}

/** Install or reinstall: a returning workspace becomes active again with all of its data. */
export async function upsertActiveWorkspace(db: Executor, identity: WorkspaceIdentity, now: Date): Promise<void> {
  await db
    .insertInto('workspaces')
    .values(newActiveWorkspace(identity, now))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        status: 'active',
        name: identity.name ?? eb.ref('workspaces.name'),
        installed_at: now,
        deactivated_at: null,
        updated_at: now,
      })),
    )
    .execute();
}

/** First contact in single-workspace mode: create the row if missing, never reactivate an uninstalled one. */
export async function insertWorkspaceIfMissing(db: Executor, identity: WorkspaceIdentity, now: Date): Promise<void> {
  await db
    .insertInto('workspaces')
    .values(newActiveWorkspace(identity, now))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Returns true when this call changed an active workspace to inactive (the first of several uninstall events). */
export async function deactivateWorkspace(db: Executor, workspaceId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('workspaces')
    .set({ status: 'inactive', deactivated_at: now, updated_at: now })
    .where('id', '=', workspaceId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateWorkspaceTimeZone(
  db: Executor,
  workspaceId: string,
  timeZone: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({ time_zone: timeZone, updated_at: now })
    .where('id', '=', workspaceId)
    .execute();
}
