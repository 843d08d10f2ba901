import type { WebClient } from '@slack/web-api';
import {
  findMentorshipProgramme,
  findMentorshipProgrammeByChannel,
  type MentorshipProgrammeRow,
} from '../../domain/mentorship/find-programme.ts';
import { mentorshipProgrammeStatus } from '../../domain/mentorship/programme-status.ts';
import { startMentorshipProgramme } from '../../domain/mentorship/programmes.ts';
import { findWorkspace } from '../../domain/workspaces/find-workspace.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { parseChoiceValue } from '../pairing/pairing-controls.blocks.ts';
import { canManageProgramme } from '../pairing/pairing-permissions.ts';
import type { SlackMessage } from '../platform/block-kit.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, CommandHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import {
  chooseMentorshipProgrammeActionId,
  chooseMentorshipProgrammeMessage,
  mentorHelp,
  noProgrammeText,
  startedText,
  statusMessage,
} from './mentor-command.blocks.ts';
import { showMentorSuggestions } from './mentor-suggestions.ts';
import { notPlannerText, openPlanPreview } from './mentorship-plan.ts';
import { notManagerText, openMentorshipSettings } from './mentorship-settings.ts';
import { openSignupModal } from './mentorship-signup.ts';
import { mentorshipTargetOf } from './mentorship-target.ts';

interface CommandContext {
  workspaceId: string;
  userId: string;
  channelId: string;
  client: WebClient;
}

type Reply = string | SlackMessage;
type ProgrammeSubcommand = 'settings' | 'signup' | 'plan' | 'status' | 'find';
const programmeSubcommands: ProgrammeSubcommand[] = ['settings', 'signup', 'plan', 'status', 'find'];

function reply(answer: Reply) {
  return typeof answer === 'string'
    ? { response_type: 'ephemeral' as const, text: answer }
    : { response_type: 'ephemeral' as const, ...answer };
}

function subcommandOf(text: string): { word: string; sub: string } {
  const word = text.trim().split(/\s+/)[0] ?? '';
  return { word, sub: word.toLowerCase() };
}

function isProgrammeSubcommand(sub: string): sub is ProgrammeSubcommand {
  return (programmeSubcommands as string[]).includes(sub);
}

/** `/mentor start`: a channel's programme, started by an admin or the channel's creator, announced in the channel. */
async function start(deps: ListenerDeps, ctx: CommandContext): Promise<Reply> {
  if (!/^[CG]/.test(ctx.channelId))
    return 'A mentorship programme lives in a channel: run `/mentor start` in the channel people will join it from.';
  const existing = await findMentorshipProgrammeByChannel(deps.db, ctx.workspaceId, ctx.channelId);
  if (!(await canManageProgramme(deps, ctx, existing)))
    return 'Only Nudge admins or the channel’s creator can start a mentorship programme here.';
  const result = await startMentorshipProgramme(deps.db, {
    workspaceId: ctx.workspaceId,
    channelId: ctx.channelId,
    createdBy: ctx.userId,
    now: deps.clock.now(),
  });
  if (!result.ok)
    return 'refused' in result
      ? 'This channel already has a mentorship programme. `/mentor status` shows where it stands; `/mentor settings` changes it.'
      : 'The programme could not start with these settings.';
  await deps.queues.enqueue('mentorship.announce', { workspaceId: ctx.workspaceId, programmeId: result.programmeId });
  return startedText;
}

async function status(deps: ListenerDeps, ctx: CommandContext, programme: MentorshipProgrammeRow): Promise<Reply> {
  const [state, workspace] = await Promise.all([
    mentorshipProgrammeStatus(deps.db, { workspaceId: ctx.workspaceId, programmeId: programme.id, userId: ctx.userId }),
    findWorkspace(deps.db, ctx.workspaceId),
  ]);
  return statusMessage({
    programmeId: programme.id,
    channelId: programme.channel_id,
    status: state,
    matchingMode: programme.matching_mode,
    signupDeadline: programme.signup_deadline,
    timeZone: workspace?.time_zone ?? 'UTC',
  });
}

/** `/mentor find`: in a mentee choice programme, the person's suggestions; otherwise, how matching works there. */
async function find(deps: ListenerDeps, ctx: CommandContext, programme: MentorshipProgrammeRow): Promise<Reply> {
  if (programme.matching_mode === 'choice') {
    return await showMentorSuggestions(deps, {
      workspaceId: ctx.workspaceId,
      programmeId: programme.id,
      userId: ctx.userId,
    });
  }
  return `In <#${programme.channel_id}> an admin matches mentors and mentees for each cycle, so there is nobody to choose: \`/mentor signup\` says what you want to learn, and Nudge introduces you once you are matched.`;
}

/**
 * A subcommand on one programme, whatever conversation it came from. Null when a modal was opened instead of an
 * answer; `ackFirst` acknowledges before the modal opens, as Slack needs the ack within 3 seconds.
 */
async function answerForProgramme(
  deps: ListenerDeps,
  ctx: CommandContext,
  sub: ProgrammeSubcommand,
  programme: MentorshipProgrammeRow,
  modal: { triggerId: string; ackFirst: () => Promise<void> },
): Promise<Reply | null> {
  const manager = { ...ctx, channelId: programme.channel_id };
  const opening = { workspaceId: ctx.workspaceId, userId: ctx.userId, triggerId: modal.triggerId };
  switch (sub) {
    case 'settings':
      if (!(await canManageProgramme(deps, manager, programme))) return notManagerText;
      await modal.ackFirst();
      await openMentorshipSettings(deps, ctx.client, opening, programme);
      return null;
    case 'plan':
      if (!(await canManageProgramme(deps, manager, programme))) return notPlannerText;
      await modal.ackFirst();
      await openPlanPreview(deps, ctx.client, opening, programme);
      return null;
    case 'signup':
      await modal.ackFirst();
      await openSignupModal(deps, ctx.client, opening, programme);
      return null;
    case 'status':
      return await status(deps, ctx, programme);
    case 'find':
      return await find(deps, ctx, programme);
  }
}

/** Which programme a command outside any programme's channel is for, when the workspace has several. */
function registerMentorshipProgrammeChoice(surface: SlackSurface, deps: ListenerDeps): void {
  const handleMentorshipProgrammeChosen: ActionHandler = async ({ ack, action, body, client, context, respond }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const choice = parseChoiceValue(actionValue(action) ?? '');
    const programme = choice ? await findMentorshipProgramme(deps.db, workspaceId, choice.programmeId) : undefined;
    const { sub } = subcommandOf(choice?.commandText ?? '');
    const tell = async (answer: Reply) => {
      await respond({ ...reply(answer), replace_original: true }).catch(() => {});
    };
    if (!programme || !isProgrammeSubcommand(sub)) return await tell('That mentorship programme no longer exists.');
    const ctx = { workspaceId, userId: body.user.id, channelId: programme.channel_id, client };
    const triggerId = (body as { trigger_id?: string }).trigger_id ?? '';
    const answer = await answerForProgramme(deps, ctx, sub, programme, { triggerId, ackFirst: async () => {} });
    if (answer !== null) await tell(answer);
  };
  surface.action(chooseMentorshipProgrammeActionId, handleMentorshipProgrammeChosen);
}

/** `/mentor`: every answer is ephemeral; sign-up, settings and the plan open modals. */
export function registerMentorCommand(surface: SlackSurface, deps: ListenerDeps): void {
  const handleMentorCommand: CommandHandler = async ({ command, ack, client, context }) => {
    const ctx = { workspaceId: workspaceOf(context), userId: command.user_id, channelId: command.channel_id, client };
    const { word, sub } = subcommandOf(command.text);
    if (sub === '' || sub === 'help') return await ack(reply(mentorHelp()));
    if (sub === 'start') return await ack(reply(await start(deps, ctx)));
    if (!isProgrammeSubcommand(sub))
      return await ack(
        reply(mentorHelp(`I don’t know \`/mentor ${escapeMrkdwn(word.replace(/`/g, '').slice(0, 40))}\`.`)),
      );
    const target = await mentorshipTargetOf(deps, ctx);
    if (target.kind === 'none') return await ack(reply(noProgrammeText));
    if (target.kind === 'several') {
      const programmes = target.programmes.map((p) => ({ id: p.id, channelId: p.channel_id }));
      return await ack(reply(chooseMentorshipProgrammeMessage({ commandText: command.text, programmes })));
    }
    const answer = await answerForProgramme(deps, ctx, sub, target.programme, {
      triggerId: command.trigger_id,
      ackFirst: async () => await ack(),
    });
    if (answer !== null) await ack(reply(answer));
  };
  surface.command('/mentor', handleMentorCommand);

  registerMentorshipProgrammeChoice(surface, deps);
}
