import type { Db } from '../../db/database.ts';
import {
  findMentorshipProgramme,
  findMentorshipProgrammeByChannel,
  insertMentorshipProgramme,
  updateMentorshipProgrammeSettings,
} from '../../db/queries/mentorship-programmes.ts';
import { changedFields, recordAdminAction } from '../audit/record-admin-action.ts';
import {
  defaultMentorshipSettings,
  type MentorshipSettings,
  type MentorshipSettingsErrors,
  settingsOf,
  settingsRow,
  validateMentorshipSettings,
} from './settings.ts';

export type StartProgrammeResult =
  | { ok: true; programmeId: string; settings: MentorshipSettings }
  | { ok: false; refused: 'channel_has_programme'; programmeId: string }
  | { ok: false; errors: MentorshipSettingsErrors };

/**
 * Starts a channel's mentorship programme with the defaults and any settings given. A channel holds one programme;
 * a deadline already past is refused with the rest of the settings' problems.
 */
export async function startMentorshipProgramme(
  db: Db,
  input: {
    workspaceId: string;
    channelId: string;
    createdBy: string;
    settings?: Partial<MentorshipSettings>;
    now: Date;
  },
): Promise<StartProgrammeResult> {
  const existing = await findMentorshipProgrammeByChannel(db, input.workspaceId, input.channelId);
  if (existing) return { ok: false, refused: 'channel_has_programme', programmeId: existing.id };
  const checked = validateMentorshipSettings({ ...defaultMentorshipSettings, ...input.settings }, { now: input.now });
  if (!checked.ok) return checked;
  return await db.transaction().execute(async (trx) => {
    const row = await insertMentorshipProgramme(trx, {
      workspaceId: input.workspaceId,
      channelId: input.channelId,
      createdBy: input.createdBy,
      now: input.now,
      settings: settingsRow(checked.settings),
    });
    if (!row) {
      const winner = await findMentorshipProgrammeByChannel(trx, input.workspaceId, input.channelId);
      return { ok: false, refused: 'channel_has_programme', programmeId: winner?.id ?? '' } as const;
    }
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: input.createdBy,
      action: 'mentorship.programme_started',
      subject: input.channelId,
      now: input.now,
    });
    return { ok: true, programmeId: row.id, settings: settingsOf(row) } as const;
  });
}

function auditedMentorshipSettings(s: MentorshipSettings) {
  return { ...s, signupDeadline: s.signupDeadline?.toISOString() ?? null };
}

export type UpdateSettingsResult =
  | { ok: true; settings: MentorshipSettings }
  | { ok: false; refused: 'no_programme' }
  | { ok: false; errors: MentorshipSettingsErrors };

/** Changes the fields given; every field is checked and every problem returned at once; nothing is saved on any. */
export async function updateMentorshipSettings(
  db: Db,
  input: {
    workspaceId: string;
    programmeId: string;
    actorId: string;
    changes: Partial<MentorshipSettings>;
    now: Date;
  },
): Promise<UpdateSettingsResult> {
  return await db.transaction().execute(async (trx) => {
    const row = await findMentorshipProgramme(trx, input.workspaceId, input.programmeId);
    if (!row) return { ok: false, refused: 'no_programme' } as const;
    const current = settingsOf(row);
    const checked = validateMentorshipSettings(
      { ...current, ...input.changes },
      { now: input.now, previousDeadline: current.signupDeadline },
    );
    if (!checked.ok) return checked;
    const changes = changedFields(auditedMentorshipSettings(current), auditedMentorshipSettings(checked.settings));
    if (Object.keys(changes).length > 0) {
      await recordAdminAction(trx, {
        workspaceId: input.workspaceId,
        actorId: input.actorId,
        action: 'mentorship.settings_changed',
        subject: row.channel_id,
        changes,
        now: input.now,
      });
    }
    await updateMentorshipProgrammeSettings(
      trx,
      input.workspaceId,
      input.programmeId,
      settingsRow(checked.settings),
      input.now,
    );
    return { ok: true, settings: checked.settings } as const;
  });
}
