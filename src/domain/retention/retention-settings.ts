import type { Db } from '../../db/database.ts';
import {
  findRetentionSettings,
  type RetentionSettingsRow,
  upsertRetentionSettings,
} from '../../db/queries/retention.ts';
import { changedFields, recordAdminAction } from '../audit/record-admin-action.ts';

export type RetentionSettings = RetentionSettingsRow;
export type RetentionKind = keyof RetentionSettings;

/**
 * The defaults, in days (docs/privacy.md#retention says why): event ids only stop Slack's retries, which come
 * within minutes; the send ledger must outlive every retry of a job (a week at most) to keep posts exactly-once;
 * check-in answers and feedback serve a programme's year; kudos are the recognition people asked to keep; the audit
 * log answers "who changed what" for a year; a departed person's data waits a month in case Slack deactivated them
 * by mistake.
 */
export const defaultRetention: RetentionSettings = {
  processed_events_days: 1,
  send_ledger_days: 90,
  checkin_answers_days: 365,
  feedback_days: 365,
  kudos_history_days: null,
  audit_log_days: 365,
  departed_grace_days: 30,
};

/** The shortest and longest period an admin may set, per kind; the minimums keep the product's guarantees. */
export const retentionLimits: Record<RetentionKind, { min: number; max: number }> = {
  processed_events_days: { min: 1, max: 30 },
  send_ledger_days: { min: 14, max: 3650 },
  checkin_answers_days: { min: 30, max: 3650 },
  feedback_days: { min: 30, max: 3650 },
  kudos_history_days: { min: 30, max: 3650 },
  audit_log_days: { min: 30, max: 3650 },
  departed_grace_days: { min: 0, max: 365 },
};

export const retentionKinds = Object.keys(defaultRetention) as RetentionKind[];

export async function readRetentionSettings(db: Db, workspaceId: string): Promise<RetentionSettings> {
  return (await findRetentionSettings(db, workspaceId)) ?? defaultRetention;
}

export type RetentionInput = Record<RetentionKind, string>;
export type RetentionUpdateResult =
  | { ok: true; settings: RetentionSettings }
  | { ok: false; errors: Partial<Record<RetentionKind, string>> };

/** A whole number of days within the kind's limits; blank kudos history means "keep". */
function parseDays(kind: RetentionKind, raw: string): { days: number | null } | { error: string } {
  const text = raw.trim();
  if (text === '' && kind === 'kudos_history_days') return { days: null };
  const { min, max } = retentionLimits[kind];
  if (!/^\d{1,5}$/.test(text) || Number(text) < min || Number(text) > max)
    return { error: `Enter a whole number of days from ${min} to ${max}.` };
  return { days: Number(text) };
}

/** An admin's new periods: every field checked first, then saved and recorded together, or nothing changes. */
export async function updateRetentionSettings(
  db: Db,
  input: { workspaceId: string; actorId: string; values: RetentionInput; now: Date },
): Promise<RetentionUpdateResult> {
  const errors: Partial<Record<RetentionKind, string>> = {};
  const next = { ...defaultRetention };
  for (const kind of retentionKinds) {
    const parsed = parseDays(kind, input.values[kind] ?? '');
    if ('error' in parsed) errors[kind] = parsed.error;
    else (next as Record<RetentionKind, number | null>)[kind] = parsed.days;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  await db.transaction().execute(async (trx) => {
    const before = (await findRetentionSettings(trx, input.workspaceId)) ?? defaultRetention;
    const changes = changedFields(before, next);
    if (Object.keys(changes).length === 0) return;
    await upsertRetentionSettings(trx, input.workspaceId, next, input.now);
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'retention.settings_changed',
      changes,
      now: input.now,
    });
  });
  return { ok: true, settings: next };
}
