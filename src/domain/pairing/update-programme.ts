import type { Db } from '../../db/database.ts';
import type { ProgrammeFrequency } from '../../db/schema-pairing.ts';

export interface ProgrammeSettingsInput {
  frequency: string;
  weekday: string;
  sendHour: string;
  groupSize: string;
  cooldownWeeks: string;
  approvalRequired: boolean;
  teamSource: string;
  paused: boolean;
}

export type ProgrammeSettingsField = keyof ProgrammeSettingsInput;

const frequencies: ProgrammeFrequency[] = ['weekly', 'biweekly', 'monthly'];

function whole(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,3}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : undefined;
}

/** Checks every field and saves all or nothing. Who may change settings is decided by the caller. */
export async function updateProgrammeSettings(
  db: Db,
  input: { workspaceId: string; programmeId: string; settings: ProgrammeSettingsInput },
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
  const teamSource = s.teamSource === 'title' ? 'title' : s.teamSource === 'directory' ? 'directory' : undefined;
  if (!teamSource) errors.teamSource = 'Choose where teams come from.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  await db
    .updateTable('programmes')
    .set({
      frequency: frequency!,
      weekday: weekday!,
      send_hour: sendHour!,
      group_size: groupSize!,
      cooldown_weeks: cooldownWeeks!,
      approval_required: s.approvalRequired,
      team_source: teamSource!,
      status: s.paused ? 'paused' : 'active',
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.programmeId)
    .execute();
  return { ok: true };
}
