import type { Db } from '../../db/database.ts';
import { findMember } from '../../db/queries/members.ts';
import { deleteTeamOverride, findTeamOverrides, upsertTeamOverride } from '../../db/queries/pairing-teams.ts';
import { changedFields, recordAdminAction } from '../audit/record-admin-action.ts';
import { hasControlCharacters } from '../celebrations/text.ts';
import { cleanTeamName, maxTeamNameLength } from './team-sources.ts';

export type TeamOverrideField = 'person' | 'team' | 'department';

export type TeamOverrideResult =
  | { ok: true; userId: string; saved: { team: string | null; department: string | null } | null; cleared: boolean }
  | { ok: false; errors: Partial<Record<TeamOverrideField, string>> };

function checkName(label: string, raw: string): string | undefined {
  if (hasControlCharacters(raw)) return `${label} contains control characters; type plain text.`;
  if (raw.trim().length > maxTeamNameLength) return `${label} can be at most ${maxTeamNameLength} characters.`;
  return undefined;
}

/**
 * An admin sets one person's team and/or department; it wins over every source in every programme. Both left
 * empty clears the person's override, so their programmes' sources apply again. Who may do this is the
 * caller's decision (Nudge admins).
 */
export async function saveTeamOverride(
  db: Db,
  input: { workspaceId: string; userId: string | null; team: string; department: string; setBy: string; now: Date },
): Promise<TeamOverrideResult> {
  const errors: Partial<Record<TeamOverrideField, string>> = {};
  const member = input.userId ? await findMember(db, input.workspaceId, input.userId) : undefined;
  if (!input.userId) errors.person = 'Choose the person.';
  else if (!member) errors.person = 'That person is not a member of this workspace.';
  else if (member.is_deleted) errors.person = 'That person has left the workspace.';
  else if (member.is_bot) errors.person = 'That is a bot, not a person.';
  const teamProblem = checkName('The team', input.team);
  if (teamProblem) errors.team = teamProblem;
  const departmentProblem = checkName('The department', input.department);
  if (departmentProblem) errors.department = departmentProblem;
  if (Object.keys(errors).length > 0 || !member) return { ok: false, errors };
  const team = cleanTeamName(input.team);
  const department = cleanTeamName(input.department);
  return await db.transaction().execute(async (trx) => {
    const before = (await findTeamOverrides(trx, input.workspaceId, [member.user_id])).get(member.user_id);
    const changes = changedFields(
      { team: before?.team ?? null, department: before?.department ?? null },
      { team, department },
    );
    if (Object.keys(changes).length > 0) {
      await recordAdminAction(trx, {
        workspaceId: input.workspaceId,
        actorId: input.setBy,
        action: 'pairing.team_set',
        subject: member.user_id,
        changes,
        now: input.now,
      });
    }
    if (team === null && department === null) {
      const cleared = await deleteTeamOverride(trx, input.workspaceId, member.user_id);
      return { ok: true, userId: member.user_id, saved: null, cleared } as const;
    }
    await upsertTeamOverride(trx, {
      workspaceId: input.workspaceId,
      userId: member.user_id,
      team,
      department,
      setBy: input.setBy,
      now: input.now,
    });
    return { ok: true, userId: member.user_id, saved: { team, department }, cleared: false } as const;
  });
}

export { countMembersWithTeam, countTeamOverrides, listTeamOverrides } from '../../db/queries/pairing-teams.ts';
