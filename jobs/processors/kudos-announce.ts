import { findGift, markGiftAnnounced, setGiftPost } from '../../src/domain/kudos/announcements.ts';
import { loadKudosSettings } from '../../src/domain/kudos/settings.ts';
import { kudosFallbackNotice, kudosPublicPost, kudosRecipientDm } from '../../src/slack/kudos/kudos.blocks.ts';
import type { SendResult } from '../../src/slack/platform/send.ts';
import { SlackPermanentError } from '../../src/slack/platform/send-errors.ts';
import { queueInsightsUpdate } from '../insights-update.ts';
import { kudosMessageKeys } from '../kudos-message-keys.ts';
import type { Processor, ProcessorDeps } from '../processor.ts';
import { withdrawKudosMessages } from './kudos-retract.ts';

async function postOrRefused(
  deps: ProcessorDeps,
  message: Parameters<ProcessorDeps['sender']['postMessage']>[0],
): Promise<SendResult | undefined> {
  try {
    return await deps.sender.postMessage(message);
  } catch (error) {
    // The bot is not in that channel, the channel is gone or archived: try the next place instead of failing.
    if (error instanceof SlackPermanentError) return undefined;
    throw error;
  }
}

/**
 * Celebrates a gift: a public post where it was given (or the workspace's kudos channel, telling the giver),
 * and a DM to each recipient. Each message has its own idempotency key, so a retried job finishes the rest.
 */
export const processKudosAnnounce: Processor<'kudos.announce'> = async (data, { deps }) => {
  const { workspaceId, giftId } = data;
  const gift = await findGift(deps.db, workspaceId, giftId);
  if (!gift) return { skipped: 'gift not found' };
  await queueInsightsUpdate(deps.queues, workspaceId, deps.clock.now());
  if (gift.revoked) {
    // An earlier run may have posted before it crashed or failed: nothing of it stays, and nothing more is posted.
    await withdrawKudosMessages(deps, workspaceId, gift, { announcementDone: true });
    await markGiftAnnounced(deps.db, workspaceId, giftId, deps.clock.now());
    return { skipped: 'revoked before it was announced' };
  }
  const post = kudosPublicPost(gift);
  const key = kudosMessageKeys.post(giftId);
  // A kudos given in a DM with Nudge has no public place of its own.
  const origin = gift.channelId && !gift.channelId.startsWith('D') ? gift.channelId : null;
  const threadTs = gift.sourceTs ?? undefined;
  let posted = origin
    ? await postOrRefused(deps, {
        workspaceId,
        key,
        to: { channel: origin },
        ...post,
        ...(threadTs ? { threadTs } : {}),
      })
    : undefined;
  if (!posted) {
    // Only needed when the post could not go where the kudos was given (usually it can).
    const { kudosChannelId } = await loadKudosSettings(deps.db, workspaceId);
    if (kudosChannelId && kudosChannelId !== origin) {
      posted = await postOrRefused(deps, { workspaceId, key, to: { channel: kudosChannelId }, ...post });
    }
  }
  if (posted) await setGiftPost(deps.db, workspaceId, giftId, posted.channel, posted.ts);
  if (origin && posted?.channel !== origin) {
    const notice = kudosFallbackNotice({ channelId: origin, postedIn: posted?.channel ?? null });
    await deps.sender.postMessage({
      workspaceId,
      key: kudosMessageKeys.fallback(giftId),
      to: { users: [gift.giverId] },
      ...notice,
    });
  }
  for (const recipientId of gift.recipientIds) {
    const dm = kudosRecipientDm(gift);
    await deps.sender.postMessage({
      workspaceId,
      key: kudosMessageKeys.dm(giftId, recipientId),
      to: { users: [recipientId] },
      ...dm,
    });
  }
  const { revoked } = await markGiftAnnounced(deps.db, workspaceId, giftId, deps.clock.now());
  // Undone while this job was posting: the retraction may have run before these posts existed, and its job id
  // is taken, so take them back here.
  if (revoked) {
    return { withdrawn: await withdrawKudosMessages(deps, workspaceId, gift, { announcementDone: true }) };
  }
  return { postedIn: posted?.channel ?? null, dms: gift.recipientIds.length };
};
