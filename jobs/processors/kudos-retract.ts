import { findGift, markRevocationWithdrawn } from '../../src/domain/kudos/announcements.ts';
import { kudosWithdrawnNote } from '../../src/slack/kudos/kudos.blocks.ts';
import { queueInsightsUpdate } from '../insights-update.ts';
import { allKudosMessageKeys, kudosMessageKeys } from '../kudos-message-keys.ts';
import type { Processor, ProcessorDeps } from '../processor.ts';

/**
 * Deletes every message that announced an undone gift: the public post, the recipients' DMs and the giver's
 * notice. An undone kudos leaves no trace, and nobody keeps a DM for kudos their Home no longer counts. The
 * sender's ledger knows where each landed (or finds a crashed attempt in history), and deleting twice is harmless.
 * Where Slack will not delete (a workspace that keeps every message), the message says plainly it was withdrawn.
 *
 * `announcementDone`: nothing more will be posted for the gift, so the retraction is recorded as finished. While
 * an announcement may still post, it is not: the announcement deletes what it posts once it sees the undo, and
 * the kudos sweep runs the retraction again until it is recorded.
 */
export async function withdrawKudosMessages(
  deps: ProcessorDeps,
  workspaceId: string,
  gift: { id: string; recipientIds: string[]; sourceTs: string | null },
  options: { announcementDone: boolean },
): Promise<number> {
  const publicPost = kudosMessageKeys.post(gift.id);
  let withdrawn = 0;
  for (const key of allKudosMessageKeys(gift)) {
    // Only the public post goes in a thread: the one under the message that was clapped.
    const thread = key === publicPost && gift.sourceTs ? { threadTs: gift.sourceTs } : {};
    const outcome = await deps.sender.unpost(workspaceId, key, { ...thread, otherwise: kudosWithdrawnNote() });
    if (outcome !== 'never posted') withdrawn += 1;
  }
  if (options.announcementDone) await markRevocationWithdrawn(deps.db, workspaceId, gift.id, deps.clock.now());
  return withdrawn;
}

/** Takes back what an undone kudos posted. The announcement does the same when it finds the gift undone. */
export const processKudosRetract: Processor<'kudos.retract'> = async (data, { deps }) => {
  const gift = await findGift(deps.db, data.workspaceId, data.giftId);
  if (!gift?.revoked) return { skipped: 'not revoked' };
  await queueInsightsUpdate(deps.queues, data.workspaceId, deps.clock.now());
  const withdrawn = await withdrawKudosMessages(deps, data.workspaceId, gift, {
    announcementDone: gift.announcedAt !== null,
  });
  return { withdrawn };
};
