import type { Db } from '../../db/database.ts';
import { upsertKudosSettings } from '../../db/queries/kudos-settings.ts';
import { findMember } from '../../db/queries/members.ts';
import { findWorkspace, updateWorkspaceTimeZone } from '../../db/queries/workspaces.ts';
import type { KudosPeriodSetting } from '../../db/schema.ts';
import { changedFields, recordAdminAction } from '../audit/record-admin-action.ts';
import { isValidTimeZone } from '../time/zoned-time.ts';
import { isNudgeAdmin } from './admins.ts';
import { type KudosSettings, loadKudosSettings } from './settings.ts';

export interface SettingsInput {
  timeZone: string;
  allowance: string;
  allowancePeriod: string;
  pairCap: string;
  emoji: string;
  values: string;
  kudosChannelId: string | null;
  promptChannelIds: string[];
  promptWeekday: string;
  promptHour: string;
  digestEnabled: boolean;
  adminUserIds: string[];
}

export type SettingsField = keyof SettingsInput;
export type UpdateSettingsResult =
  | { ok: true }
  | { ok: false; refused: 'not_admin' }
  | { ok: false; errors: Partial<Record<SettingsField, string>> };

const periods: KudosPeriodSetting[] = ['day', 'week', 'month'];
const valuePattern = /^[\p{Ll}\p{N}][\p{Ll}\p{N}_-]{0,29}$/u;
const emojiPattern = /^[a-z0-9_+'-]{1,64}$/;

function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,6}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : undefined;
}

function auditedSettings(s: KudosSettings) {
  return {
    allowance: s.allowance,
    allowancePeriod: s.allowancePeriod,
    pairCap: s.pairCap,
    emoji: s.emoji,
    values: s.values,
    kudosChannelId: s.kudosChannelId,
    promptChannelIds: s.promptChannelIds,
    promptWeekday: s.promptWeekday,
    promptHour: s.promptHour,
    digestEnabled: s.digestEnabled,
    adminUserIds: s.adminUserIds,
  };
}

/** Admin settings: every field is checked and every problem reported at once; nothing is saved unless all pass. */
export async function updateKudosSettings(
  db: Db,
  /** `dryRun` checks everything and saves nothing, when another part of the same form has a problem. */
  input: { workspaceId: string; actorId: string; settings: SettingsInput; now: Date; dryRun?: boolean },
): Promise<UpdateSettingsResult> {
  const current = await loadKudosSettings(db, input.workspaceId);
  const actor = await findMember(db, input.workspaceId, input.actorId);
  if (!isNudgeAdmin(actor, current)) return { ok: false, refused: 'not_admin' };

  const s = input.settings;
  const errors: Partial<Record<SettingsField, string>> = {};
  const timeZone = s.timeZone.trim();
  if (!isValidTimeZone(timeZone) || timeZone === '')
    errors.timeZone = 'Use an IANA time zone such as Europe/Berlin or America/New_York.';
  const allowance = wholeNumber(s.allowance, 1, 1000);
  if (allowance === undefined) errors.allowance = 'A whole number from 1 to 1000.';
  const period = periods.find((p) => p === s.allowancePeriod);
  if (!period) errors.allowancePeriod = 'Choose day, week or month.';
  const pairCap = wholeNumber(s.pairCap, 1, 1000);
  if (pairCap === undefined) errors.pairCap = 'A whole number from 1 to 1000.';
  const emoji = s.emoji.trim().replace(/^:|:$/g, '');
  if (!emojiPattern.test(emoji)) errors.emoji = 'An emoji name such as clap or tada (without colons).';
  const values = [
    ...new Set(
      s.values
        .split(/[\s,]+/)
        .map((v) => v.replace(/^#/, '').toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (values.length === 0 || values.length > 20 || !values.every((v) => valuePattern.test(v))) {
    errors.values =
      'One to 20 values, separated by commas: lower-case letters, digits, - or _, up to 30 characters each.';
  }
  const weekday = wholeNumber(s.promptWeekday, 1, 7);
  if (weekday === undefined) errors.promptWeekday = 'Choose a day of the week.';
  const hour = wholeNumber(s.promptHour, 0, 23);
  if (hour === undefined) errors.promptHour = 'Choose an hour from 0 to 23.';
  if (s.promptChannelIds.length > 10) errors.promptChannelIds = 'At most 10 channels.';
  if (s.adminUserIds.length > 50) errors.adminUserIds = 'At most 50 people.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (input.dryRun) return { ok: true };

  await db.transaction().execute(async (trx) => {
    const before = await findWorkspace(trx, input.workspaceId);
    const changes = changedFields(
      { ...auditedSettings(current), timeZone: before?.time_zone ?? null },
      {
        timeZone,
        allowance: allowance!,
        allowancePeriod: period!,
        pairCap: pairCap!,
        emoji,
        values,
        kudosChannelId: s.kudosChannelId,
        promptChannelIds: s.promptChannelIds,
        promptWeekday: weekday!,
        promptHour: hour!,
        digestEnabled: s.digestEnabled,
        adminUserIds: s.adminUserIds,
      },
    );
    if (Object.keys(changes).length > 0) {
      await recordAdminAction(trx, {
        workspaceId: input.workspaceId,
        actorId: input.actorId,
        action: 'kudos.settings_changed',
        changes,
        now: input.now,
      });
    }
    await updateWorkspaceTimeZone(trx, input.workspaceId, timeZone, input.now);
    await upsertKudosSettings(trx, {
      workspace_id: input.workspaceId,
      allowance: allowance!,
      allowance_period: period!,
      pair_cap: pairCap!,
      emoji,
      kudos_values: values,
      kudos_channel_id: s.kudosChannelId,
      prompt_channel_ids: s.promptChannelIds,
      prompt_weekday: weekday!,
      prompt_hour: hour!,
      digest_enabled: s.digestEnabled,
      admin_user_ids: s.adminUserIds,
      updated_at: input.now,
    });
  });
  return { ok: true };
}
