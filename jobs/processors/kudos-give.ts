import { parseKudosCommand } from '../../src/domain/kudos/parse-kudos-command.ts';
import type { SlackApiCaller } from '../../src/slack/directory/directory-refresh.ts';
import { kudosInvalid, kudosUsage } from '../../src/slack/kudos/kudos.blocks.ts';
import { giveFromCommand, giveFromReaction } from '../../src/slack/kudos/kudos-gives.ts';
import { type SlackMessage, section } from '../../src/slack/platform/block-kit.ts';
import { tryAgainText } from '../../src/slack/platform/error-replies.ts';
import { postToResponseUrl } from '../../src/slack/platform/response-url.ts';
import { SlackRateLimitedError, WorkspaceInactiveError } from '../../src/slack/platform/send-errors.ts';
import type { JobData } from '../contracts.ts';
import type { Processor, ProcessorDeps } from '../processor.ts';

type GiveJob = JobData<'kudos.give'>;

/**
 * A kudos someone just gave (`/kudos …` or the kudos emoji), acknowledged to Slack before this ran. Records the
 * give under every rule and answers the giver: through the command's response_url, or an ephemeral beside the
 * message reacted to. The give is keyed by the request, so a retried job answers again but never gives twice.
 */
export const processKudosGive: Processor<'kudos.give'> = async (data, { deps, finalAttempt }) => {
  let answer: SlackMessage | null;
  try {
    answer = await give(deps, data);
  } catch (error) {
    // Slack's pacing and an uninstalled workspace are handled by the worker; anything else is retried, and on
    // the last attempt the giver hears that nothing was recorded rather than nothing at all.
    if (!finalAttempt || error instanceof SlackRateLimitedError || error instanceof WorkspaceInactiveError) throw error;
    deps.logger.warn({ job: 'kudos.give', err: error }, 'kudos could not be recorded; the giver is told');
    answer = { text: tryAgainText, blocks: [section(tryAgainText)] };
  }
  if (!answer) return { answered: false };
  if (data.source === 'command') {
    await postToResponseUrl(deps.secrets.open(data.sealedResponseUrl), { response_type: 'ephemeral', ...answer });
  } else {
    // Only the giver sees this; if Slack will not show it there, the kudos itself still stands.
    await deps.sender
      .call(data.workspaceId, 'chat.postEphemeral', { channel: data.channelId, user: data.giverId, ...answer })
      .catch(() => {});
  }
  return { answered: true };
};

async function give(deps: ProcessorDeps, data: GiveJob): Promise<SlackMessage | null> {
  const slack: SlackApiCaller = { apiCall: (method, args) => deps.sender.call(data.workspaceId, method, args) };
  if (data.source === 'reaction') return await giveFromReaction(deps, slack, data);
  const parsed = parseKudosCommand(data.text);
  // The web listener queues only gives; anything else would be a job written by hand.
  if (parsed.kind !== 'give')
    return parsed.kind === 'invalid' ? kudosInvalid(parsed.error, parsed.hint) : kudosUsage([]);
  return await giveFromCommand(deps, slack, {
    workspaceId: data.workspaceId,
    giverId: data.giverId,
    channelId: data.channelId,
    give: parsed,
    triggerId: data.triggerId,
    teamScope: data.teamId ? { team_id: data.teamId } : {},
  });
}
