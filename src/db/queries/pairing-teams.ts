import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import type { PairingUsergroupsTable } from '../schema-pairing.ts';

type Executor = Kysely<Database>;
export type CachedUsergroup = Selectable<PairingUsergroupsTable>;
export interface TeamOverride {
  userId: string;
  team: string | null;
  department: string | null;
}

export async function findTeamOverrides(
  db: Executor,
  workspaceId: string,
  userIds: string[],
): Promise<Map<string, TeamOverride>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('member_team_overrides')
    .select(['user_id', 'team', 'department'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(rows.map((r) => [r.user_id, { userId: r.user_id, team: r.team, department: r.department }]));
}

/** The first overrides by user id, for the admin's overview. */
export async function listTeamOverrides(db: Executor, workspaceId: string, limit: number): Promise<TeamOverride[]> {
  const rows = await db
    .selectFrom('member_team_overrides')
    .select(['user_id', 'team', 'department'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('user_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, team: r.team, department: r.department }));
}

export async function countTeamOverrides(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('member_team_overrides')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function upsertTeamOverride(
  db: Executor,
  row: TeamOverride & { workspaceId: string; setBy: string; now: Date },
): Promise<void> {
  const values = { team: row.team, department: row.department, set_by: row.setBy, updated_at: row.now };
  await db
    .insertInto('member_team_overrides')
    .values({ workspace_id: row.workspaceId, user_id: row.userId, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet(values))
    .execute();
}

export async function deleteTeamOverride(db: Executor, workspaceId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('member_team_overrides')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Nudge's own directory values (the CSV import); a field left undefined keeps what the member had. */
export async function updateMemberTeam(
  db: Executor,
  row: { workspaceId: string; userId: string; team?: string; department?: string },
): Promise<void> {
  const changes = {
    ...(row.team !== undefined ? { team: row.team } : {}),
    ...(row.department !== undefined ? { department: row.department } : {}),
  };
  if (Object.keys(changes).length === 0) return;
  await db
    .updateTable('members')
    .set(changes)
    .where('workspace_id', '=', row.workspaceId)
    .where('user_id', '=', row.userId)
    .execute();
}

export async function countMembersWithTeam(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('team', 'is not', null), eb('department', 'is not', null)]))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findProfileValues(
  db: Executor,
  workspaceId: string,
  userIds: string[],
): Promise<Map<string, { fields: Record<string, string>; fetchedAt: Date }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('pairing_profile_values')
    .select(['user_id', 'fields', 'fetched_at'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(rows.map((r) => [r.user_id, { fields: r.fields, fetchedAt: r.fetched_at }]));
}

export async function upsertProfileValues(
  db: Executor,
  row: { workspaceId: string; userId: string; fields: Record<string, string>; now: Date },
): Promise<void> {
  const values = { fields: JSON.stringify(row.fields), fetched_at: row.now };
  await db
    .insertInto('pairing_profile_values')
    .values({ workspace_id: row.workspaceId, user_id: row.userId, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet(values))
    .execute();
}

export async function findCachedUsergroups(db: Executor, workspaceId: string): Promise<CachedUsergroup[]> {
  return await db
    .selectFrom('pairing_usergroups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('usergroup_id')
    .execute();
}

export async function upsertUsergroup(
  db: Executor,
  row: { workspaceId: string; id: string; handle: string; name: string; members: string[]; now: Date },
): Promise<void> {
  const values = { handle: row.handle, name: row.name, members: row.members, fetched_at: row.now };
  await db
    .insertInto('pairing_usergroups')
    .values({ workspace_id: row.workspaceId, usergroup_id: row.id, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'usergroup_id']).doUpdateSet(values))
    .execute();
}

/** Forgets groups Slack no longer lists (deleted or disabled), so nobody keeps a team that is gone. */
export async function deleteUsergroupsExcept(db: Executor, workspaceId: string, keepIds: string[]): Promise<void> {
  let query = db.deleteFrom('pairing_usergroups').where('workspace_id', '=', workspaceId);
  if (keepIds.length > 0) query = query.where('usergroup_id', 'not in', keepIds);
  await query.execute();
}
