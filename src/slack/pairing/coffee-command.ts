import type { WebClient } from '@slack/web-api';
import { findMember } from '../../domain/directory/find-members.ts';
import {
  findProgramme,
  findProgrammeByChannel,
  findProgrammeMember,
  type Programme,
} from '../../domain/pairing/find-programme.ts';
import { blockPartner, pauseMember, resumeMember, unblockPartner } from '../../domain/pairing/member-controls.ts';
import { type CoffeeCommand, parseCoffeeCommand } from '../../domain/pairing/parse-coffee-command.ts';
import { createProgramme } from '../../domain/pairing/programmes.ts';
import { addDaysToDate, localDate } from '../../domain/pairing/round-calendar.ts';
import { currentGroupOf, roundOutlook } from '../../domain/pairing/round-outlook.ts';
import { findWorkspace } from '../../domain/workspaces/find-workspace.ts';
import type { SlackMessage } from '../kudos/kudos.blocks.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, CommandHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import { isAdmin } from '../settings/settings.ts';
import { registerIntroControls } from './intro-controls.ts';
import { skipMeaning } from './pairing.blocks.ts';
import {
  chooseProgrammeActionId,
  chooseProgrammeMessage,
  notInAnyProgrammeText,
  parseChoiceValue,
} from './pairing-controls.blocks.ts';
import { nextRoundLine, todaysRoundLine } from './pairing-outlook.blocks.ts';
import { canManageProgramme } from './pairing-permissions.ts';
import { leaveAnswers, leaveWithRescue, skipAnswers, skipWithRescue } from './pairing-skip.ts';
import { pairingTargetOf } from './pairing-target.ts';
import { notTeamAdminText } from './pairing-teams.blocks.ts';
import { teamsHub } from './pairing-teams.ts';
import { programmeSettingsModal } from './programme-settings.blocks.ts';
import { registerProgrammeSettings } from './programme-settings.ts';
import { programmeStartedMessage } from './programme-start.blocks.ts';
import { fetchProfileFields, fetchTeamSourceOptions } from './team-source-options.ts';

const usage = [
  '*Coffee pairings* — in the programme’s channel, your pairing’s group DM or your DM with Nudge:',
  '`/coffee status` — your next round (in your time) and your current group',
  '`/coffee pause [until YYYY-MM-DD]` · `/coffee resume` · `/coffee leave`',
  `\`/coffee skip\` ${skipMeaning}`,
  '`/coffee block @someone` · `/coffee unblock @someone` — confidential; they are never told',
  'Admins: `/coffee start coffee|cross-team|lottery @host` in a channel, `/coffee settings`, `/coffee run` to pair now,',
  '`/coffee teams` — people’s teams and departments (CSV import, one person at a time)',
].join('\n');

interface CommandContext {
  workspaceId: string;
  userId: string;
  channelId: string;
  client: WebClient;
}

function reply(answer: string | SlackMessage) {
  return typeof answer === 'string'
    ? { response_type: 'ephemeral' as const, text: answer }
    : { response_type: 'ephemeral' as const, ...answer };
}

async function personZone(deps: ListenerDeps, ctx: CommandContext): Promise<{ zone: string; workspaceZone: string }> {
  const [member, workspace] = await Promise.all([
    findMember(deps.db, ctx.workspaceId, ctx.userId),
    findWorkspace(deps.db, ctx.workspaceId),
  ]);
  const workspaceZone = workspace?.time_zone ?? 'UTC';
  return { zone: member?.time_zone || workspaceZone, workspaceZone };
}

async function status(deps: ListenerDeps, ctx: CommandContext, programme: Programme): Promise<string> {
  const [{ zone, workspaceZone }, state, group] = await Promise.all([
    personZone(deps, ctx),
    findProgrammeMember(deps.db, ctx.workspaceId, programme.id, ctx.userId),
    currentGroupOf(deps.db, { workspaceId: ctx.workspaceId, programmeId: programme.id, userId: ctx.userId }),
  ]);
  const outlook = await roundOutlook(deps.db, {
    workspaceId: ctx.workspaceId,
    programme,
    timeZone: workspaceZone,
    now: deps.clock.now(),
  });
  const lines = [nextRoundLine({ next: outlook.next, sendHour: programme.send_hour, zone })];
  if (state?.status === 'paused')
    lines.push(
      `You are paused${state.paused_until ? ` until ${state.paused_until}` : ''}: \`/coffee resume\` to come back.`,
    );
  if (state?.status === 'left') lines.push('You left this programme: `/coffee resume` to rejoin.');
  if (state?.skip_next) lines.push('You are sitting out the next round.');
  const others = group?.members.filter((m) => m !== ctx.userId && !group.dropped.includes(m)) ?? [];
  // Someone whose partner skipped out, with nobody free to replace them, has no group left to show.
  if (others.length > 0 && state?.status !== 'left')
    lines.push(`Your current group: ${others.map((m) => `<@${m}>`).join(', ')}.`);
  return lines.join('\n');
}

/**
 * `/coffee run`: pairs now, unless today's round was already made (a round runs once a day), in which case it says
 * when that round ran, how many groups it made, and when the next one is.
 */
async function runNow(deps: ListenerDeps, ctx: CommandContext, programme: Programme): Promise<string> {
  if (programme.status !== 'active')
    return 'This programme is paused, so no round runs: an admin can resume it in `/coffee settings`.';
  const now = deps.clock.now();
  const { zone, workspaceZone } = await personZone(deps, ctx);
  const outlook = await roundOutlook(deps.db, {
    workspaceId: ctx.workspaceId,
    programme,
    timeZone: workspaceZone,
    now,
  });
  if (outlook.today)
    return `${todaysRoundLine({ round: outlook.today, now, zone })}\n${nextRoundLine({ next: outlook.next, sendHour: programme.send_hour, zone })}`;
  const roundDate = localDate(now, workspaceZone);
  await deps.queues.enqueue('pairing.round', {
    workspaceId: ctx.workspaceId,
    programmeId: programme.id,
    roundDate,
    deliverNow: true,
  });
  return `Pairing now: today’s round (${roundDate}) is being matched and the intros will follow. A round runs once per day.`;
}

type Reply = string | SlackMessage;

type ProgrammeCommand = Extract<
  CoffeeCommand,
  { kind: 'settings' | 'run' | 'pause' | 'resume' | 'skip' | 'leave' | 'status' }
>;
const programmeCommands = new Set<CoffeeCommand['kind']>([
  'settings',
  'run',
  'pause',
  'resume',
  'skip',
  'leave',
  'status',
]);

function actsOnProgramme(command: CoffeeCommand): command is ProgrammeCommand {
  return programmeCommands.has(command.kind);
}

/** Commands that need no programme: help, starting one, and the workspace-wide blocks. */
async function answerAnywhere(deps: ListenerDeps, ctx: CommandContext, command: CoffeeCommand): Promise<Reply> {
  const now = deps.clock.now();
  switch (command.kind) {
    case 'help':
      return usage;
    case 'invalid':
      return `${command.error}\n${usage}`;
    case 'teams':
      // Reached only when the teams modal was not opened for this person (see registerCoffeeCommand).
      return notTeamAdminText;
    case 'start': {
      const programme = await findProgrammeByChannel(deps.db, ctx.workspaceId, ctx.channelId);
      if (!(await canManageProgramme(deps, ctx, programme)))
        return 'Only Nudge admins or the channel’s creator can start a programme here.';
      const result = await createProgramme(deps.db, {
        workspaceId: ctx.workspaceId,
        channelId: ctx.channelId,
        kind: command.programme,
        hostUserId: command.hostUserId,
        createdBy: ctx.userId,
        profileFields: command.programme === 'cross-team' ? await fetchProfileFields(ctx.client) : null,
        now,
      });
      if (!result.ok)
        return result.refusal === 'exists'
          ? 'This channel already has a programme. `/coffee status` shows what is next.'
          : 'An exec lottery needs its host: `/coffee start lottery @host`.';
      await deps.queues.enqueue('schedules.reconcile', {});
      await deps.queues.enqueue('pairing.welcome', { workspaceId: ctx.workspaceId, programmeId: result.programme.id });
      return programmeStartedMessage({ kind: command.programme, ...(result.teams ? { teams: result.teams } : {}) });
    }
    case 'block':
      if (command.userId === ctx.userId) return 'You cannot block yourself.';
      await blockPartner(deps.db, {
        workspaceId: ctx.workspaceId,
        userId: ctx.userId,
        blockedUserId: command.userId,
        now,
      });
      return `Done. Nudge will never pair you with <@${command.userId}>; they are not told.`;
    case 'unblock':
      return (await unblockPartner(deps.db, {
        workspaceId: ctx.workspaceId,
        userId: ctx.userId,
        blockedUserId: command.userId,
      }))
        ? `Done. <@${command.userId}> can be paired with you again.`
        : `You had not blocked <@${command.userId}>.`;
    default:
      return usage;
  }
}

/**
 * A command on one programme. `ctx.channelId` is the programme's channel, whatever conversation the command came
 * from, so permissions are those of the programme. Null when a modal was opened instead of an answer.
 */
async function answerForProgramme(
  deps: ListenerDeps,
  ctx: CommandContext,
  command: ProgrammeCommand,
  programme: Programme,
  modal: { triggerId: string; ackFirst: () => Promise<void> },
): Promise<Reply | null> {
  const now = deps.clock.now();
  const key = { workspaceId: ctx.workspaceId, programmeId: programme.id, userId: ctx.userId, now };
  switch (command.kind) {
    case 'settings': {
      if (!(await canManageProgramme(deps, ctx, programme)))
        return 'Only Nudge admins or the channel’s creator can change this programme’s settings.';
      await modal.ackFirst();
      const choices = await fetchTeamSourceOptions(ctx.client);
      await ctx.client.views.open({ trigger_id: modal.triggerId, view: programmeSettingsModal(programme, choices) });
      return null;
    }
    case 'run':
      if (!(await canManageProgramme(deps, ctx, programme)))
        return 'Only Nudge admins or the programme’s creator can run a round.';
      return await runNow(deps, ctx, programme);
    case 'pause': {
      if (command.until === null) {
        await pauseMember(deps.db, { ...key, until: null });
        return 'Paused until you `/coffee resume`.';
      }
      const today = localDate(now, (await personZone(deps, ctx)).zone);
      const paused = await pauseMember(deps.db, { ...key, until: command.until, today });
      return paused.ok
        ? `Paused until ${command.until}. Enjoy the break!`
        : `${command.until} has already passed, so nothing changed. Pause until today or a later date (\`/coffee pause until ${addDaysToDate(today, 7)}\`), or just \`/coffee pause\`.`;
    }
    case 'resume':
      await resumeMember(deps.db, key);
      return 'Welcome back: you are in the next round.';
    case 'skip':
      return skipAnswers[await skipWithRescue(deps, key)];
    case 'leave':
      return `You have left this programme${leaveAnswers[await leaveWithRescue(deps, key)]} \`/coffee resume\` rejoins; leaving the channel works too.`;
    case 'status':
      return await status(deps, ctx, programme);
  }
}

/** Which programme a command outside any programme is for: one ephemeral button per programme the person is in. */
function registerProgrammeChoice(surface: SlackSurface, deps: ListenerDeps): void {
  const handleProgrammeChosen: ActionHandler = async ({ ack, action, body, client, context, respond }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const choice = parseChoiceValue(actionValue(action) ?? '');
    const programme = choice ? await findProgramme(deps.db, workspaceId, choice.programmeId) : undefined;
    const command = choice ? parseCoffeeCommand(choice.commandText) : undefined;
    const tell = async (answer: Reply) => {
      await respond({ ...reply(answer), replace_original: true }).catch(() => {});
    };
    if (!programme || !command || !actsOnProgramme(command)) return await tell('That programme no longer exists.');
    const ctx = { workspaceId, userId: body.user.id, channelId: programme.channel_id, client };
    const triggerId = (body as { trigger_id?: string }).trigger_id ?? '';
    const answer = await answerForProgramme(deps, ctx, command, programme, { triggerId, ackFirst: async () => {} });
    if (answer !== null) await tell(answer);
  };
  surface.action(chooseProgrammeActionId, handleProgrammeChosen);
}

/** `/coffee`: every answer is ephemeral, so pausing or blocking is never seen by anyone else. */
export function registerCoffeeCommand(surface: SlackSurface, deps: ListenerDeps): void {
  const handleCoffeeCommand: CommandHandler = async ({ command, ack, client, context }) => {
    const ctx = { workspaceId: workspaceOf(context), userId: command.user_id, channelId: command.channel_id, client };
    const parsed = parseCoffeeCommand(command.text);
    if (parsed.kind === 'teams' && (await isAdmin(deps, client, ctx.workspaceId, ctx.userId))) {
      const view = await teamsHub(deps, ctx.workspaceId);
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view });
      return;
    }
    if (!actsOnProgramme(parsed)) return await ack(reply(await answerAnywhere(deps, ctx, parsed)));
    const target = await pairingTargetOf(deps, ctx);
    if (target.kind === 'none') return await ack(reply(notInAnyProgrammeText));
    if (target.kind === 'several') {
      const programmes = target.programmes.map((p) => ({ id: p.id, channelId: p.channel_id }));
      return await ack(reply(chooseProgrammeMessage({ commandText: command.text, programmes })));
    }
    const answer = await answerForProgramme(
      deps,
      { ...ctx, channelId: target.programme.channel_id },
      parsed,
      target.programme,
      { triggerId: command.trigger_id, ackFirst: async () => await ack() },
    );
    if (answer !== null) await ack(reply(answer));
  };
  surface.command('/coffee', handleCoffeeCommand);

  registerProgrammeChoice(surface, deps);
  registerIntroControls(surface, deps);
  registerProgrammeSettings(surface, deps);
}
