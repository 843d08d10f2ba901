import type { Db } from '../../db/database.ts';
import { findMembersByIds } from '../../domain/directory/find-members.ts';

/**
 * People's names for text Slack shows as plain text (modal errors, button labels), where a mention would
 * appear as `<@U…>`. People Nudge does not know are left out; callers say "Someone" for them.
 */
export async function memberNames(db: Db, workspaceId: string, userIds: string[]): Promise<Map<string, string>> {
  const members = await findMembersByIds(db, workspaceId, userIds);
  return new Map([...members.values()].map((m) => [m.user_id, m.real_name || m.display_name || m.name]));
}
