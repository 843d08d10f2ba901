import type { Db } from '../../db/database.ts';
import {
  deleteExpiredBatch,
  type ExpiringTable,
  findDepartedMembersToPurge,
  type WalkPosition,
} from '../../db/queries/retention.ts';
import { purgeDepartedMembers } from './purge-departed-members.ts';
import { type RetentionKind, readRetentionSettings } from './retention-settings.ts';

const day = 86_400_000;

/** Which tables each setting expires. */
const tablesOfKind: Array<[Exclude<RetentionKind, 'departed_grace_days'>, ExpiringTable[]]> = [
  ['processed_events_days', ['processed_events']],
  ['send_ledger_days', ['slack_sends']],
  ['checkin_answers_days', ['round_checkins', 'mentorship_checkins']],
  ['feedback_days', ['mentorship_feedback']],
  ['kudos_history_days', ['kudos_gifts']],
  ['audit_log_days', ['admin_audit_log']],
];

export interface SweepInput {
  workspaceId: string;
  now: Date;
  /** Most rows per delete statement: each is its own short transaction holding few locks. */
  batchSize?: number;
  /** The least breath between batches. */
  pauseMs?: number;
  /**
   * The breath after a batch is at least this many times the batch's own time, so the purge takes at most
   * 1 / (1 + ratio) of one database core and of the disk however slow the machine is, and live requests keep the rest.
   */
  restRatio?: number;
  /** A statement slower than twice this halves the next batch (the machine is busy); one under half grows it again. */
  targetStatementMs?: number;
  /** Departed people purged per sweep, so one sweep stays short; the rest go the next day. */
  departedLimit?: number;
  /** Departed people purged together, in one transaction and one pass over each table. */
  departedBatchSize?: number;
  /** How the sweep measures its statements and rests between them (a test gives its own). */
  pacing?: Pacing;
}

export interface Pacing {
  /** Milliseconds from any fixed point. */
  clock(): number;
  sleep(ms: number): Promise<void>;
}

const realPacing: Pacing = {
  clock: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The smallest batch the sweep shrinks to: below it, the per-statement cost dominates. */
const minBatchSize = 50;

export interface SweepResult {
  tables: Partial<Record<ExpiringTable, { deleted: number; batches: number }>>;
  departedPurged: number;
}

/**
 * Deletes what a workspace keeps no longer (per its retention settings), in small batches, each its own statement
 * and so its own short transaction, and purges the people whose grace period after leaving is over. Idempotent: a
 * crashed sweep resumes where the data says.
 */
export async function sweepRetention(db: Db, input: SweepInput): Promise<SweepResult> {
  const settings = await readRetentionSettings(db, input.workspaceId);
  const batchSize = input.batchSize ?? 1000;
  const pauseMs = input.pauseMs ?? 100;
  const pacing = input.pacing ?? realPacing;
  const result: SweepResult = { tables: {}, departedPurged: 0 };
  for (const [kind, tables] of tablesOfKind) {
    const days = settings[kind];
    if (days === null) continue;
    const cutoff = new Date(input.now.getTime() - days * day);
    for (const table of tables) {
      result.tables[table] = await expireTable(db, table, { ...input, cutoff, batchSize, pauseMs, pacing });
    }
  }
  const graceCutoff = new Date(input.now.getTime() - settings.departed_grace_days * day);
  const departed = await findDepartedMembersToPurge(db, input.workspaceId, graceCutoff, input.departedLimit ?? 500);
  const departedBatchSize = input.departedBatchSize ?? 100;
  for (let i = 0; i < departed.length; i += departedBatchSize) {
    if (i > 0 && pauseMs > 0) await pacing.sleep(pauseMs);
    const userIds = departed.slice(i, i + departedBatchSize);
    const { purged } = await purgeDepartedMembers(db, { workspaceId: input.workspaceId, userIds, now: input.now });
    result.departedPurged += purged;
  }
  return result;
}

/**
 * One table's expired rows, batch after batch along the table's walk order, each batch sized and followed by a
 * rest from how long the previous statement took: on a quiet database the purge goes at full batches and short
 * rests; on a busy one (the statement slow because the CPU or the disk is taken) it takes smaller bites and longer
 * breaths, so live requests are what gets the machine.
 */
async function expireTable(
  db: Db,
  table: ExpiringTable,
  input: SweepInput & { cutoff: Date; batchSize: number; pauseMs: number; pacing: Pacing },
): Promise<{ deleted: number; batches: number }> {
  const { pacing } = input;
  const restRatio = input.restRatio ?? 4;
  const target = input.targetStatementMs ?? 50;
  const smallest = Math.min(minBatchSize, input.batchSize);
  let size = input.batchSize;
  let after: WalkPosition | undefined;
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const started = pacing.clock();
    const batch = await deleteExpiredBatch(db, table, {
      workspaceId: input.workspaceId,
      cutoff: input.cutoff,
      batchSize: size,
      after,
    });
    const tookMs = pacing.clock() - started;
    if (batch.deleted === 0) break;
    deleted += batch.deleted;
    batches += 1;
    after = batch.last;
    if (batch.deleted < size) break;
    if (tookMs > 2 * target) size = Math.max(smallest, Math.floor(size / 2));
    else if (tookMs < target / 2) size = Math.min(input.batchSize, Math.ceil(size * 1.5));
    const rest = Math.max(input.pauseMs, restRatio * tookMs);
    if (rest > 0) await pacing.sleep(rest);
  }
  return { deleted, batches };
}
