import { findGift } from '../../src/db/queries/kudos.ts';
import { kudosPublicPost } from '../../src/slack/kudos.blocks.ts';
import type { Processor } from '../processor.ts';

/** Rewrites the public celebration of an undone kudos so it no longer celebrates anything. */
export const processKudosRetract: Processor<'kudos.retract'> = async (data, { deps }) => {
  const gift = await findGift(deps.db, data.workspaceId, data.giftId);
  if (!gift?.revoked) return { skipped: 'not revoked' };
  if (!gift.postChannelId || !gift.postTs) return { skipped: 'never posted' };
  const withdrawn = kudosPublicPost({ ...gift, revoked: true });
  // chat.update sets the same content however often it runs, so a retry needs no ledger.
  await deps.sender.call(data.workspaceId, 'chat.update', {
    channel: gift.postChannelId,
    ts: gift.postTs,
    text: withdrawn.text,
    blocks: withdrawn.blocks,
  });
  return { updated: true };
};
