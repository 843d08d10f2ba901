import type { WebClient } from '@slack/web-api';
import { findCelebration } from '../../domain/celebrations/posting.ts';
import { type CelebrationRefusal, recordCelebration } from '../../domain/celebrations/shipped.ts';
import { isHttpUrl, maxTitleLength } from '../../domain/celebrations/webhook-payloads.ts';
import { revealWebhookSecret } from '../../domain/celebrations/webhook-secret.ts';
import { agree } from '../../domain/text/english.ts';
import { ensureMembersKnown } from '../directory/directory-refresh.ts';
import { memberNames } from '../directory/member-names.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import type { SlackMessage } from '../kudos/kudos.blocks.ts';
import { openKudosModal } from '../kudos/kudos-modal.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, CommandHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import {
  actionValue,
  hasControlCharacters,
  inputConversation,
  inputText,
  inputUsers,
  viewValues,
} from '../platform/view-state.ts';
import { isAdmin, notAdminText } from '../settings/settings.ts';
import { openCelebrationSettings, openDatesModal, openImport } from './celebration-dates.ts';
import {
  celebrateNotice,
  celebrateUsage,
  celebrationKudosActionPattern,
  parseCelebrationKudosValue,
  webhookSecretMessage,
} from './celebrations.blocks.ts';
import {
  celebrationModal,
  celebrationModalBlocks,
  celebrationModalCallbackId,
  doneView,
} from './celebrations-modal.blocks.ts';

const B = celebrationModalBlocks;

function refusalError(refusal: CelebrationRefusal, names: Map<string, string>): Record<string, string> {
  switch (refusal.kind) {
    case 'invalid': {
      const block = { title: B.title, url: B.url, channel: B.channel, contributors: B.contributors }[refusal.field];
      return { [block.block]: refusal.reason };
    }
    case 'contributors': {
      // Modal errors are plain text: names, not mentions.
      const who = refusal.userIds.map((id) => names.get(id) ?? 'Someone').join(', ');
      const n = refusal.userIds.length;
      const why = {
        not_member: `${agree(n, "isn't a member", "aren't members")} of this workspace`,
        bot: agree(n, 'is a bot', 'are bots'),
        deactivated: `${agree(n, 'has', 'have')} left the workspace`,
      }[refusal.problem];
      return { [B.contributors.block]: `${who} ${why}; celebrations name people.` };
    }
    case 'replayed':
    case 'workspace_inactive':
      return { [B.title.block]: 'Nudge is not active in this workspace any more.' };
  }
}

/** What Slack says about the channel, as an inline error for the modal; undefined when Nudge can post there. */
async function channelProblem(client: WebClient, channel: string): Promise<string | undefined> {
  try {
    const info = (await client.conversations.info({ channel })) as {
      channel?: { is_archived?: boolean; is_im?: boolean; is_mpim?: boolean };
    };
    if (info.channel?.is_im || info.channel?.is_mpim) return 'Choose a channel, not a direct message.';
    if (info.channel?.is_archived) return 'That channel is archived.';
    return undefined;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found')
      return "Nudge can't see that channel. For a private channel, invite @Nudge first.";
    return "Slack didn't confirm the channel just now; please try again.";
  }
}

async function answerCommand(
  deps: ListenerDeps,
  input: { workspaceId: string; userId: string; channelId: string; text: string; triggerId: string; client: WebClient },
): Promise<SlackMessage | 'opened'> {
  const [sub = '', arg, ...rest] = input.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const admin = () => isAdmin(deps, input.client, input.workspaceId, input.userId);
  switch (sub) {
    case '': {
      const channelId = /^[CG]/.test(input.channelId) ? input.channelId : null;
      await input.client.views.open({ trigger_id: input.triggerId, view: celebrationModal({ channelId }) });
      return 'opened';
    }
    case 'help':
      return celebrateUsage();
    case 'dates':
      await openDatesModal(deps, input.client, input);
      return 'opened';
    case 'settings':
      if (!(await admin())) return celebrateNotice(notAdminText);
      await openCelebrationSettings(deps, input.client, input.workspaceId, input.triggerId);
      return 'opened';
    case 'import':
      if (!(await admin())) return celebrateNotice(notAdminText);
      await openImport(input.client, input.triggerId);
      return 'opened';
    case 'secret': {
      if ((arg !== undefined && arg !== 'rotate') || rest.length > 0) {
        return celebrateUsage(`\`/celebrate secret\` takes nothing or \`rotate\`.`);
      }
      const result = await revealWebhookSecret(deps.db, deps.secrets, {
        workspaceId: input.workspaceId,
        actorId: input.userId,
        rotate: arg === 'rotate',
        now: deps.clock.now(),
      });
      if (!result.ok) return celebrateNotice(notAdminText);
      deps.logger.info({ workspaceId: input.workspaceId, created: result.created }, 'celebration webhook secret shown');
      return webhookSecretMessage({ workspaceId: input.workspaceId, ...result });
    }
    default:
      return celebrateUsage(`I don't know \`/celebrate ${escapeMrkdwn(sub.slice(0, 40))}\`.`);
  }
}

/** `/celebrate` (the shipped-project modal and its subcommands), the modal's submission, and the kudos buttons. */
export function registerCelebrateCommand(surface: SlackSurface, deps: ListenerDeps): void {
  const handleCelebrateCommand: CommandHandler = async ({ command, ack, client, context }) => {
    const input = {
      workspaceId: workspaceOf(context),
      userId: command.user_id,
      channelId: command.channel_id,
      text: command.text,
      triggerId: command.trigger_id,
      client,
    };
    // Opening a modal and answering the command both have to happen within 3 seconds; views.open goes first.
    const answer = await answerCommand(deps, input);
    if (answer === 'opened') await ack();
    else await ack({ response_type: 'ephemeral', ...answer });
  };
  surface.command('/celebrate', handleCelebrateCommand);

  const handleCelebrationSubmitted: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    const values = viewValues(view);
    const title = inputText(values, B.title).trim();
    const url = inputText(values, B.url).trim() || null;
    const contributorIds = inputUsers(values, B.contributors);
    const channelId = inputConversation(values, B.channel);
    const errors: Record<string, string> = {};
    if (title.length === 0 || title.length > maxTitleLength || hasControlCharacters(title)) {
      errors[B.title.block] = `Say what shipped in 1 to ${maxTitleLength} characters.`;
    }
    if (url !== null && !isHttpUrl(url)) errors[B.url.block] = 'Use a link that starts with https://';
    if (contributorIds.length === 0) errors[B.contributors.block] = 'Choose at least one person who made it.';
    if (!channelId) errors[B.channel.block] = 'Choose a channel to post in.';
    else if (Object.keys(errors).length === 0) {
      // Only a form that is otherwise right costs a Slack call.
      const problem = await channelProblem(client, channelId);
      if (problem) errors[B.channel.block] = problem;
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const now = deps.clock.now();
    await ensureMembersKnown({ db: deps.db, client, workspaceId, now }, [body.user.id, ...contributorIds]);
    const result = await recordCelebration(deps.db, {
      workspaceId,
      title,
      url,
      channelId: channelId as string,
      contributorIds,
      createdBy: body.user.id,
      source: 'modal',
      // A resubmitted modal (double click, Slack retry) has the same view id and records once.
      requestKey: `view:${view.id}`,
      now,
    });
    if (!result.ok) {
      const names = await memberNames(deps.db, workspaceId, contributorIds);
      await ack({ response_action: 'errors', errors: refusalError(result.refusal, names) });
      return;
    }
    await ack({
      response_action: 'update',
      view: doneView('Celebrating!', `:tada: Posting your celebration in <#${channelId}> now.`),
    });
    if (result.duplicate) return;
    try {
      await deps.queues.enqueue('celebrations.post', { workspaceId, celebrationId: result.celebrationId });
    } catch (error) {
      // Recorded already: the celebrations tick re-enqueues anything not posted.
      deps.logger.warn({ workspaceId, celebrationId: result.celebrationId, err: error }, 'could not enqueue');
    }
  };
  surface.view(celebrationModalCallbackId, handleCelebrationSubmitted);

  const handleCelebrationKudos: ActionHandler = async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const parsed = parseCelebrationKudosValue(actionValue(action));
    const celebration = parsed ? await findCelebration(deps.db, workspaceId, parsed.celebrationId) : undefined;
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (!parsed || !celebration?.contributor_ids.includes(parsed.userId) || !triggerId) {
      const notice = celebrateNotice('That celebration is no longer here, so there is nobody to thank from it.');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: notice.text,
        blocks: notice.blocks as never,
      });
      return;
    }
    // The giver says it in their own words: the modal starts from a suggestion and gives through the usual rules.
    await openKudosModal(deps, client, {
      workspaceId,
      triggerId,
      context: {
        channelId: celebration.post_channel_id ?? celebration.channel_id,
        messageLink: null,
        sourceTs: celebration.post_ts,
        fromButton: true,
      },
      initialUsers: [parsed.userId],
      initialReason: `for shipping “${celebration.title}”`,
    });
  };
  surface.action({ pattern: celebrationKudosActionPattern, example: 'celebration_kudos' }, handleCelebrationKudos);
}
