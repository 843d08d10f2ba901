import { peopleToRecapNow } from '../../src/domain/insights/quarterly-recap.ts';
import { previousQuarter } from '../../src/domain/insights/quarters.ts';
import { periodWindow } from '../../src/domain/time/periods.ts';
import { findWorkspace } from '../../src/domain/workspaces/find-workspace.ts';
import type { Processor } from '../processor.ts';

/** Recaps of a quarter go out during the first weeks of the next; someone away that long waits for the next one. */
const recapWindowMillis = 45 * 24 * 60 * 60 * 1000;
const page = 200;

/**
 * Queues the last quarter's recap for everyone owed it. Each recap is a job with its own deterministic id, and a person
 * is owed one until it is recorded, so ticks may overlap and repeat: each person still gets one recap per quarter.
 */
export const processInsightsRecapTick: Processor<'insights.recap-tick'> = async (data, { deps }) => {
  const { workspaceId } = data;
  const workspace = await findWorkspace(deps.db, workspaceId);
  if (!workspace) return { skipped: 'no_workspace' };
  const now = deps.clock.now();
  const timeZone = workspace.time_zone;
  if (now.getTime() - periodWindow(now, timeZone, 'quarter').start.getTime() > recapWindowMillis) {
    return { skipped: 'outside_recap_weeks' };
  }
  const quarter = previousQuarter(now, timeZone).key;
  let queued = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await peopleToRecapNow(deps.db, { workspaceId, quarter, now, limit: page, after });
    for (const userId of batch.people) {
      await deps.queues.enqueue('insights.recap', { workspaceId, userId, quarter });
      queued += 1;
    }
    if (!batch.last) break;
    after = batch.last;
  }
  return { quarter, queued };
};
