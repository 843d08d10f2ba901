import {
  advanceRecognition,
  findRecognitionState,
  keepRecognition,
  type RecognitionState,
  writeRecognition,
} from '../../db/queries/insights-recognition.ts';
import { findDayStart } from '../../db/queries/insights-windows.ts';

type Executor = Parameters<typeof findRecognitionState>[0];

const day = 24 * 3600 * 1000;
/** Recognition looks back this far. */
export const recognitionDays = 90;

/**
 * Recognition rebuilt whole: the counts kept up to the start of the day before `now`'s (kudos are written at most a
 * day after they are given, so none can still arrive before it; the next update re-reads from there on), and the
 * figures from them and the kudos since.
 */
export async function rebuildRecognition(trx: Executor, workspaceId: string, now: Date): Promise<void> {
  const windowFrom = new Date(now.getTime() - recognitionDays * day);
  const dayBefore = await findDayStart(trx, workspaceId, new Date(now.getTime() - day));
  const boundary = dayBefore > windowFrom ? dayBefore : windowFrom;
  await keepRecognition(trx, workspaceId, { windowFrom, boundary });
  await writeRecognition(trx, workspaceId, { from: boundary, to: now });
}

/**
 * Recognition moved to `now`: the kept counts lose the kudos that left the 90 days and gain the days before the one
 * `since` falls in (the update re-reads from there on), and the figures are counted from them and the re-read days.
 * The people counted and the revocations are those the kept counts assume (the windows' fingerprints, checked before).
 * Rebuilt whole when nothing is kept, or when the kept span cannot be moved there: the update re-reads from before
 * what is kept (a fact may have been written there since), or more than 90 days passed.
 */
export async function updateRecognition(trx: Executor, workspaceId: string, now: Date, since: Date): Promise<void> {
  const kept = await findRecognitionState(trx, workspaceId);
  const next: RecognitionState = {
    windowFrom: new Date(now.getTime() - recognitionDays * day),
    boundary: await findDayStart(trx, workspaceId, since),
  };
  if (!kept || next.boundary < kept.boundary || next.windowFrom < kept.windowFrom || next.windowFrom > kept.boundary) {
    return await rebuildRecognition(trx, workspaceId, now);
  }
  await advanceRecognition(trx, workspaceId, kept, next);
  await writeRecognition(trx, workspaceId, { from: next.boundary, to: now });
}
