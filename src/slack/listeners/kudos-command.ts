import type { WebClient } from '@slack/web-api';
import { findMember } from '../../db/queries/members.ts';
import { giveKudos } from '../../domain/kudos/give-kudos.ts';
import { kudosLeaderboard } from '../../domain/kudos/leaderboard.ts';
import { parseKudosCommand } from '../../domain/kudos/parse-kudos-command.ts';
import { undoLastKudos } from '../../domain/kudos/revoke-kudos.ts';
import { loadKudosSettings } from '../../domain/kudos/settings.ts';
import { workspaceOf } from '../context.ts';
import { ensureMembersKnown, expandUsergroups } from '../directory-refresh.ts';
import {
  kudosConfirmation,
  kudosInvalid,
  kudosRefusal,
  kudosUsage,
  leaderboardMessage,
  type SlackMessage,
} from '../kudos.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { SlackSurface } from '../surface.ts';
import { enqueueKudosJob } from './kudos-jobs.ts';

interface KudosCommandInput {
  workspaceId: string;
  userId: string;
  channelId: string;
  text: string;
  triggerId: string;
  client: WebClient;
}

/** `/kudos` in all its forms; every answer is an ephemeral message in the ack. */
export function registerKudosCommand(surface: SlackSurface, deps: ListenerDeps): void {
  surface.record('command', '/kudos');
  surface.app.command('/kudos', async ({ command, ack, context, client }) => {
    const message = await answerKudosCommand(deps, {
      workspaceId: workspaceOf(context),
      userId: command.user_id,
      channelId: command.channel_id,
      text: command.text,
      triggerId: command.trigger_id,
      client,
    });
    await ack({ response_type: 'ephemeral', ...message });
  });
}

async function answerKudosCommand(deps: ListenerDeps, input: KudosCommandInput): Promise<SlackMessage> {
  const parsed = parseKudosCommand(input.text);
  const now = deps.clock.now();
  switch (parsed.kind) {
    case 'help':
      return kudosUsage((await loadKudosSettings(deps.db, input.workspaceId)).values);
    case 'invalid':
      return kudosInvalid(parsed.error, parsed.hint);
    case 'top': {
      const entries = await kudosLeaderboard(deps.db, {
        workspaceId: input.workspaceId,
        board: parsed.board,
        period: parsed.period,
        now,
      });
      return leaderboardMessage({ board: parsed.board, period: parsed.period, entries });
    }
    case 'undo': {
      const result = await undoLastKudos(deps.db, { workspaceId: input.workspaceId, giverId: input.userId, now });
      if (!result.ok) {
        return kudosInvalid(
          'There is no kudos of yours from the last 5 minutes to take back.',
          'Kudos can be undone for 5 minutes after giving.',
        );
      }
      await enqueueKudosJob(deps, 'kudos.retract', { workspaceId: input.workspaceId, giftId: result.gift.id });
      const who = result.gift.recipientIds.map((id) => `<@${id}>`).join(', ');
      return kudosInvalid(
        `Done: your kudos to ${who} is withdrawn and no longer counts.`,
        'Your allowance has it back.',
      );
    }
    case 'give': {
      const groups = await expandUsergroups(input.client, parsed.usergroupIds);
      // A group you belong to still gets kudos; you are just not one of its recipients.
      const fromGroups = [...groups.values()].flat().filter((id) => id !== input.userId);
      const emptyGroup = parsed.usergroupIds.find((id) => (groups.get(id) ?? []).length === 0);
      if (emptyGroup && parsed.userIds.length === 0 && fromGroups.length === 0) {
        return kudosInvalid(
          `<!subteam^${emptyGroup}> has no members Nudge can see.`,
          'Mention the people directly instead.',
        );
      }
      const recipientIds = [...new Set([...parsed.userIds, ...fromGroups])];
      await ensureMembersKnown({ db: deps.db, client: input.client, workspaceId: input.workspaceId, now }, [
        input.userId,
        ...recipientIds,
      ]);
      const giverTimeZone = (await findMember(deps.db, input.workspaceId, input.userId))?.time_zone ?? 'UTC';
      const result = await giveKudos(deps.db, {
        workspaceId: input.workspaceId,
        giverId: input.userId,
        recipientIds,
        reason: parsed.reason,
        tags: parsed.tags,
        channelId: input.channelId,
        source: 'command',
        requestKey: `command:${input.triggerId}`,
        messageLink: null,
        now,
      });
      if (!result.ok) return kudosRefusal(result.refusal, giverTimeZone);
      if (!result.duplicate)
        await enqueueKudosJob(deps, 'kudos.announce', { workspaceId: input.workspaceId, giftId: result.giftId });
      return kudosConfirmation({ ...result, giverTimeZone });
    }
  }
}
