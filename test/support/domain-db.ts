import { createDatabase, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { upsertMembers } from '../../src/db/queries/members.ts';
import { upsertActiveWorkspace } from '../../src/db/queries/workspaces.ts';
import type { NewMember } from '../../src/db/schema.ts';
import { saveMembers } from '../../src/domain/directory/save-members.ts';
import type { SlackUserObject } from '../../src/domain/directory/slack-user.ts';
import type { UserSpec, WorkspaceSpec } from '../../src/sandbox/index.ts';
import { createTestDatabase } from './databases.ts';

/** A fresh database on the run's Postgres with every migration applied: domain tests call use cases on it directly. */
export async function createMigratedDatabase(): Promise<Db> {
  const db = createDatabase(await createTestDatabase());
  await migrateToLatest(db);
  return db;
}

/** An installed, active workspace, keyed by its team ID, in its own time zone (UTC unless given). */
export async function seedWorkspace(db: Db, input: { id: string; timeZone?: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await upsertActiveWorkspace(
    db,
    { id: input.id, teamId: input.id, enterpriseId: null, isEnterpriseInstall: false },
    now,
  );
  if (input.timeZone) {
    await db.updateTable('workspaces').set({ time_zone: input.timeZone }).where('id', '=', input.id).execute();
  }
}

/** One directory row: an active human in UTC, named by their ID, unless `overrides` says otherwise. */
export function memberRow(workspaceId: string, userId: string, overrides: Partial<NewMember> = {}): NewMember {
  return {
    workspace_id: workspaceId,
    user_id: userId,
    slack_team_id: workspaceId,
    name: userId,
    display_name: userId,
    real_name: userId,
    title: '',
    email: null,
    time_zone: 'UTC',
    tz_offset_seconds: 0,
    is_bot: false,
    is_deleted: false,
    is_admin: false,
    is_owner: false,
    is_restricted: false,
    profile_fields: '{}',
    synced_at: new Date(),
    ...overrides,
  };
}

export async function seedMembers(
  db: Db,
  workspaceId: string,
  members: Array<string | (Partial<NewMember> & { user_id: string })>,
): Promise<void> {
  await upsertMembers(
    db,
    members.map((member) =>
      typeof member === 'string' ? memberRow(workspaceId, member) : memberRow(workspaceId, member.user_id, member),
    ),
  );
}

function slackUser(user: UserSpec, teamId: string): SlackUserObject {
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    real_name: user.realName ?? user.name,
    deleted: user.deleted === true,
    is_bot: user.isBot === true,
    is_admin: user.isAdmin === true,
    is_owner: user.isOwner === true,
    is_primary_owner: user.isPrimaryOwner === true,
    is_restricted: user.isRestricted === true,
    tz: user.tz ?? 'America/New_York',
    profile: {
      display_name: user.displayName ?? '',
      real_name: user.realName ?? user.name,
      title: user.title ?? '',
      ...(user.email ? { email: user.email } : {}),
    },
  };
}

/**
 * Installs a sandbox workspace spec (`kudosWorkspace()`, `pairingWorkspace()`, …) straight into the database: the
 * workspace row, and its people through the directory's own save, as a users.list sync would leave them.
 */
export async function seedWorkspaceSpec(db: Db, spec: WorkspaceSpec, now = new Date()): Promise<void> {
  await seedWorkspace(db, { id: spec.teamId, now });
  await saveMembers(db, {
    workspaceId: spec.teamId,
    users: (spec.users ?? []).map((u) => slackUser(u, spec.teamId)),
    now,
  });
}
