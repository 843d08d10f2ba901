import type { Db } from '../../db/database.ts';
import { upsertMembers } from '../../db/queries/members.ts';
import type { NewMember } from '../../db/schema.ts';
import { forgetDepartedMembers } from './departures.ts';
import { withoutForgottenPeople } from './forgotten-people.ts';
import { memberFromSlackUser } from './member-from-slack-user.ts';
import type { SlackUserObject } from './slack-user.ts';

/** Keeps the member directory in step with Slack: a users.list page, or one user from user_change/team_join. */
export async function saveMembers(
  db: Db,
  input: { workspaceId: string; users: SlackUserObject[]; now: Date },
): Promise<{ saved: number }> {
  const byId = new Map<string, NewMember>();
  for (const user of input.users) {
    const member = memberFromSlackUser(input.workspaceId, user, input.now);
    if (member) byId.set(member.user_id, member);
  }
  await upsertMembers(db, await withoutForgottenPeople(db, input.workspaceId, [...byId.values()]));
  const departed = [...byId.values()].filter((m) => m.is_deleted).map((m) => m.user_id);
  await forgetDepartedMembers(db, input.workspaceId, departed);
  return { saved: byId.size };
}
