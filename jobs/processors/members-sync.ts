import { saveProfileFieldDefinitions } from '../../src/domain/directory/profile-field-definitions.ts';
import { saveMembers } from '../../src/domain/directory/save-members.ts';
import type { SlackUserObject } from '../../src/domain/directory/slack-user.ts';
import type { Processor, ProcessorDeps } from '../processor.ts';

// users.list is Tier 2 (about 20 calls a minute): large pages keep a big directory within a few calls.
const pageSize = 200;

/**
 * The workspace's profile field labels (team.profile.get, Tier 3, once a sync), so the people's user_change events
 * can say which field holds a level or a manager. Without them nothing is lost but those two facts, so a refusal or
 * a rate limit is logged and the sync goes on; the next sync asks again.
 */
async function refreshProfileFieldDefinitions(deps: ProcessorDeps, workspaceId: string): Promise<void> {
  try {
    const answer = await deps.sender.call<{ profile?: { fields?: unknown } }>(workspaceId, 'team.profile.get', {});
    await saveProfileFieldDefinitions(deps.db, { workspaceId, fields: answer.profile?.fields, now: deps.clock.now() });
  } catch (error) {
    deps.logger.warn({ workspaceId, err: error }, 'could not read the profile field labels');
  }
}

/**
 * The whole member directory from users.list: one workspace's people, or on an org-wide install each granted
 * workspace's in turn (Slack needs `team_id` to know which). Progress is saved per page, so a rate-limited
 * sync resumes at the workspace and page it reached.
 */
export const processMembersSync: Processor<'members.sync'> = async (data, { deps, saveProgress }) => {
  const scopes = await deps.sender.teamScopes(data.workspaceId);
  const resumeAt = scopes.findIndex((scope) => scope.team_id === data.teamId);
  // Before the people, so anyone the sync has saved can already be read with their labels.
  if (data.cursor === undefined && data.teamId === undefined)
    await refreshProfileFieldDefinitions(deps, data.workspaceId);
  let saved = 0;
  for (const [index, scope] of scopes.entries()) {
    if (index < resumeAt) continue;
    let cursor = index === resumeAt ? data.cursor : undefined;
    for (;;) {
      const page = await deps.sender.call<{
        members?: SlackUserObject[];
        response_metadata?: { next_cursor?: string };
      }>(data.workspaceId, 'users.list', { ...scope, limit: pageSize, ...(cursor ? { cursor } : {}) });
      const result = await saveMembers(deps.db, {
        workspaceId: data.workspaceId,
        users: page.members ?? [],
        now: deps.clock.now(),
      });
      saved += result.saved;
      cursor = page.response_metadata?.next_cursor || undefined;
      if (!cursor) {
        // A workspace done: a retry after a 429 starts at the next one, not at the first.
        const next = scopes[index + 1]?.team_id;
        if (next) await saveProgress({ workspaceId: data.workspaceId, reason: data.reason, teamId: next });
        break;
      }
      await saveProgress({
        workspaceId: data.workspaceId,
        reason: data.reason,
        cursor,
        ...(scope.team_id ? { teamId: scope.team_id } : {}),
      });
    }
  }
  return { saved };
};
