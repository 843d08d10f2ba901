import { saveMembers } from '../../src/domain/directory/save-members.ts';
import type { SlackUserObject } from '../../src/domain/directory/slack-user.ts';
import type { Processor } from '../processor.ts';

// users.list is Tier 2 (about 20 calls a minute): large pages keep a big directory within a few calls.
const pageSize = 200;

export const processMembersSync: Processor<'members.sync'> = async (data, { deps, saveProgress }) => {
  let cursor = data.cursor;
  let saved = 0;
  for (;;) {
    const page = await deps.sender.call<{ members?: SlackUserObject[]; response_metadata?: { next_cursor?: string } }>(
      data.workspaceId,
      'users.list',
      { limit: pageSize, ...(cursor ? { cursor } : {}) },
    );
    const result = await saveMembers(deps.db, {
      workspaceId: data.workspaceId,
      users: page.members ?? [],
      now: deps.clock.now(),
    });
    saved += result.saved;
    cursor = page.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
    await saveProgress({ ...data, cursor });
  }
  return { saved };
};
