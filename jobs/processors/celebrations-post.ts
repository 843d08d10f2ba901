import {
  findCelebration,
  markCelebrationFailed,
  markCelebrationPosted,
} from '../../src/domain/celebrations/posting.ts';
import { findMembersByIds } from '../../src/domain/directory/find-members.ts';
import {
  celebrateNotice,
  celebrationPost,
  celebrationReaction,
} from '../../src/slack/celebrations/celebrations.blocks.ts';
import { SlackPermanentError } from '../../src/slack/platform/send-errors.ts';
import type { Processor, ProcessorDeps } from '../processor.ts';

export async function seedReaction(deps: ProcessorDeps, workspaceId: string, channel: string, ts: string) {
  try {
    await deps.sender.call(workspaceId, 'reactions.add', { channel, timestamp: ts, name: celebrationReaction });
  } catch (error) {
    // Already there (a retried job), or reactions refused in that channel: the post itself stands.
    if (!(error instanceof SlackPermanentError)) throw error;
  }
}

/**
 * Posts a shipped-project celebration once (the sender key is the celebration's id), seeds a :tada: and records
 * where it went. A channel Nudge cannot post in fails the celebration for good and tells whoever asked for it.
 */
export const processCelebrationsPost: Processor<'celebrations.post'> = async (data, { deps }) => {
  const { workspaceId, celebrationId } = data;
  const celebration = await findCelebration(deps.db, workspaceId, celebrationId);
  if (!celebration) return { skipped: 'celebration not found' };
  if (celebration.failed_at) return { skipped: 'failed earlier' };
  const members = await findMembersByIds(deps.db, workspaceId, celebration.contributor_ids);
  const names = new Map(
    [...members.values()].map((m) => [m.user_id, m.display_name || m.real_name || m.name || 'them']),
  );
  const message = celebrationPost({
    celebrationId,
    title: celebration.title,
    url: celebration.url,
    contributorIds: celebration.contributor_ids,
    names,
    createdBy: celebration.created_by,
    source: celebration.source,
  });
  let posted: { channel: string; ts: string } | undefined;
  try {
    posted = await deps.sender.postMessage({
      workspaceId,
      key: `celebrations.shipped.${celebrationId}`,
      to: { channel: celebration.channel_id },
      ...message,
    });
  } catch (error) {
    if (!(error instanceof SlackPermanentError)) throw error;
    await markCelebrationFailed(deps.db, workspaceId, celebrationId, error.code, deps.clock.now());
    if (celebration.created_by) {
      const notice = celebrateNotice(
        `Nudge couldn't post your celebration in <#${celebration.channel_id}> (Slack said \`${error.code}\`).`,
        'Invite @Nudge to the channel and celebrate again with `/celebrate`.',
      );
      await deps.sender.postMessage({
        workspaceId,
        key: `celebrations.shipped.failed.${celebrationId}`,
        to: { users: [celebration.created_by] },
        ...notice,
      });
    }
    return { failed: error.code };
  }
  await seedReaction(deps, workspaceId, posted.channel, posted.ts);
  await markCelebrationPosted(deps.db, workspaceId, celebrationId, {
    channelId: posted.channel,
    ts: posted.ts,
    at: deps.clock.now(),
  });
  return { channel: posted.channel, ts: posted.ts };
};
