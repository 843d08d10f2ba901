import { sweepKeepInTouch } from '../../src/domain/keep-in-touch/sweep.ts';
import type { Processor } from '../processor.ts';

/**
 * Hourly per workspace (and at once when the sandbox's clock moves): queues the follow-up prompts owed a day after a
 * meeting and the weekly reconnect DMs. Job ids are deterministic per day and every processor checks Postgres before
 * it sends, so running this again sends nothing twice; a job that used up its attempts is tried again.
 */
export const processKeepInTouchSweep: Processor<'keep-in-touch.sweep'> = async (data, { deps }) => {
  const now = deps.clock.now();
  const day = now.toISOString().slice(0, 10);
  const work = await sweepKeepInTouch(deps.db, { workspaceId: data.workspaceId, now });
  const again = { retryExhausted: true };
  for (const promptId of work.prompts)
    await deps.queues.enqueue('keep-in-touch.prompt', { workspaceId: data.workspaceId, promptId, day }, again);
  for (const { userId, since } of work.reconnects)
    await deps.queues.enqueue('keep-in-touch.reconnect', { workspaceId: data.workspaceId, userId, since, day }, again);
  return { prompts: work.prompts.length, reconnects: work.reconnects.length };
};
