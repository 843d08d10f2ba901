import { findUnannouncedGifts, findUnwithdrawnRevocations } from '../../src/domain/kudos/announcements.ts';
import type { Processor } from '../processor.ts';

// Leave the normal path time to finish before assuming its job was lost.
const graceMillis = 2 * 60 * 1000;
const lookbackMillis = 24 * 3600 * 1000;

/**
 * Re-enqueues announcements whose job never ran (Redis flushed or down when the kudos was given) or gave up
 * (its attempts ran out during a long outage), and likewise the retractions of undone kudos.
 */
export const processKudosSweep: Processor<'kudos.sweep'> = async (_data, { deps }) => {
  const now = deps.clock.now().getTime();
  const gifts = await findUnannouncedGifts(deps.db, {
    from: new Date(now - lookbackMillis),
    to: new Date(now - graceMillis),
    limit: 500,
  });
  // A job that ran out of attempts (Slack or Postgres away for longer than its retries) is tried again too.
  for (const gift of gifts) await deps.queues.enqueue('kudos.announce', gift, { retryExhausted: true });
  const undone = await findUnwithdrawnRevocations(deps.db, {
    from: new Date(now - lookbackMillis),
    to: new Date(now - graceMillis),
    limit: 500,
  });
  for (const gift of undone) await deps.queues.enqueue('kudos.retract', gift, { retryExhausted: true });
  return { requeued: gifts.length, retractions: undone.length };
};
