import type { Db } from '../../db/database.ts';
import { erasedUserIds } from '../../db/queries/erased-members.ts';
import { findPurgedDepartedIds } from '../../db/queries/members.ts';
import type { NewMember } from '../../db/schema.ts';

// A Slack user id wherever it stands in a field value: a user-type field's bare id, or a mention in a text field.
const userIdsIn = /\b[UW][A-Z0-9]{2,30}\b/g;

const fieldsOf = (member: NewMember): Record<string, string> =>
  typeof member.profile_fields === 'string'
    ? JSON.parse(member.profile_fields)
    : ((member.profile_fields as Record<string, string> | undefined) ?? {});

/**
 * The directory as Slack describes it, minus every trace of the people Nudge must not know any more: someone who
 * asked to be forgotten, or who left and whose data was purged. Colleagues' Slack profiles still name them (a
 * "Reports to" field is the colleague's, and Slack keeps it), so each sync would otherwise bring their id back
 * into the colleague's stored fields and, from there, into the manager every feature reads. A field value naming
 * such a person is dropped, as if the field were empty.
 */
export async function withoutForgottenPeople(db: Db, workspaceId: string, members: NewMember[]): Promise<NewMember[]> {
  const named = new Set<string>();
  for (const member of members)
    for (const value of Object.values(fieldsOf(member))) for (const [id] of value.matchAll(userIdsIn)) named.add(id);
  if (named.size === 0) return members;
  const candidates = [...named];
  const forgotten = new Set([
    ...(await erasedUserIds(db, workspaceId, candidates)),
    ...(await findPurgedDepartedIds(db, workspaceId, candidates)),
  ]);
  if (forgotten.size === 0) return members;
  return members.map((member) => {
    const fields = Object.entries(fieldsOf(member));
    const kept = fields.filter(([, value]) => ![...value.matchAll(userIdsIn)].some(([id]) => forgotten.has(id)));
    return kept.length === fields.length
      ? member
      : { ...member, profile_fields: JSON.stringify(Object.fromEntries(kept)) };
  });
}
