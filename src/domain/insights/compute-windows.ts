import {
  hasGroupsDeliveredFrom,
  rebuildDepartmentKudos,
  rebuildWindowTiesFromMonths,
} from '../../db/queries/insights-window-rebuild.ts';
import {
  addDepartmentKudos,
  addTiesChangedSince,
  addWindowTies,
  deleteInsightsWindows,
  deleteKudosDaysFrom,
  findDayStart,
  findMetWithdrawnSince,
  findWindowFingerprints,
  findWindowStart,
  findWindowState,
  isBeforeKeptDays,
  upsertWindowState,
  writeDepartmentKudos,
  writeTeamPairs,
  writeTeams,
} from '../../db/queries/insights-windows.ts';
import { minGroupSize } from '../privacy/small-groups.ts';
import { rebuildRecognition, updateRecognition } from './recognition.ts';

type Executor = Parameters<typeof findWindowState>[0];

export interface WindowComputation {
  workspaceId: string;
  now: Date;
}

/**
 * The 12 months shown for ties and kudos between departments (this month so far and the 11 before, in the
 * workspace's zone), the last 90 days for recognition: every figure and the sets kept for the update, rebuilt whole.
 * 'months built' when `collectMonthsGroups` has just gathered the window's 12 months in this transaction (the full
 * recomputation); the update's fallback has built at most the months it found changed.
 */
export async function rebuildWindows(
  trx: Executor,
  input: WindowComputation,
  monthsBuilt: 'months built' | 'months not built' = 'months not built',
): Promise<void> {
  const { workspaceId, now } = input;
  const windowFrom = await findWindowStart(trx, workspaceId, now);
  const span = { from: windowFrom, to: now };
  await deleteInsightsWindows(trx, workspaceId);
  // The full recomputation has just gathered the window's 12 months under integer keys: its ties are those of the
  // tie months, unless a group was delivered after `now` (the months run to the end of this one).
  if (monthsBuilt === 'months built' && !(await hasGroupsDeliveredFrom(trx, workspaceId, now))) {
    await rebuildWindowTiesFromMonths(trx, workspaceId, span);
  } else {
    await addWindowTies(trx, workspaceId, span);
  }
  await writeTeamPairs(trx, workspaceId, 'all');
  await writeTeams(trx, workspaceId, minGroupSize);
  await writeDepartmentKudos(trx, workspaceId, await rebuildDepartmentKudos(trx, workspaceId, span, windowFrom));
  await rebuildRecognition(trx, workspaceId, now);
  await upsertWindowState(trx, workspaceId, { windowFrom, ...(await findWindowFingerprints(trx, workspaceId)) });
}

/**
 * The windows extended with the facts recorded since `since`: new ties and kudos join the kept sets, and only the
 * cells they reach are counted again. What can take something out of a window falls back to `rebuildWindows`: a new
 * month (the window's oldest month leaves), a kudos revoked, anyone counted joining, leaving, being erased or
 * changing team or department, a "met" answer changed to another.
 */
export async function updateWindows(trx: Executor, input: WindowComputation, since: Date): Promise<void> {
  const { workspaceId, now } = input;
  const windowFrom = await findWindowStart(trx, workspaceId, now);
  const span = { from: windowFrom, to: now };
  const state = await findWindowState(trx, workspaceId);
  if (!state || state.window_from.getTime() !== windowFrom.getTime()) return await rebuildWindows(trx, input);
  const prints = await findWindowFingerprints(trx, workspaceId);
  if (prints.directory !== state.directory || prints.revocations !== state.revocations) {
    return await rebuildWindows(trx, input);
  }
  if (await findMetWithdrawnSince(trx, workspaceId, since)) return await rebuildWindows(trx, input);
  // Kudos are kept per day for this month and the one before only (a watermark is always in this month).
  if (await isBeforeKeptDays(trx, workspaceId, since, now)) return await rebuildWindows(trx, input);

  const cells = await addTiesChangedSince(trx, workspaceId, span, since);
  if (cells.teamA.length > 0) await writeTeamPairs(trx, workspaceId, cells);
  await writeTeams(trx, workspaceId, minGroupSize);

  // The days from the one `since` falls in are counted again, whole.
  const recount = { from: await findDayStart(trx, workspaceId, since), to: now };
  await deleteKudosDaysFrom(trx, workspaceId, recount.from);
  await writeDepartmentKudos(trx, workspaceId, await addDepartmentKudos(trx, workspaceId, recount, windowFrom));
  await updateRecognition(trx, workspaceId, now, since);
}
