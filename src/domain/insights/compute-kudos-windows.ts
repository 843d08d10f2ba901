import { rebuildDepartmentKudos } from '../../db/queries/insights-window-rebuild.ts';
import {
  addDepartmentKudos,
  deleteInsightsWindows,
  deleteKudosDaysFrom,
  findDayStart,
  findWindowFingerprints,
  findWindowStart,
  findWindowState,
  isBeforeKeptDays,
  upsertWindowState,
  type WindowFingerprints,
  writeDepartmentKudos,
} from '../../db/queries/insights-windows.ts';
import type { WindowComputation } from './compute-tie-windows.ts';
import { rebuildRecognition, updateRecognition } from './recognition.ts';

type Executor = Parameters<typeof findWindowState>[0];

/**
 * Kudos between departments over the 12 months shown and recognition over the last 90 days: every figure and the
 * sets kept for the update, rebuilt whole.
 */
export async function rebuildKudosWindow(trx: Executor, input: WindowComputation): Promise<void> {
  const { workspaceId, now } = input;
  const windowFrom = await findWindowStart(trx, workspaceId, now);
  await deleteInsightsWindows(trx, workspaceId, 'kudos');
  const gained = await rebuildDepartmentKudos(trx, workspaceId, { from: windowFrom, to: now }, windowFrom);
  await writeDepartmentKudos(trx, workspaceId, gained);
  await rebuildRecognition(trx, workspaceId, now);
  await upsertWindowState(trx, workspaceId, 'kudos', {
    windowFrom,
    ...(await findWindowFingerprints(trx, workspaceId)),
  });
}

/**
 * Kudos between departments and recognition extended with the kudos recorded since `since` (`prints`: the
 * fingerprints as they are now). What can take kudos out
 * of the window falls back to `rebuildKudosWindow`: a new month (the window's oldest month leaves), a kudos revoked,
 * anyone counted joining, leaving, being erased or changing department, re-reading from before the days kept one by
 * one.
 */
export async function updateKudosWindow(
  trx: Executor,
  input: WindowComputation,
  since: Date,
  prints: WindowFingerprints,
): Promise<void> {
  const { workspaceId, now } = input;
  const windowFrom = await findWindowStart(trx, workspaceId, now);
  const state = await findWindowState(trx, workspaceId, 'kudos', windowFrom);
  if (!state) return await rebuildKudosWindow(trx, input);
  if (prints.directory !== state.directory || prints.revocations !== state.revocations) {
    return await rebuildKudosWindow(trx, input);
  }
  // Kudos are kept per day for this month and the one before only (a watermark is always in this month).
  if (await isBeforeKeptDays(trx, workspaceId, since, now)) return await rebuildKudosWindow(trx, input);

  // The days from the one `since` falls in are counted again, whole.
  const recount = { from: await findDayStart(trx, workspaceId, since), to: now };
  await deleteKudosDaysFrom(trx, workspaceId, recount.from);
  await writeDepartmentKudos(trx, workspaceId, await addDepartmentKudos(trx, workspaceId, recount, windowFrom));
  await updateRecognition(trx, workspaceId, now, since);
}
