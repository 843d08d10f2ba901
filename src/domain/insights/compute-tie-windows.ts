import { hasGroupsDeliveredFrom, rebuildWindowTiesFromMonths } from '../../db/queries/insights-window-rebuild.ts';
import {
  addTiesChangedSince,
  addWindowTies,
  deleteInsightsWindows,
  deleteKeptTies,
  findMetWithdrawnSince,
  findWindowFingerprints,
  findWindowStart,
  findWindowState,
  upsertWindowState,
  type WindowFingerprints,
  writeTeamPairs,
  writeTeams,
} from '../../db/queries/insights-windows.ts';
import { minGroupSize } from '../privacy/small-groups.ts';

type Executor = Parameters<typeof findWindowState>[0];

export interface WindowComputation {
  workspaceId: string;
  now: Date;
}

/**
 * Team ties over the 12 months shown (this month so far and the 11 before, in the workspace's zone): the team × team
 * cells, the per-team figures and the sets kept for the update, rebuilt whole. 'months built' when
 * `collectMonthsTies` has just gathered the window's 12 months in this transaction (the full recomputation); the
 * update's fallback has built at most the months it found changed.
 */
export async function rebuildTieWindow(
  trx: Executor,
  input: WindowComputation,
  monthsBuilt: 'months built' | 'months not built' = 'months not built',
): Promise<void> {
  const { workspaceId, now } = input;
  const windowFrom = await findWindowStart(trx, workspaceId, now);
  const span = { from: windowFrom, to: now };
  await deleteInsightsWindows(trx, workspaceId, 'ties');
  // The full recomputation has just gathered the window's 12 months under integer keys: its ties are those of the
  // tie months, unless a group was delivered after `now` (the months run to the end of this one).
  if (monthsBuilt === 'months built' && !(await hasGroupsDeliveredFrom(trx, workspaceId, now))) {
    await rebuildWindowTiesFromMonths(trx, workspaceId, span);
  } else {
    await deleteKeptTies(trx, workspaceId);
    await addWindowTies(trx, workspaceId, span);
  }
  await writeTeamPairs(trx, workspaceId, 'all');
  await writeTeams(trx, workspaceId, minGroupSize);
  const { directory } = await findWindowFingerprints(trx, workspaceId);
  // Revocations take no tie away: only the kudos part keeps their fingerprint.
  await upsertWindowState(trx, workspaceId, 'ties', { windowFrom, directory, revocations: '' });
}

/**
 * Team ties extended with the connections recorded since `since` (`prints`: the fingerprints as they are now): new
 * ties join the kept set, and only the cells they reach are counted again. What can take a tie out of the window
 * falls back to `rebuildTieWindow`: a new month (the window's oldest month leaves), anyone counted joining, leaving,
 * being erased or changing team, a "met" answer changed to another.
 */
export async function updateTieWindow(
  trx: Executor,
  input: WindowComputation,
  since: Date,
  prints: WindowFingerprints,
): Promise<void> {
  const { workspaceId, now } = input;
  const windowFrom = await findWindowStart(trx, workspaceId, now);
  const state = await findWindowState(trx, workspaceId, 'ties', windowFrom);
  if (!state) return await rebuildTieWindow(trx, input);
  if (prints.directory !== state.directory) return await rebuildTieWindow(trx, input);
  if (await findMetWithdrawnSince(trx, workspaceId, since)) return await rebuildTieWindow(trx, input);

  const cells = await addTiesChangedSince(trx, workspaceId, { from: windowFrom, to: now }, since);
  if (cells.teamA.length > 0) await writeTeamPairs(trx, workspaceId, cells);
  await writeTeams(trx, workspaceId, minGroupSize);
}
