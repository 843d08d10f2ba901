import { sweepMentorshipProgramme } from '../src/domain/mentorship/sweep.ts';
import type { ProcessorDeps } from './processor.ts';

/**
 * Queues whatever a mentorship programme's pairs are owed at this moment: check-ins, fit checks, idle nudges and
 * warnings, feedback requests, end notices and re-matches. Every job id is deterministic and every processor checks
 * Postgres before it acts, so running this again (the hourly sweep, a retried sweep, a sweep after a Redis flush or a
 * restart) never sends anything twice and never skips a step. A job that used up its attempts is tried again.
 */
export async function enqueueMentorshipFollowUps(
  deps: ProcessorDeps,
  input: { workspaceId: string; programmeId: string },
): Promise<Record<string, number>> {
  const { workspaceId } = input;
  const work = await sweepMentorshipProgramme(deps.db, { ...input, now: deps.clock.now() });
  const again = { retryExhausted: true };
  for (const { pairId, number } of work.checkins)
    await deps.queues.enqueue('mentorship.checkin', { workspaceId, pairId, number }, again);
  for (const pairId of work.fitChecks)
    await deps.queues.enqueue('mentorship.fit-check', { workspaceId, pairId }, again);
  for (const { pairId, notice, since } of work.idleNotices)
    await deps.queues.enqueue('mentorship.idle', { workspaceId, pairId, notice, since: since.getTime() }, again);
  for (const pairId of work.feedbackAsks)
    await deps.queues.enqueue('mentorship.feedback', { workspaceId, pairId }, again);
  for (const pairId of work.endNotices) await deps.queues.enqueue('mentorship.ended', { workspaceId, pairId }, again);
  for (const pairId of work.rematches) await deps.queues.enqueue('mentorship.rematch', { workspaceId, pairId }, again);
  return {
    checkins: work.checkins.length,
    fitChecks: work.fitChecks.length,
    idleNotices: work.idleNotices.length,
    feedbackAsks: work.feedbackAsks.length,
    endNotices: work.endNotices.length,
    rematches: work.rematches.length,
  };
}
