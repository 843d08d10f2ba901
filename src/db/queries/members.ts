import { type Kysely, sql } from 'kysely';
import type { Database, Member, NewMember } from '../schema.ts';
import { erasedUserIds } from './erased-members.ts';

type Executor = Kysely<Database>;

/** Saves members as Slack describes them; people who asked Nudge to forget them are never stored again. */
export async function upsertMembers(db: Executor, members: NewMember[]): Promise<void> {
  const kept: NewMember[] = [];
  for (const workspaceId of new Set(members.map((m) => m.workspace_id))) {
    const ofWorkspace = members.filter((m) => m.workspace_id === workspaceId);
    const erased = await erasedUserIds(
      db,
      workspaceId,
      ofWorkspace.map((m) => m.user_id),
    );
    kept.push(...ofWorkspace.filter((m) => !erased.has(m.user_id)));
  }
  // A user object without custom fields (users.list, users.info) says nothing about them: the stored ones stay.
  const withFields = kept.filter((m) => m.profile_fields !== undefined);
  const withoutFields = kept.filter((m) => m.profile_fields === undefined);
  if (withFields.length > 0) await upsertRows(db, withFields, { fields: true });
  if (withoutFields.length > 0) await upsertRows(db, withoutFields, { fields: false });
}

async function upsertRows(db: Executor, members: NewMember[], replace: { fields: boolean }): Promise<void> {
  await db
    .insertInto('members')
    .values(members.map((m) => ({ ...m, departed_at: m.is_deleted ? m.synced_at : null })))
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'user_id'])
        .doUpdateSet((eb) => ({
          slack_team_id: eb.ref('excluded.slack_team_id'),
          name: eb.ref('excluded.name'),
          display_name: eb.ref('excluded.display_name'),
          real_name: eb.ref('excluded.real_name'),
          title: eb.ref('excluded.title'),
          email: eb.ref('excluded.email'),
          time_zone: eb.ref('excluded.time_zone'),
          tz_offset_seconds: eb.ref('excluded.tz_offset_seconds'),
          is_bot: eb.ref('excluded.is_bot'),
          is_deleted: eb.ref('excluded.is_deleted'),
          is_admin: eb.ref('excluded.is_admin'),
          is_owner: eb.ref('excluded.is_owner'),
          is_restricted: eb.ref('excluded.is_restricted'),
          ...(replace.fields
            ? {
                profile_fields: eb.ref('excluded.profile_fields'),
                profile_fields_at: eb.ref('excluded.profile_fields_at'),
              }
            : {}),
          status_text: eb.ref('excluded.status_text'),
          status_emoji: eb.ref('excluded.status_emoji'),
          status_expiration: eb.ref('excluded.status_expiration'),
          synced_at: eb.ref('excluded.synced_at'),
          // The first time Slack says they left starts the grace period; later syncs must not restart it.
          departed_at: sql<Date | null>`case when excluded.is_deleted then coalesce(members.departed_at, excluded.synced_at) end`,
          personal_data_purged_at: null,
        }))
        // A departed person whose data was purged stays a blank tombstone until Slack says they are back.
        .where((eb) =>
          eb.or([eb('members.personal_data_purged_at', 'is', null), eb('excluded.is_deleted', '=', false)]),
        ),
    )
    .execute();
}

/** Of these ids, the people who left and whose personal data was purged: their entry is a blank tombstone. */
export async function findPurgedDepartedIds(
  db: Executor,
  workspaceId: string,
  userIds: string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .where('is_deleted', '=', true)
    .where('personal_data_purged_at', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function findMember(db: Executor, workspaceId: string, userId: string): Promise<Member | undefined> {
  return await db
    .selectFrom('members')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function findMembers(db: Executor, workspaceId: string): Promise<Member[]> {
  return await db
    .selectFrom('members')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('user_id')
    .execute();
}

export async function findMembersByIds(
  db: Executor,
  workspaceId: string,
  userIds: string[],
): Promise<Map<string, Member>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('members')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(rows.map((row) => [row.user_id, row]));
}

/** Members whose email is one of these (lower case), to match people a file names by email. */
export async function findMembersByEmails(
  db: Executor,
  workspaceId: string,
  emails: string[],
): Promise<Array<Pick<Member, 'user_id' | 'email' | 'is_bot' | 'is_deleted'>>> {
  return await db
    .selectFrom('members')
    .select(['user_id', 'email', 'is_bot', 'is_deleted'])
    .where('workspace_id', '=', workspaceId)
    .where(sql<string>`lower(email)`, 'in', emails)
    .execute();
}

/** Present people (not deleted, not bots) whose email is one of these (lower case), by user id. */
export async function findPeopleByEmails(
  db: Executor,
  workspaceId: string,
  emails: string[],
): Promise<Array<Pick<Member, 'user_id' | 'email'>>> {
  return await db
    .selectFrom('members')
    .select(['user_id', 'email'])
    .where('workspace_id', '=', workspaceId)
    .where(sql<string>`lower(email)`, 'in', emails)
    .where('is_deleted', '=', false)
    .where('is_bot', '=', false)
    .orderBy('user_id')
    .execute();
}

/** Members matching any of these ids, lower-case emails, or lower-case names or display names, by user id. */
export async function findMembersByReferences(
  db: Executor,
  workspaceId: string,
  refs: { ids: string[]; emails: string[]; names: string[] },
): Promise<Member[]> {
  const { ids, emails, names } = refs;
  if (ids.length + emails.length + names.length === 0) return [];
  return await db
    .selectFrom('members')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        ...(ids.length ? [eb('user_id', 'in', ids)] : []),
        ...(emails.length ? [eb(sql<string>`lower(email)`, 'in', emails)] : []),
        ...(names.length
          ? [eb(sql<string>`lower(name)`, 'in', names), eb(sql<string>`lower(display_name)`, 'in', names)]
          : []),
      ]),
    )
    .orderBy('user_id')
    .execute();
}

/** What the person's Slack profile fields say about their level and manager. Features read `seniority`, `manager_id`. */
export async function updateMemberProfileFacts(
  db: Executor,
  row: { workspaceId: string; userId: string; seniority: number | null; managerId: string | null },
): Promise<void> {
  await db
    .updateTable('members')
    .set({ profile_seniority: row.seniority, profile_manager_id: row.managerId })
    .where('workspace_id', '=', row.workspaceId)
    .where('user_id', '=', row.userId)
    .execute();
}

/**
 * An admin's level and/or manager for the person; a value left out keeps what the admin said before, null withdraws
 * it (the profile's applies again).
 */
export async function updateMemberAdminFacts(
  db: Executor,
  row: { workspaceId: string; userId: string; seniority?: number | null; managerId?: string | null },
): Promise<void> {
  const changes = {
    ...(row.seniority !== undefined ? { admin_seniority: row.seniority } : {}),
    ...(row.managerId !== undefined ? { admin_manager_id: row.managerId } : {}),
  };
  if (Object.keys(changes).length === 0) return;
  await db
    .updateTable('members')
    .set(changes)
    .where('workspace_id', '=', row.workspaceId)
    .where('user_id', '=', row.userId)
    .execute();
}
