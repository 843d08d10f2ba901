import type { WebClient } from '@slack/web-api';
import { findMember } from '../../db/queries/members.ts';
import { findProgrammeByChannel, findProgrammeMember, type Programme } from '../../db/queries/pairing.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import { blockPartner, pauseMember, resumeMember, unblockPartner } from '../../domain/pairing/member-controls.ts';
import { type CoffeeCommand, parseCoffeeCommand } from '../../domain/pairing/parse-coffee-command.ts';
import { createProgramme } from '../../domain/pairing/programmes.ts';
import { addDaysToDate, localDate } from '../../domain/pairing/round-calendar.ts';
import { currentGroupOf, roundOutlook } from '../../domain/pairing/round-outlook.ts';
import { workspaceOf } from '../context.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { skipMeaning } from '../pairing.blocks.ts';
import { nextRoundLine, todaysRoundLine } from '../pairing-outlook.blocks.ts';
import { canManageProgramme } from '../pairing-permissions.ts';
import { type DropAnswer, leaveWithRescue, type SkipOutcome, skipWithRescue } from '../pairing-skip.ts';
import { notTeamAdminText } from '../pairing-teams.blocks.ts';
import { programmeSettingsModal } from '../programme-settings.blocks.ts';
import type { SlackSurface } from '../surface.ts';
import { fetchTeamSourceOptions } from '../team-source-options.ts';
import { registerCoffeeSettings } from './coffee-settings.ts';
import { teamsHub } from './pairing-teams.ts';
import { isAdmin } from './settings.ts';

const usage = [
  '*Coffee pairings* — run these in the programme’s channel:',
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

function reply(text: string) {
  return { response_type: 'ephemeral' as const, text };
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

async function answer(deps: ListenerDeps, ctx: CommandContext, command: CoffeeCommand): Promise<string> {
  const now = deps.clock.now();
  if (command.kind === 'help') return usage;
  if (command.kind === 'invalid') return `:warning: ${command.error}\n${usage}`;
  // Reached only when the teams modal was not opened for this person (see registerCoffeeCommand).
  if (command.kind === 'teams') return notTeamAdminText;
  const programme = await findProgrammeByChannel(deps.db, ctx.workspaceId, ctx.channelId);
  if (command.kind === 'start') {
    if (!(await canManageProgramme(deps, ctx, programme)))
      return 'Only Nudge admins or the channel’s creator can start a programme here.';
    const result = await createProgramme(deps.db, {
      workspaceId: ctx.workspaceId,
      channelId: ctx.channelId,
      kind: command.programme,
      hostUserId: command.hostUserId,
      createdBy: ctx.userId,
      now,
    });
    if (!result.ok)
      return result.refusal === 'exists'
        ? 'This channel already has a programme. `/coffee status` shows what is next.'
        : 'An exec lottery needs its host: `/coffee start lottery @host`.';
    await deps.queues.enqueue('schedules.reconcile', {});
    return `:coffee: Started a ${command.programme.replace('-', ' ')} programme in this channel. Everyone here takes part; each round, Nudge introduces people by DM. \`/coffee run\` pairs now.`;
  }
  if (!programme) return `There is no coffee programme in this channel. ${usage}`;
  const key = { workspaceId: ctx.workspaceId, programmeId: programme.id, userId: ctx.userId, now };
  switch (command.kind) {
    case 'settings':
      // Reached only when the modal could not be opened for this person (see registerCoffeeCommand).
      return 'Only Nudge admins or the channel’s creator can change this programme’s settings.';
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
        : `:warning: ${command.until} has already passed, so nothing changed. Pause until today or a later date (\`/coffee pause until ${addDaysToDate(today, 7)}\`), or just \`/coffee pause\`.`;
    }
    case 'resume':
      await resumeMember(deps.db, key);
      return 'Welcome back: you are in the next round.';
    case 'skip':
      return skipAnswers[await skipWithRescue(deps, key)];
    case 'leave':
      return `You have left this programme${leaveAnswers[await leaveWithRescue(deps, key)]} \`/coffee resume\` rejoins; leaving the channel works too.`;
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
    case 'status':
      return await status(deps, ctx, programme);
  }
}

/** Each answer says what `skip` always means: one round, the running one if you are in a group there, else the next. */
const skipAnswers: Record<SkipOutcome, string> = {
  next_round: 'You will sit out the next round.',
  already_out: 'You are already out of this round; you will be in the next one.',
  partner_rematched: 'You are out of this round. Your partner has been matched with someone else.',
  partner_told: 'You are out of this round. Your partner has been told.',
  group_continues: 'You are out of this round. The rest of your group can still meet.',
};

const leaveAnswers: Record<DropAnswer, string> = {
  no_group: '.',
  already_out: '.',
  partner_rematched: ', and this round’s group: your partner has been matched with someone else.',
  partner_told: ', and this round’s group: your partner has been told.',
  group_continues: ', and this round’s group: the rest of it can still meet.',
};

/** `/coffee`: every answer is ephemeral, so pausing or blocking is never seen by anyone else. */
export function registerCoffeeCommand(surface: SlackSurface, deps: ListenerDeps): void {
  surface.record('command', '/coffee');
  surface.app.command('/coffee', async ({ command, ack, client, context }) => {
    const ctx = { workspaceId: workspaceOf(context), userId: command.user_id, channelId: command.channel_id, client };
    const parsed = parseCoffeeCommand(command.text);
    if (parsed.kind === 'teams' && (await isAdmin(deps, client, ctx.workspaceId, ctx.userId))) {
      const view = await teamsHub(deps, ctx.workspaceId);
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view });
      return;
    }
    if (parsed.kind === 'settings') {
      const programme = await findProgrammeByChannel(deps.db, ctx.workspaceId, ctx.channelId);
      if (programme && (await canManageProgramme(deps, ctx, programme))) {
        await ack();
        const choices = await fetchTeamSourceOptions(client);
        await client.views.open({ trigger_id: command.trigger_id, view: programmeSettingsModal(programme, choices) });
        return;
      }
      if (!programme) return await ack(reply(`There is no coffee programme in this channel. ${usage}`));
    }
    await ack(reply(await answer(deps, ctx, parsed)));
  });

  registerCoffeeSettings(surface, deps);
}
