import { findMember } from '../../db/queries/members.ts';
import { giveKudos } from '../../domain/kudos/give-kudos.ts';
import { revokeByRequestKey } from '../../domain/kudos/revoke-kudos.ts';
import { loadKudosSettings } from '../../domain/kudos/settings.ts';
import { workspaceOf } from '../context.ts';
import { ensureMembersKnown } from '../directory-refresh.ts';
import { kudosConfirmation, kudosRefusal } from '../kudos.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { SlackSurface } from '../surface.ts';
import { enqueueKudosJob } from './kudos-jobs.ts';

interface ReactionEvent {
  user: string;
  reaction: string;
  item_user?: string;
  item: { type: string; channel?: string; ts?: string };
}

/** One kudos per giver per message: reacting twice, or Slack re-sending the event, changes nothing. */
const reactionKey = (channel: string, ts: string, giverId: string) => `reaction:${channel}:${ts}:${giverId}`;

/**
 * Reacting with the workspace's kudos emoji thanks the message's author, with the usual rules and allowance;
 * removing the reaction within five minutes takes it back. Clapping your own or a bot's message is ignored
 * quietly; any other refusal is explained to the giver alone.
 */
export function registerKudosReactions(surface: SlackSurface, deps: ListenerDeps): void {
  surface.record('event', 'reaction_added');
  surface.app.event('reaction_added', async ({ event, context, client }) => {
    const reaction = event as unknown as ReactionEvent;
    const { channel, ts } = reaction.item;
    if (reaction.item.type !== 'message' || !channel || !ts || !reaction.item_user) return;
    const workspaceId = workspaceOf(context);
    const settings = await loadKudosSettings(deps.db, workspaceId);
    if (reaction.reaction !== settings.emoji) return;
    const now = deps.clock.now();
    const link = await client.chat
      .getPermalink({ channel, message_ts: ts })
      .then((r) => (r as { permalink?: string }).permalink ?? null)
      .catch(() => null);
    await ensureMembersKnown({ db: deps.db, client, workspaceId, now }, [reaction.user, reaction.item_user]);
    const result = await giveKudos(deps.db, {
      workspaceId,
      giverId: reaction.user,
      recipientIds: [reaction.item_user],
      reason: link ? `for <${link}|this message>` : 'for this message',
      tags: [],
      channelId: channel,
      source: 'reaction',
      requestKey: reactionKey(channel, ts, reaction.user),
      messageLink: link,
      sourceTs: ts,
      now,
    });
    if (!result.ok && (result.refusal.kind === 'self' || result.refusal.kind === 'bot')) return;
    if (result.ok && result.duplicate) return;
    const giverTimeZone = (await findMember(deps.db, workspaceId, reaction.user))?.time_zone ?? 'UTC';
    if (result.ok) await enqueueKudosJob(deps, 'kudos.announce', { workspaceId, giftId: result.giftId });
    const message = result.ok
      ? kudosConfirmation({ ...result, giverTimeZone })
      : kudosRefusal(result.refusal, giverTimeZone);
    // Only the giver sees this; if Slack will not show it there, the kudos itself still stands.
    await client.chat.postEphemeral({ channel, user: reaction.user, ...message }).catch(() => {});
  });

  surface.record('event', 'reaction_removed');
  surface.app.event('reaction_removed', async ({ event, context }) => {
    const reaction = event as unknown as ReactionEvent;
    const { channel, ts } = reaction.item;
    if (reaction.item.type !== 'message' || !channel || !ts) return;
    const workspaceId = workspaceOf(context);
    const settings = await loadKudosSettings(deps.db, workspaceId);
    if (reaction.reaction !== settings.emoji) return;
    const result = await revokeByRequestKey(deps.db, {
      workspaceId,
      requestKey: reactionKey(channel, ts, reaction.user),
      by: reaction.user,
      now: deps.clock.now(),
    });
    if (result.ok) await enqueueKudosJob(deps, 'kudos.retract', { workspaceId, giftId: result.gift.id });
  });
}
