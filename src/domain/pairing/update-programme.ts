import type { Db } from '../../db/database.ts';
import type { Programme } from '../../db/queries/pairing.ts';
import { findProgramme, updateProgramme } from '../../db/queries/pairing.ts';
import type { DepartmentSource, ProgrammeFrequency, TeamSource } from '../../db/schema-pairing.ts';
import { changedFields, recordAdminAction } from '../audit/record-admin-action.ts';

export interface ProgrammeSettingsInput {
  frequency: string;
  weekday: string;
  sendHour: string;
  groupSize: string;
  cooldownWeeks: string;
  approvalRequired: boolean;
  /** 'directory', 'title', 'usergroup' or 'profile_field:<field id>'. */
  teamSource: string;
  /** The user groups that count as teams under the user-group source; none chosen means all of them. */
  teamUsergroupIds: string[];
  /** 'directory' or 'profile_field:<field id>'. */
  departmentSource: string;
  paused: boolean;
}

/**
 * What Slack says exists right now (team.profile.get, usergroups.list), so a choice of a field or group that
 * was deleted, or forged, is refused. null: Slack could not be asked, so such a choice cannot be checked.
 */
export interface AvailableTeamSources {
  profileFieldIds: string[] | null;
  usergroupIds: string[] | null;
}

export type ProgrammeSettingsField = keyof ProgrammeSettingsInput;

const frequencies: ProgrammeFrequency[] = ['weekly', 'biweekly', 'monthly'];
const profileFieldChoice = /^profile_field:(X[A-Za-z0-9]{1,30})$/;
const usergroupId = /^S[A-Z0-9]{2,30}$/;
const maxUsergroups = 50;
const unreachable = 'Nudge could not check this with Slack just now. Please try again in a minute.';

function whole(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,3}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : undefined;
}

/** A source choice as the settings modal sends it; undefined when it is not one of the offered kinds. */
export function parseSourceChoice(value: string): { source: TeamSource; fieldId: string | null } | undefined {
  if (value === 'directory' || value === 'title' || value === 'usergroup') return { source: value, fieldId: null };
  const field = profileFieldChoice.exec(value)?.[1];
  return field ? { source: 'profile_field', fieldId: field } : undefined;
}

function checkField(fieldId: string | null, available: AvailableTeamSources): string | undefined {
  if (!fieldId) return undefined;
  if (available.profileFieldIds === null) return unreachable;
  return available.profileFieldIds.includes(fieldId)
    ? undefined
    : 'That profile field is not in this workspace’s Slack profile any more. Choose another.';
}

type AuditedProgramme = Pick<
  Programme,
  | 'frequency'
  | 'weekday'
  | 'send_hour'
  | 'group_size'
  | 'cooldown_weeks'
  | 'approval_required'
  | 'team_source'
  | 'team_field_id'
  | 'team_usergroup_ids'
  | 'department_source'
  | 'department_field_id'
  | 'status'
>;

function auditedProgramme(p: AuditedProgramme) {
  return {
    frequency: p.frequency,
    weekday: p.weekday,
    sendHour: p.send_hour,
    groupSize: p.group_size,
    cooldownWeeks: p.cooldown_weeks,
    approvalRequired: p.approval_required,
    teamSource: p.team_source,
    teamFieldId: p.team_field_id,
    teamUsergroupIds: p.team_usergroup_ids,
    departmentSource: p.department_source,
    departmentFieldId: p.department_field_id,
    paused: p.status === 'paused',
  };
}

/** Checks every field and saves all or nothing. Who may change settings is decided by the caller. */
export async function updateProgrammeSettings(
  db: Db,
  input: {
    workspaceId: string;
    programmeId: string;
    actorId: string;
    settings: ProgrammeSettingsInput;
    available: AvailableTeamSources;
    now: Date;
  },
): Promise<{ ok: true } | { ok: false; errors: Partial<Record<ProgrammeSettingsField, string>> }> {
  const s = input.settings;
  const errors: Partial<Record<ProgrammeSettingsField, string>> = {};
  const frequency = frequencies.find((f) => f === s.frequency);
  if (!frequency) errors.frequency = 'Choose weekly, every two weeks or monthly.';
  const weekday = whole(s.weekday, 1, 7);
  if (weekday === undefined) errors.weekday = 'Choose a day of the week.';
  const sendHour = whole(s.sendHour, 6, 18);
  if (sendHour === undefined) errors.sendHour = 'Choose an hour between 06:00 and 18:00.';
  const groupSize = whole(s.groupSize, 2, 4);
  if (groupSize === undefined) errors.groupSize = 'Groups of 2, 3 or 4.';
  const cooldownWeeks = whole(s.cooldownWeeks, 0, 52);
  if (cooldownWeeks === undefined) errors.cooldownWeeks = 'A whole number of weeks from 0 to 52.';

  const team = parseSourceChoice(s.teamSource);
  if (!team) errors.teamSource = 'Choose where teams come from.';
  else {
    const problem =
      checkField(team.fieldId, input.available) ??
      (team.source === 'usergroup' && input.available.usergroupIds?.length === 0
        ? 'This workspace has no user groups. Choose another source.'
        : team.source === 'usergroup' && input.available.usergroupIds === null
          ? unreachable
          : undefined);
    if (problem) errors.teamSource = problem;
  }
  const groups = [...new Set(s.teamUsergroupIds)];
  if (groups.length > maxUsergroups) errors.teamUsergroupIds = `Choose at most ${maxUsergroups} user groups.`;
  else if (groups.length > 0) {
    if (!groups.every((id) => usergroupId.test(id))) errors.teamUsergroupIds = 'Choose user groups from the list.';
    else if (input.available.usergroupIds === null) errors.teamUsergroupIds = unreachable;
    else if (!groups.every((id) => input.available.usergroupIds?.includes(id)))
      errors.teamUsergroupIds = 'One of these user groups no longer exists in Slack. Choose again.';
  }
  const department = parseSourceChoice(s.departmentSource);
  if (!department || (department.source !== 'directory' && department.source !== 'profile_field'))
    errors.departmentSource = 'Choose where departments come from: Nudge’s directory or a profile field.';
  else {
    const problem = checkField(department.fieldId, input.available);
    if (problem) errors.departmentSource = problem;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const after = {
    frequency: frequency!,
    weekday: weekday!,
    send_hour: sendHour!,
    group_size: groupSize!,
    cooldown_weeks: cooldownWeeks!,
    approval_required: s.approvalRequired,
    team_source: team!.source,
    team_field_id: team!.fieldId,
    team_usergroup_ids: groups,
    department_source: department!.source as DepartmentSource,
    department_field_id: department!.fieldId,
    status: s.paused ? ('paused' as const) : ('active' as const),
  };
  await db.transaction().execute(async (trx) => {
    const before = await findProgramme(trx, input.workspaceId, input.programmeId);
    if (!before) return;
    const changes = changedFields(auditedProgramme(before), auditedProgramme(after));
    if (Object.keys(changes).length > 0) {
      await recordAdminAction(trx, {
        workspaceId: input.workspaceId,
        actorId: input.actorId,
        action: 'pairing.programme_settings_changed',
        subject: before.channel_id,
        changes,
        now: input.now,
      });
    }
    await updateProgramme(trx, input.workspaceId, input.programmeId, after);
  });
  return { ok: true };
}
