import type { WebClient } from '@slack/web-api';
import { findMember } from '../../db/queries/members.ts';
import {
  findLatestRound,
  findProgrammeByChannel,
  findProgrammeMember,
  findRoundGroups,
  type Programme,
} from '../../db/queries/pairing.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import {
  blockPartner,
  leaveProgramme,
  pauseMember,
  resumeMember,
  unblockPartner,
} from '../../domain/pairing/member-controls.ts';
import { type CoffeeCommand, parseCoffeeCommand } from '../../domain/pairing/parse-coffee-command.ts';
import { createProgramme } from '../../domain/pairing/programmes.ts';
import { localDate, nextRoundDate } from '../../domain/pairing/round-calendar.ts';
import { zonedTimeToInstant } from '../../domain/time/zoned-time.ts';
import { workspaceOf } from '../context.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { canManageProgramme } from '../pairing-permissions.ts';
import { skipWithRescue } from '../pairing-skip.ts';
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
  '`/coffee pause [until YYYY-MM-DD]` · `/coffee resume` · `/coffee skip` (next round only) · `/coffee leave`',
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

async function status(deps: ListenerDeps, ctx: CommandContext, programme: Programme): Promise<string> {
  const [member, workspace, state] = await Promise.all([
    findMember(deps.db, ctx.workspaceId, ctx.userId),
    findWorkspace(deps.db, ctx.workspaceId),
    findProgrammeMember(deps.db, ctx.workspaceId, programme.id, ctx.userId),
  ]);
  const zone = member?.time_zone || 'UTC';
  const next = nextRoundDate(
    { frequency: programme.frequency, weekday: programme.weekday, createdAt: programme.created_at },
    deps.clock.now(),
    workspace?.time_zone ?? 'UTC',
  );
  const [year, month, day] = next.split('-').map(Number) as [number, number, number];
  const at = zonedTimeToInstant({ year, month, day, hour: programme.send_hour }, zone);
  const when = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  const lines = [`Next round: *${when}* (your time).`];
  if (state?.status === 'paused')
    lines.push(
      `You are paused${state.paused_until ? ` until ${state.paused_until}` : ''}: \`/coffee resume\` to come back.`,
    );
  if (state?.status === 'left') lines.push('You left this programme: `/coffee resume` to rejoin.');
  if (state?.skip_next) lines.push('You are sitting out the next round.');
  const latest = await findLatestRound(deps.db, ctx.workspaceId, programme.id);
  if (latest) {
    const mine = (await findRoundGroups(deps.db, ctx.workspaceId, latest.id)).find((g) =>
      g.members.includes(ctx.userId),
    );
    if (mine)
      lines.push(
        `Your current group: ${mine.members
          .filter((m) => m !== ctx.userId)
          .map((m) => `<@${m}>`)
          .join(', ')}.`,
      );
  }
  return lines.join('\n');
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
    case 'run': {
      if (!(await canManageProgramme(deps, ctx, programme)))
        return 'Only Nudge admins or the programme’s creator can run a round.';
      const workspace = await findWorkspace(deps.db, ctx.workspaceId);
      const roundDate = localDate(now, workspace?.time_zone ?? 'UTC');
      await deps.queues.enqueue('pairing.round', {
        workspaceId: ctx.workspaceId,
        programmeId: programme.id,
        roundDate,
        deliverNow: true,
      });
      return `Pairing now: today’s round (${roundDate}) is being matched and the intros will follow. A round runs once per day.`;
    }
    case 'pause':
      await pauseMember(deps.db, { ...key, until: command.until });
      return command.until ? `Paused until ${command.until}. Enjoy the break!` : 'Paused until you `/coffee resume`.';
    case 'resume':
      await resumeMember(deps.db, key);
      return 'Welcome back: you are in the next round.';
    case 'skip':
      return skipAnswers[await skipWithRescue(deps, key)];
    case 'leave':
      await leaveProgramme(deps.db, key);
      return 'You have left this programme. `/coffee resume` rejoins; leaving the channel works too.';
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

const skipAnswers = {
  next_round_only: 'You will sit out the next round only.',
  partner_rematched: 'You are out of this round and the next one. Your partner has been matched with someone else.',
  partner_told: 'You are out of this round and the next one. Your partner has been told.',
  group_continues: 'You are out of this round and the next one. The rest of your group can still meet.',
} as const;

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
