import type { Db } from '../../db/database.ts';
import { findCachedUsergroups, findProfileValues, findTeamOverrides } from '../../db/queries/pairing-teams.ts';
import type { Member } from '../../db/schema.ts';
import type { TeamFacts, TeamSourceSettings } from './team-sources.ts';

export function needsProfileFields(settings: TeamSourceSettings): boolean {
  return settings.teamSource === 'profile_field' || settings.departmentSource === 'profile_field';
}

/**
 * What a round knows about teams, read from Postgres only: admins' overrides, profile field values and user
 * groups as the round job last read them from Slack (jobs/pairing-team-facts.ts). A person's profile fields come
 * from whichever is newer: the directory's copy (Slack's user_change events carry them) or the copy the round
 * job fetched with users.profile.get.
 */
export async function loadTeamFacts(
  db: Db,
  input: { workspaceId: string; settings: TeamSourceSettings; directory: Map<string, Member> },
): Promise<TeamFacts> {
  const ids = [...input.directory.keys()];
  const [overrides, cached, usergroups] = await Promise.all([
    findTeamOverrides(db, input.workspaceId, ids),
    needsProfileFields(input.settings) ? findProfileValues(db, input.workspaceId, ids) : Promise.resolve(new Map()),
    input.settings.teamSource === 'usergroup' ? findCachedUsergroups(db, input.workspaceId) : Promise.resolve([]),
  ]);
  const profileFields = new Map<string, Record<string, string>>();
  if (needsProfileFields(input.settings)) {
    for (const [userId, member] of input.directory) {
      const fetched = cached.get(userId);
      const synced = Object.keys(member.profile_fields).length > 0 ? member.profile_fields : undefined;
      // When the directory last learnt the fields: a sync through users.list moves synced_at and learns none.
      const syncedAt = member.profile_fields_at ?? member.synced_at;
      const newer = fetched && (!synced || fetched.fetchedAt >= syncedAt) ? fetched.fields : synced;
      if (newer) profileFields.set(userId, newer);
    }
  }
  return {
    overrides,
    profileFields,
    usergroups: usergroups.map((g) => ({ id: g.usergroup_id, handle: g.handle, name: g.name, members: g.members })),
  };
}

export function teamSettingsOf(programme: {
  team_source: TeamSourceSettings['teamSource'];
  team_field_id: string | null;
  team_usergroup_ids: string[];
  department_source: TeamSourceSettings['departmentSource'];
  department_field_id: string | null;
}): TeamSourceSettings {
  return {
    teamSource: programme.team_source,
    teamFieldId: programme.team_field_id,
    teamUsergroupIds: programme.team_usergroup_ids,
    departmentSource: programme.department_source,
    departmentFieldId: programme.department_field_id,
  };
}
