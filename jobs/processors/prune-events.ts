import { deleteProcessedEventsBefore } from '../../src/domain/delivery/processed-events.ts';
import type { Processor } from '../processor.ts';

/** Slack retries an event within minutes; a day of claimed event ids is far more than dedupe needs. */
const keepMillis = 24 * 3600 * 1000;

export const processPruneEvents: Processor<'maintenance.prune-events'> = async (_data, { deps }) => {
  const deleted = await deleteProcessedEventsBefore(deps.db, new Date(deps.clock.now().getTime() - keepMillis));
  return { deleted };
};
