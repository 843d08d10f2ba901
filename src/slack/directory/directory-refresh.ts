import type { Db } from '../../db/database.ts';
import type { Member } from '../../db/schema.ts';
import { findMembersByIds } from '../../domain/directory/find-members.ts';
import { saveMembers } from '../../domain/directory/save-members.ts';
import type { SlackUserObject } from '../../domain/directory/slack-user.ts';
import type { TeamScope } from '../platform/org-teams.ts';

/**
 * The one Web API call these helpers make: a listener passes its Bolt client (WebClient has `apiCall`), a job
 * passes the sender, so the same rules run in both places.
 */
export interface SlackApiCaller {
  apiCall(method: string, args: Record<string, unknown>): Promise<unknown>;
}

/** Most people a single request may look up in Slack; kudos name at most ten. */
const maxLookups = 12;

/**
 * Makes sure the directory knows these people before a rule reads it: someone who joined a minute ago is not
 * yet in the daily sync. Unknown ids are looked up in Slack (users.info) and saved; ids Slack does not know
 * stay unknown, so the rules refuse them as outside the workspace. Returns the directory rows of these people
 * (the ones it has), so a caller need not read them again.
 */
export async function ensureMembersKnown(
  deps: { db: Db; client: SlackApiCaller; workspaceId: string; now: Date },
  userIds: string[],
): Promise<Map<string, Member>> {
  const known = await findMembersByIds(deps.db, deps.workspaceId, userIds);
  const unknown = [...new Set(userIds)].filter((id) => !known.has(id)).slice(0, maxLookups);
  if (unknown.length === 0) return known;
  const found: SlackUserObject[] = [];
  await Promise.all(
    unknown.map(async (user) => {
      try {
        const info = (await deps.client.apiCall('users.info', { user })) as { user?: SlackUserObject };
        // A user of another workspace is not a member here, whatever Slack lets the bot see.
        if (
          info.user &&
          (!info.user.team_id || info.user.team_id === deps.workspaceId || deps.workspaceId.startsWith('E'))
        ) {
          found.push(info.user);
        }
      } catch {
        // user_not_found and friends: leave them unknown.
      }
    }),
  );
  if (found.length === 0) return known;
  await saveMembers(deps.db, { workspaceId: deps.workspaceId, users: found, now: deps.now });
  return await findMembersByIds(deps.db, deps.workspaceId, userIds);
}

/**
 * Expands user groups to their members (usergroups.users.list); a group Slack cannot find expands to nobody.
 * `scope` names the workspace the groups were mentioned in, which an org-wide install must give.
 */
export async function expandUsergroups(
  client: SlackApiCaller,
  usergroupIds: string[],
  scope: TeamScope = {},
): Promise<Map<string, string[]>> {
  const expanded = new Map<string, string[]>();
  await Promise.all(
    usergroupIds.map(async (usergroup) => {
      try {
        const result = (await client.apiCall('usergroups.users.list', { ...scope, usergroup })) as { users?: string[] };
        expanded.set(usergroup, result.users ?? []);
      } catch {
        expanded.set(usergroup, []);
      }
    }),
  );
  return expanded;
}
