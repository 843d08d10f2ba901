import {
  finishCelebrationBatch,
  type PostBatch,
  pendingCelebrationBatches,
  planCelebrationPosts,
} from '../../src/domain/celebrations/plan-posts.ts';
import { findUnpostedCelebrationIds, pruneWebhookSignatures } from '../../src/domain/celebrations/posting.ts';
import { signatureToleranceSeconds } from '../../src/domain/celebrations/webhook-signature.ts';
import { type OccasionLine, occasionDm, occasionsPost } from '../../src/slack/celebrations/celebrations.blocks.ts';
import { SendInProgressError, SlackPermanentError } from '../../src/slack/platform/send-errors.ts';
import type { Processor, ProcessorDeps } from '../processor.ts';

function lines(batch: PostBatch): OccasionLine[] {
  return batch.rows.map((row) => ({
    userId: row.user_id,
    occasion: row.occasion,
    years: row.years,
    occasionDate: row.occasion_date,
    observedDate: row.observed_date,
  }));
}

async function sendBatch(
  deps: ProcessorDeps,
  workspaceId: string,
  batch: PostBatch,
): Promise<'posted' | 'failed' | 'busy'> {
  const message =
    batch.delivery === 'channel' ? occasionsPost(lines(batch)) : occasionDm(lines(batch)[0] as OccasionLine);
  const to =
    batch.delivery === 'channel' && batch.channelId
      ? { channel: batch.channelId }
      : { users: [batch.rows[0]?.user_id as string] };
  try {
    const sent = await deps.sender.postMessage({ workspaceId, key: batch.sendKey, to, ...message });
    await finishCelebrationBatch(deps.db, {
      workspaceId,
      sendKey: batch.sendKey,
      outcome: 'posted',
      ts: sent.ts,
      now: deps.clock.now(),
    });
    return 'posted';
  } catch (error) {
    // Another worker is sending this very message right now; it will record the outcome.
    if (error instanceof SendInProgressError) return 'busy';
    if (!(error instanceof SlackPermanentError)) throw error;
    deps.logger.warn({ workspaceId, sendKey: batch.sendKey, code: error.code }, 'celebration post refused by Slack');
    await finishCelebrationBatch(deps.db, {
      workspaceId,
      sendKey: batch.sendKey,
      outcome: 'failed',
      error: error.code,
      now: deps.clock.now(),
    });
    return 'failed';
  }
}

/**
 * Every 15 minutes per workspace (any cadence works): decide who is due now (a ledger row per person,
 * occasion and year), then send every decided but unsent message. A crash anywhere leaves rows that the
 * next run finishes; the send ledger keeps each message to one post. Also re-enqueues shipped celebrations
 * whose job was lost, and forgets webhook signatures older than the replay window.
 */
export const processCelebrationsTick: Processor<'celebrations.tick'> = async (data, { deps }) => {
  const { workspaceId } = data;
  const now = deps.clock.now();
  const plan = await planCelebrationPosts(deps.db, { workspaceId, now });
  const outcomes = { posted: 0, failed: 0, busy: 0 };
  for (const batch of await pendingCelebrationBatches(deps.db, { workspaceId, now })) {
    outcomes[await sendBatch(deps, workspaceId, batch)] += 1;
  }
  const lost = await findUnpostedCelebrationIds(
    deps.db,
    workspaceId,
    new Date(now.getTime() - 2 * 60_000),
    new Date(now.getTime() - 7 * 24 * 3600_000),
  );
  for (const celebrationId of lost) await deps.queues.enqueue('celebrations.post', { workspaceId, celebrationId });
  await pruneWebhookSignatures(deps.db, workspaceId, new Date(now.getTime() - 2 * signatureToleranceSeconds * 1000));
  return { ...plan, ...outcomes, requeued: lost.length };
};
