import type { JobQueues } from '../../../jobs/queues.ts';
import type { Db } from '../../db/database.ts';
import { giveKudos, type KudosRefusal } from '../../domain/kudos/give-kudos.ts';
import type { ParsedKudosGive } from '../../domain/kudos/parse-kudos-command.ts';
import type { Clock } from '../../observability/clock.ts';
import type { Logger } from '../../observability/logger.ts';
import { ensureMembersKnown, expandUsergroups, type SlackApiCaller } from '../directory/directory-refresh.ts';
import type { TeamScope } from '../platform/org-teams.ts';
import { kudosConfirmation, kudosInvalid, kudosRefusal, type SlackMessage } from './kudos.blocks.ts';
import { enqueueKudosJob } from './kudos-jobs.ts';
/**
 * The two ways a person gives kudos by a quick gesture, `/kudos @someone for …` and the kudos emoji, as one
 * give each and the answer to show the giver. Web listeners run these when the job queue is away; normally
 * the `kudos.give` job does, so Slack's request is acknowledged at once.
 */
export interface KudosGiveDeps {
  db: Db;
  queues: JobQueues;
  clock: Clock;
  logger: Logger;
}

export interface CommandGive {
  workspaceId: string;
  giverId: string;
  channelId: string;
  give: ParsedKudosGive;
  triggerId: string;
  /** The Slack workspace the command came from, on an org-wide install (user groups are per workspace). */
  teamScope?: TeamScope;
}

export async function giveFromCommand(
  deps: KudosGiveDeps,
  slack: SlackApiCaller,
  input: CommandGive,
): Promise<SlackMessage> {
  const { workspaceId, giverId, give } = input;
  const now = deps.clock.now();
  const groups = await expandUsergroups(slack, give.usergroupIds, input.teamScope);
  // A group you belong to still gets kudos; you are just not one of its recipients.
  const fromGroups = [...groups.values()].flat().filter((id) => id !== giverId);
  const emptyGroup = give.usergroupIds.find((id) => (groups.get(id) ?? []).length === 0);
  if (emptyGroup && give.userIds.length === 0 && fromGroups.length === 0) {
    return kudosInvalid(
      `<!subteam^${emptyGroup}> has no members Nudge can see.`,
      'Mention the people directly instead.',
    );
  }
  const recipientIds = [...new Set([...give.userIds, ...fromGroups])];
  const members = await ensureMembersKnown({ db: deps.db, client: slack, workspaceId, now }, [
    giverId,
    ...recipientIds,
  ]);
  const giverTimeZone = members.get(giverId)?.time_zone ?? 'UTC';
  const result = await giveKudos(deps.db, {
    workspaceId,
    giverId,
    recipientIds,
    reason: give.reason,
    tags: give.tags,
    channelId: input.channelId,
    source: 'command',
    requestKey: `command:${input.triggerId}`,
    messageLink: null,
    members,
    now,
  });
  if (!result.ok) return kudosRefusal(result.refusal, giverTimeZone);
  if (!result.duplicate) await enqueueKudosJob(deps, 'kudos.announce', { workspaceId, giftId: result.giftId });
  return kudosConfirmation({ ...result, giverTimeZone });
}

export interface ReactionGive {
  workspaceId: string;
  giverId: string;
  /** The author of the message reacted to. */
  recipientId: string;
  channelId: string;
  messageTs: string;
  /** The emoji used; absent in jobs queued before it was recorded. */
  reaction?: string;
}

/** One kudos per giver per message: reacting twice, or Slack re-sending the event, changes nothing. */
export const reactionRequestKey = (channel: string, ts: string, giverId: string) =>
  `reaction:${channel}:${ts}:${giverId}`;

/** Reactions are casual: clapping your own or a bot's message, or an emoji that just stopped being the kudos one. */
const quietReactionRefusals: ReadonlySet<KudosRefusal['kind']> = new Set(['self', 'bot', 'not_kudos_emoji']);

/**
 * A kudos-emoji reaction thanks the message's author. Returns what to tell the giver, or null when there is
 * nothing to say: the quiet refusals above, and a repeat.
 */
export async function giveFromReaction(
  deps: KudosGiveDeps,
  slack: SlackApiCaller,
  input: ReactionGive,
): Promise<SlackMessage | null> {
  const { workspaceId, giverId, channelId, messageTs } = input;
  const now = deps.clock.now();
  const link = await slack
    .apiCall('chat.getPermalink', { channel: channelId, message_ts: messageTs })
    .then((r) => (r as { permalink?: string }).permalink ?? null)
    .catch(() => null);
  const members = await ensureMembersKnown({ db: deps.db, client: slack, workspaceId, now }, [
    giverId,
    input.recipientId,
  ]);
  const result = await giveKudos(deps.db, {
    workspaceId,
    giverId,
    recipientIds: [input.recipientId],
    reason: link ? `for <${link}|this message>` : 'for this message',
    tags: [],
    channelId,
    source: 'reaction',
    requestKey: reactionRequestKey(channelId, messageTs, giverId),
    ...(input.reaction !== undefined ? { reaction: input.reaction } : {}),
    messageLink: link,
    sourceTs: messageTs,
    members,
    now,
  });
  if (!result.ok && quietReactionRefusals.has(result.refusal.kind)) return null;
  if (result.ok && result.duplicate) return null;
  const giverTimeZone = members.get(giverId)?.time_zone ?? 'UTC';
  if (result.ok) await enqueueKudosJob(deps, 'kudos.announce', { workspaceId, giftId: result.giftId });
  return result.ok ? kudosConfirmation({ ...result, giverTimeZone }) : kudosRefusal(result.refusal, giverTimeZone);
}
