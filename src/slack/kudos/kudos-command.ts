import type { WebClient } from '@slack/web-api';
import { crossTeamBoardLacksTeams, kudosLeaderboard } from '../../domain/kudos/leaderboard.ts';
import { type KudosCommand, parseKudosCommand } from '../../domain/kudos/parse-kudos-command.ts';
import { undoLastKudos } from '../../domain/kudos/revoke-kudos.ts';
import { loadKudosSettings } from '../../domain/kudos/settings.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import { type TeamScope, teamScopeOf } from '../platform/org-teams.ts';
import type { CommandHandler, SlackSurface } from '../platform/surface.ts';
import { kudosInvalid, kudosUndone, kudosUsage, leaderboardMessage, type SlackMessage } from './kudos.blocks.ts';
import { giveFromCommand } from './kudos-gives.ts';
import { enqueueKudosJob } from './kudos-jobs.ts';

interface KudosCommandInput {
  workspaceId: string;
  userId: string;
  channelId: string;
  text: string;
  triggerId: string;
  teamScope: TeamScope;
  client: WebClient;
}

/**
 * `/kudos` in all its forms. A give is queued (the `kudos.give` job records it and answers through the
 * response_url), so Slack hears back at once whatever the load; if the queue cannot take it, the give runs
 * here and the answer is the ack. Everything else is answered in the ack.
 */
export function registerKudosCommand(surface: SlackSurface, deps: ListenerDeps): void {
  const handleKudosCommand: CommandHandler = async ({ command, ack, context, client }) => {
    const input: KudosCommandInput = {
      workspaceId: workspaceOf(context),
      userId: command.user_id,
      channelId: command.channel_id,
      text: command.text,
      triggerId: command.trigger_id,
      teamScope: teamScopeOf(context),
      client,
    };
    const parsed = parseKudosCommand(input.text);
    if (parsed.kind === 'give' && (await queuedGive(deps, input, command.response_url))) {
      await ack();
      return;
    }
    const message = await answerKudosCommand(deps, input, parsed);
    await ack({ response_type: 'ephemeral', ...message });
  };
  surface.command('/kudos', handleKudosCommand);
}

/** Queues the give; false when the queue is away (Redis down), so the caller gives right here instead. */
async function queuedGive(deps: ListenerDeps, input: KudosCommandInput, responseUrl: string): Promise<boolean> {
  try {
    await deps.queues.enqueue('kudos.give', {
      source: 'command',
      workspaceId: input.workspaceId,
      giverId: input.userId,
      channelId: input.channelId,
      text: input.text,
      triggerId: input.triggerId,
      ...(input.teamScope.team_id ? { teamId: input.teamScope.team_id } : {}),
      sealedResponseUrl: deps.secrets.seal(responseUrl),
    });
    return true;
  } catch (error) {
    deps.logger.warn({ job: 'kudos.give', err: error }, 'could not queue a kudos; giving it in the request');
    return false;
  }
}

async function answerKudosCommand(
  deps: ListenerDeps,
  input: KudosCommandInput,
  parsed: KudosCommand,
): Promise<SlackMessage> {
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
      const noTeamData =
        parsed.board === 'cross-team' &&
        entries.length === 0 &&
        (await crossTeamBoardLacksTeams(deps.db, { workspaceId: input.workspaceId, period: parsed.period, now }));
      return leaderboardMessage({ board: parsed.board, period: parsed.period, entries, noTeamData });
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
      return kudosUndone(result.gift.recipientIds);
    }
    case 'give':
      return await giveFromCommand(deps, input.client, {
        workspaceId: input.workspaceId,
        giverId: input.userId,
        channelId: input.channelId,
        give: parsed,
        triggerId: input.triggerId,
        teamScope: input.teamScope,
      });
  }
}
