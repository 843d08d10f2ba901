import type { Db } from '../../db/database.ts';
import {
  collectCountedPeople,
  deleteInsightsMonths,
  findInsightsMonths,
  findInsightsState,
  findMonthsChangedSince,
  findMonthsSpan,
  insertLearningMonths,
  insertMentorshipMonths,
  lockInsights,
  setInsightsWorkMemory,
  upsertInsightsState,
} from '../../db/queries/insights-aggregates.ts';
import { collectMonthsGroups, insertProgrammeMonths, insertTieMonths } from '../../db/queries/insights-months.ts';
import { rebuildWindows, updateWindows } from './compute-windows.ts';

type Executor = Parameters<typeof findInsightsState>[0];

const day = 24 * 3600 * 1000;
/**
 * How far before its watermark an update looks again: a fact is stamped when it happened (a kudos' given_at) and may
 * be written a little later, after an update already read past that moment. Re-reading a month is harmless.
 */
const lookBackMs = day;

export interface InsightsComputation {
  workspaceId: string;
  now: Date;
}

export interface InsightsComputed {
  mode: 'full' | 'incremental';
  /** The months whose monthly figures were rebuilt. */
  months: string[];
}

/** The daily full recomputation: every figure rebuilt from Nudge's own tables, in one transaction. */
export async function recomputeInsights(db: Db, input: InsightsComputation): Promise<InsightsComputed> {
  return await db.transaction().execute(async (trx) => {
    await lockInsights(trx, input.workspaceId);
    await prepareComputation(trx, input.workspaceId);
    return await recomputeAll(trx, input);
  });
}

/**
 * The update as events arrive: only the months that facts recorded since the watermark touch are rebuilt from the
 * source rows, and the windows are extended with the facts since the watermark from the sets they keep
 * (compute-windows.ts). An update that runs twice (a job retried after a crash) leaves exactly what one run leaves.
 */
export async function updateInsights(db: Db, input: InsightsComputation): Promise<InsightsComputed> {
  return await db.transaction().execute(async (trx) => {
    await lockInsights(trx, input.workspaceId);
    await prepareComputation(trx, input.workspaceId);
    const state = await findInsightsState(trx, input.workspaceId);
    if (!state) return await recomputeAll(trx, input);
    const kept = await findInsightsMonths(trx, input.workspaceId, input.now);
    const since = new Date(Math.min(state.watermark.getTime(), input.now.getTime()) - lookBackMs);
    const months = await findMonthsChangedSince(trx, input.workspaceId, since, kept);
    await rebuildMonths(trx, input.workspaceId, months, kept[0] as string);
    await updateWindows(trx, input, since);
    await upsertInsightsState(trx, input.workspaceId, { watermark: input.now, computedAt: input.now, full: false });
    return { mode: 'incremental', months };
  });
}

/** What every statement of a computation relies on: room to hash, and the people counted. */
async function prepareComputation(trx: Executor, workspaceId: string): Promise<void> {
  await setInsightsWorkMemory(trx);
  await collectCountedPeople(trx, workspaceId);
}

async function recomputeAll(trx: Executor, input: InsightsComputation): Promise<InsightsComputed> {
  const months = await findInsightsMonths(trx, input.workspaceId, input.now);
  await rebuildMonths(trx, input.workspaceId, months, months[0] as string);
  await rebuildWindows(trx, input, 'months built');
  await upsertInsightsState(trx, input.workspaceId, { watermark: input.now, computedAt: input.now, full: true });
  return { mode: 'full', months };
}

async function rebuildMonths(trx: Executor, workspaceId: string, months: string[], firstKept: string) {
  await deleteInsightsMonths(trx, workspaceId, months, firstKept);
  if (months.length === 0) return;
  const span = await findMonthsSpan(trx, workspaceId, months);
  await collectMonthsGroups(trx, workspaceId, months, span);
  await insertProgrammeMonths(trx, workspaceId, months);
  await insertTieMonths(trx, workspaceId, months, span);
  await insertMentorshipMonths(trx, workspaceId, months, span);
  await insertLearningMonths(trx, workspaceId, months, span);
}
