import { revokeByRequestKey } from '../../domain/kudos/revoke-kudos.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { EventHandler, SlackSurface } from '../platform/surface.ts';
import { giveFromReaction, reactionRequestKey } from './kudos-gives.ts';
import { enqueueKudosJob } from './kudos-jobs.ts';

interface ReactionEvent {
  user: string;
  reaction: string;
  item_user?: string;
  item: { type: string; channel?: string; ts?: string };
}

/**
 * Reacting with the workspace's kudos emoji thanks the message's author, with the usual rules and allowance;
 * removing the reaction within five minutes takes it back. Clapping your own or a bot's message is ignored
 * quietly; any other refusal is explained to the giver alone.
 */
export function registerKudosReactions(surface: SlackSurface, deps: ListenerDeps): void {
  const handleReactionAdded: EventHandler<'reaction_added'> = async ({ event, context, client }) => {
    const reaction = event as unknown as ReactionEvent;
    const { channel, ts } = reaction.item;
    if (reaction.item.type !== 'message' || !channel || !ts || !reaction.item_user) return;
    const workspaceId = workspaceOf(context);
    if (reaction.reaction !== (await deps.kudosEmoji.emojiOf(workspaceId))) return;
    const give = {
      workspaceId,
      giverId: reaction.user,
      recipientId: reaction.item_user,
      channelId: channel,
      messageTs: ts,
      // The emoji above may be up to a few seconds old: the give checks it against the settings again.
      reaction: reaction.reaction,
    };
    try {
      await deps.queues.enqueue('kudos.give', { source: 'reaction', ...give });
      return;
    } catch (error) {
      deps.logger.warn({ job: 'kudos.give', err: error }, 'could not queue a kudos; giving it here');
    }
    const message = await giveFromReaction(deps, client, give);
    // Only the giver sees this; if Slack will not show it there, the kudos itself still stands.
    if (message) await client.chat.postEphemeral({ channel, user: reaction.user, ...message }).catch(() => {});
  };
  surface.event('reaction_added', handleReactionAdded);

  const handleReactionRemoved: EventHandler<'reaction_removed'> = async ({ event, context }) => {
    const reaction = event as unknown as ReactionEvent;
    const { channel, ts } = reaction.item;
    if (reaction.item.type !== 'message' || !channel || !ts) return;
    const workspaceId = workspaceOf(context);
    if (reaction.reaction !== (await deps.kudosEmoji.emojiOf(workspaceId))) return;
    const result = await revokeByRequestKey(deps.db, {
      workspaceId,
      requestKey: reactionRequestKey(channel, ts, reaction.user),
      by: reaction.user,
      now: deps.clock.now(),
    });
    if (result.ok) await enqueueKudosJob(deps, 'kudos.retract', { workspaceId, giftId: result.gift.id });
  };
  surface.event('reaction_removed', handleReactionRemoved);
}
