import type { Db } from '../../db/database.ts';
import { upsertCelebrationSettings } from '../../db/queries/celebration-settings.ts';
import type { WeekendRule } from '../../db/schema-celebrations.ts';
import { changedFields, recordAdminAction } from '../audit/record-admin-action.ts';
import { isCelebrationAdmin } from './admin.ts';
import { loadCelebrationSettings, weekendRules } from './settings.ts';

export interface CelebrationSettingsInput {
  channelId: string | null;
  paused: boolean;
  postHour: string;
  weekendRule: string;
  digestChannelId: string | null;
  digestWeekday: string;
  digestHour: string;
}

export type CelebrationSettingsField = keyof CelebrationSettingsInput;
export type UpdateCelebrationSettingsResult =
  | { ok: true }
  | { ok: false; refused: 'not_admin' }
  | { ok: false; errors: Partial<Record<CelebrationSettingsField, string>> };

const channelPattern = /^[CG][A-Z0-9]{2,30}$/;

function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : undefined;
}

/** Admin settings: every field checked, every problem reported at once, nothing saved unless all pass. */
export async function updateCelebrationSettings(
  db: Db,
  input: { workspaceId: string; actorId: string; settings: CelebrationSettingsInput; now: Date },
): Promise<UpdateCelebrationSettingsResult> {
  if (!(await isCelebrationAdmin(db, input.workspaceId, input.actorId))) return { ok: false, refused: 'not_admin' };
  const s = input.settings;
  const errors: Partial<Record<CelebrationSettingsField, string>> = {};
  if (s.channelId !== null && !channelPattern.test(s.channelId)) errors.channelId = 'Choose a channel.';
  if (s.digestChannelId !== null && !channelPattern.test(s.digestChannelId))
    errors.digestChannelId = 'Choose a channel.';
  const postHour = wholeNumber(s.postHour, 0, 23);
  if (postHour === undefined) errors.postHour = 'Choose an hour from 00:00 to 23:00.';
  const weekendRule = weekendRules.find((r) => r === s.weekendRule);
  if (!weekendRule) errors.weekendRule = 'Choose Friday before, Monday after, or keep the date.';
  const digestWeekday = wholeNumber(s.digestWeekday, 1, 7);
  if (digestWeekday === undefined) errors.digestWeekday = 'Choose a day of the week.';
  const digestHour = wholeNumber(s.digestHour, 0, 23);
  if (digestHour === undefined) errors.digestHour = 'Choose an hour from 00:00 to 23:00.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  await db.transaction().execute(async (trx) => {
    const current = await loadCelebrationSettings(trx, input.workspaceId);
    const changes = changedFields(
      {
        channelId: current.channelId,
        paused: current.paused,
        postHour: current.postHour,
        weekendRule: current.weekendRule,
        digestChannelId: current.digestChannelId,
        digestWeekday: current.digestWeekday,
        digestHour: current.digestHour,
      },
      {
        channelId: s.channelId,
        paused: s.paused,
        postHour: postHour!,
        weekendRule: weekendRule!,
        digestChannelId: s.digestChannelId,
        digestWeekday: digestWeekday!,
        digestHour: digestHour!,
      },
    );
    if (Object.keys(changes).length > 0) {
      await recordAdminAction(trx, {
        workspaceId: input.workspaceId,
        actorId: input.actorId,
        action: 'celebrations.settings_changed',
        changes,
        now: input.now,
      });
    }
    await upsertCelebrationSettings(trx, input.workspaceId, {
      channel_id: s.channelId,
      paused: s.paused,
      post_hour: postHour!,
      weekend_rule: weekendRule as WeekendRule,
      digest_channel_id: s.digestChannelId,
      digest_weekday: digestWeekday!,
      digest_hour: digestHour!,
      updated_at: input.now,
    });
  });
  return { ok: true };
}

/** The Pause / Resume button in App Home. */
export async function setCelebrationsPaused(
  db: Db,
  input: { workspaceId: string; actorId: string; paused: boolean; now: Date },
): Promise<{ ok: true } | { ok: false; refused: 'not_admin' }> {
  if (!(await isCelebrationAdmin(db, input.workspaceId, input.actorId))) return { ok: false, refused: 'not_admin' };
  await db.transaction().execute(async (trx) => {
    const current = await loadCelebrationSettings(trx, input.workspaceId);
    if (current.paused !== input.paused) {
      await recordAdminAction(trx, {
        workspaceId: input.workspaceId,
        actorId: input.actorId,
        action: input.paused ? 'celebrations.paused' : 'celebrations.resumed',
        changes: { paused: { from: current.paused, to: input.paused } },
        now: input.now,
      });
    }
    await upsertCelebrationSettings(trx, input.workspaceId, { paused: input.paused, updated_at: input.now });
  });
  return { ok: true };
}
