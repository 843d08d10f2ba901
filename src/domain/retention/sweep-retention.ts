import type { Db } from '../../db/database.ts';
import { deleteExpiredBatch, type ExpiringTable, findDepartedMembersToPurge } from '../../db/queries/retention.ts';
import { pruneAdminAuditLog } from '../audit/audit-log.ts';
import { purgeDepartedMembers } from './purge-departed-members.ts';
import { type RetentionKind, readRetentionSettings } from './retention-settings.ts';

const day = 86_400_000;

/** Which tables each setting expires. */
const tablesOfKind: Array<[Exclude<RetentionKind, 'audit_log_days' | 'departed_grace_days'>, ExpiringTable[]]> = [
  ['processed_events_days', ['processed_events']],
  ['send_ledger_days', ['slack_sends']],
  ['checkin_answers_days', ['round_checkins', 'mentorship_checkins']],
  ['feedback_days', ['mentorship_feedback']],
  ['kudos_history_days', ['kudos_gifts']],
];

export interface SweepInput {
  workspaceId: string;
  now: Date;
  /** Rows per delete statement: small enough that each is a short transaction holding few locks. */
  batchSize?: number;
  /** A breath between batches so live work on the same tables is never starved. */
  pauseMs?: number;
  /** Departed people purged per sweep, so one sweep stays short; the rest go the next day. */
  departedLimit?: number;
  /** Departed people purged together, in one transaction and one pass over each table. */
  departedBatchSize?: number;
}

export interface SweepResult {
  tables: Partial<Record<ExpiringTable | 'admin_audit_log', { deleted: number; batches: number }>>;
  departedPurged: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Deletes what a workspace keeps no longer (per its retention settings), in small batches, each its own statement
 * and so its own short transaction, and purges the people whose grace period after leaving is over. Idempotent: a
 * crashed sweep resumes where the data says.
 */
export async function sweepRetention(db: Db, input: SweepInput): Promise<SweepResult> {
  const settings = await readRetentionSettings(db, input.workspaceId);
  const batchSize = input.batchSize ?? 1000;
  const pauseMs = input.pauseMs ?? 100;
  const result: SweepResult = { tables: {}, departedPurged: 0 };
  for (const [kind, tables] of tablesOfKind) {
    const days = settings[kind];
    if (days === null) continue;
    const cutoff = new Date(input.now.getTime() - days * day);
    for (const table of tables) {
      let deleted = 0;
      let batches = 0;
      for (;;) {
        const batch = await deleteExpiredBatch(db, table, input.workspaceId, cutoff, batchSize);
        if (batch === 0) break;
        deleted += batch;
        batches += 1;
        if (batch < batchSize) break;
        if (pauseMs > 0) await pause(pauseMs);
      }
      result.tables[table] = { deleted, batches };
    }
  }
  const audited = await pruneAdminAuditLog(db, {
    workspaceId: input.workspaceId,
    olderThanDays: settings.audit_log_days,
    now: input.now,
    batchSize,
  });
  result.tables.admin_audit_log = { deleted: audited, batches: Math.ceil(audited / batchSize) };
  const graceCutoff = new Date(input.now.getTime() - settings.departed_grace_days * day);
  const departed = await findDepartedMembersToPurge(db, input.workspaceId, graceCutoff, input.departedLimit ?? 500);
  const departedBatchSize = input.departedBatchSize ?? 100;
  for (let i = 0; i < departed.length; i += departedBatchSize) {
    if (i > 0 && pauseMs > 0) await pause(pauseMs);
    const userIds = departed.slice(i, i + departedBatchSize);
    const { purged } = await purgeDepartedMembers(db, { workspaceId: input.workspaceId, userIds, now: input.now });
    result.departedPurged += purged;
  }
  return result;
}
