import type { Db } from '../../db/database.ts';
import {
  collectCountedPeople,
  deleteInsightsMonths,
  findInsightsMonths,
  findInsightsState,
  findMonthsChangedSince,
  findMonthsSpan,
  type InsightsPart,
  insertLearningMonths,
  insertMentorshipMonths,
  lockInsights,
  setInsightsWorkMemory,
  upsertInsightsState,
} from '../../db/queries/insights-aggregates.ts';
import {
  collectMonthsGroups,
  collectMonthsTies,
  insertProgrammeMonths,
  insertTieMonths,
} from '../../db/queries/insights-months.ts';
import { findWindowFingerprints } from '../../db/queries/insights-windows.ts';
import { rebuildKudosWindow, updateKudosWindow } from './compute-kudos-windows.ts';
import { rebuildTieWindow, updateTieWindow } from './compute-tie-windows.ts';

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

/**
 * A computation runs as two transactions at once, on two connections, so that both of Postgres' cores work. Three
 * parts share no row, each kept under its own lock: the monthly figures, the team ties, and the kudos (kudos between
 * departments and recognition). Both the full recomputation and the update take the months with the ties: the full
 * recomputation's window ties are read from the months it gathers, and the groups an update's ties read are mostly
 * those of the month it has just rebuilt, already in memory; the kudos, as long as the other two, run beside them.
 * Each part run twice leaves what one run leaves, so when one transaction fails the other's rows are still right, the
 * job fails, and its retry runs both again. The watermark moves only once both have committed.
 */
async function inParts<T>(
  db: Db,
  workspaceId: string,
  parts: InsightsPart[],
  work: (trx: Executor) => Promise<T>,
): Promise<T> {
  return await db.transaction().execute(async (trx) => {
    await lockInsights(trx, workspaceId, parts);
    await setInsightsWorkMemory(trx);
    await collectCountedPeople(trx, workspaceId);
    return await work(trx);
  });
}

/** Both transactions' outcomes, once both have ended: one still running is never left behind by the other's failure. */
async function both<T>(first: Promise<T>, second: Promise<void>): Promise<T> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return a.value;
}

/** The daily full recomputation: every figure rebuilt from Nudge's own tables. */
export async function recomputeInsights(db: Db, input: InsightsComputation): Promise<InsightsComputed> {
  const { workspaceId } = input;
  const months = await both(
    inParts(db, workspaceId, ['months', 'ties'], async (trx) => {
      const months = await findInsightsMonths(trx, workspaceId, input.now);
      await rebuildMonths(trx, workspaceId, months, months[0] as string);
      await rebuildTieWindow(trx, input, 'months built');
      return months;
    }),
    inParts(db, workspaceId, ['kudos'], (trx) => rebuildKudosWindow(trx, input)),
  );
  await upsertInsightsState(db, workspaceId, { watermark: input.now, computedAt: input.now, full: true });
  return { mode: 'full', months };
}

/**
 * The update as events arrive: only the months that facts recorded since the watermark touch are rebuilt from the
 * source rows, and the windows are extended with the facts since the watermark from the sets they keep
 * (compute-tie-windows.ts, compute-kudos-windows.ts). An update that runs twice (a job retried after a crash) leaves
 * exactly what one run leaves.
 */
export async function updateInsights(db: Db, input: InsightsComputation): Promise<InsightsComputed> {
  const { workspaceId } = input;
  const state = await findInsightsState(db, workspaceId);
  if (!state) return await recomputeInsights(db, input);
  // Read before the parts take their locks: a watermark older than their work only makes them re-read more.
  const since = new Date(Math.min(state.watermark.getTime(), input.now.getTime()) - lookBackMs);
  const months = await both(
    inParts(db, workspaceId, ['months', 'ties'], async (trx) => {
      const kept = await findInsightsMonths(trx, workspaceId, input.now);
      const months = await findMonthsChangedSince(trx, workspaceId, since, kept);
      await rebuildMonths(trx, workspaceId, months, kept[0] as string);
      await updateTieWindow(trx, input, since, await findWindowFingerprints(trx, workspaceId));
      return months;
    }),
    inParts(db, workspaceId, ['kudos'], async (trx) => {
      await updateKudosWindow(trx, input, since, await findWindowFingerprints(trx, workspaceId));
    }),
  );
  await upsertInsightsState(db, workspaceId, { watermark: input.now, computedAt: input.now, full: false });
  return { mode: 'incremental', months };
}

async function rebuildMonths(trx: Executor, workspaceId: string, months: string[], firstKept: string) {
  await deleteInsightsMonths(trx, workspaceId, months, firstKept);
  if (months.length === 0) return;
  const span = await findMonthsSpan(trx, workspaceId, months);
  await collectMonthsGroups(trx, workspaceId, months, span);
  await insertProgrammeMonths(trx, workspaceId, months);
  await collectMonthsTies(trx);
  await insertTieMonths(trx, workspaceId, months, span);
  await insertMentorshipMonths(trx, workspaceId, months, span);
  await insertLearningMonths(trx, workspaceId, months, span);
}
