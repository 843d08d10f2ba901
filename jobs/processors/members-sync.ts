import { saveMembers } from '../../src/domain/directory/save-members.ts';
import type { SlackUserObject } from '../../src/domain/directory/slack-user.ts';
import type { Processor } from '../processor.ts';

// users.list is Tier 2 (about 20 calls a minute): large pages keep a big directory within a few calls.
const pageSize = 200;

/**
 * The whole member directory from users.list: one workspace's people, or on an org-wide install each granted
 * workspace's in turn (Slack needs `team_id` to know which). Progress is saved per page, so a rate-limited
 * sync resumes at the workspace and page it reached.
 */
export const processMembersSync: Processor<'members.sync'> = async (data, { deps, saveProgress }) => {
  const scopes = await deps.sender.teamScopes(data.workspaceId);
  const resumeAt = scopes.findIndex((scope) => scope.team_id === data.teamId);
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
