import { sweepRetention } from '../../src/domain/retention/sweep-retention.ts';
import type { Processor } from '../processor.ts';

/** The daily retention sweep of one workspace: expired rows in small batches, then departed people past their grace. */
export const processRetentionSweep: Processor<'retention.sweep'> = async (data, { deps }) => {
  const result = await sweepRetention(deps.db, { workspaceId: data.workspaceId, now: deps.clock.now() });
  return result;
};
