import type { WebClient } from '@slack/web-api';
import { findMember } from '../../db/queries/members.ts';
import {
  findLatestRound,
  findProgramme,
  findProgrammeByChannel,
  findProgrammeMember,
  findRoundGroups,
  type Programme,
} from '../../db/queries/pairing.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import { isNudgeAdmin } from '../../domain/kudos/admins.ts';
import { loadKudosSettings } from '../../domain/kudos/settings.ts';
import {
  blockPartner,
  leaveProgramme,
  pauseMember,
  resumeMember,
  skipNextRound,
  unblockPartner,
} from '../../domain/pairing/member-controls.ts';
import { type CoffeeCommand, parseCoffeeCommand } from '../../domain/pairing/parse-coffee-command.ts';
import { dropFromCurrentRound } from '../../domain/pairing/partner-rescue.ts';
import { createProgramme } from '../../domain/pairing/programmes.ts';
import { localDate, nextRoundDate } from '../../domain/pairing/round-calendar.ts';
import { updateProgrammeSettings } from '../../domain/pairing/update-programme.ts';
import { zonedTimeToInstant } from '../../domain/time/zoned-time.ts';
import { workspaceOf } from '../context.ts';
import { ensureMembersKnown } from '../directory-refresh.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import {
  programmeSettingsBlocks,
  programmeSettingsCallbackId,
  programmeSettingsModal,
} from '../programme-settings.blocks.ts';
import type { SlackSurface } from '../surface.ts';

const usage = [
  '*Coffee pairings* — run these in the programme’s channel:',
  '`/coffee status` — your next round (in your time) and your current group',
  '`/coffee pause [until YYYY-MM-DD]` · `/coffee resume` · `/coffee skip` (next round only) · `/coffee leave`',
  '`/coffee block @someone` · `/coffee unblock @someone` — confidential; they are never told',
  'Admins: `/coffee start coffee|cross-team|lottery @host` in a channel, `/coffee settings`, `/coffee run` to pair now',
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

/** Nudge admins, or whoever created the channel: the people who may start and run a channel's programme. */
async function canManage(deps: ListenerDeps, ctx: CommandContext, programme?: Programme): Promise<boolean> {
  await ensureMembersKnown({ db: deps.db, client: ctx.client, workspaceId: ctx.workspaceId, now: deps.clock.now() }, [
    ctx.userId,
  ]);
  const [member, settings] = await Promise.all([
    findMember(deps.db, ctx.workspaceId, ctx.userId),
    loadKudosSettings(deps.db, ctx.workspaceId),
  ]);
  if (isNudgeAdmin(member, settings) || programme?.created_by === ctx.userId) return true;
  const info = await ctx.client.conversations.info({ channel: ctx.channelId }).catch(() => undefined);
  return (info as { channel?: { creator?: string } } | undefined)?.channel?.creator === ctx.userId;
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
  const programme = await findProgrammeByChannel(deps.db, ctx.workspaceId, ctx.channelId);
  if (command.kind === 'start') {
    if (!(await canManage(deps, ctx, programme)))
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
      if (!(await canManage(deps, ctx, programme)))
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
    case 'skip': {
      await skipNextRound(deps.db, key);
      // Already matched this round? Leave that group; a partner left alone is re-matched or told.
      const drop = await dropFromCurrentRound(deps.db, key);
      if (!drop.dropped) return 'You will sit out the next round only.';
      if (drop.rescueGroupId && drop.roundDelivering) {
        await deps.queues.enqueue('pairing.deliver', { workspaceId: ctx.workspaceId, groupId: drop.rescueGroupId });
      }
      if (drop.strandedUserId) {
        await deps.queues.enqueue('pairing.stranded', {
          workspaceId: ctx.workspaceId,
          roundId: drop.roundId,
          userId: drop.strandedUserId,
        });
      }
      if (drop.rescueGroupId)
        return 'You are out of this round and the next one. Your partner has been matched with someone else.';
      if (drop.strandedUserId) return 'You are out of this round and the next one. Your partner has been told.';
      return 'You are out of this round and the next one. The rest of your group can still meet.';
    }
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

/** `/coffee`: every answer is ephemeral, so pausing or blocking is never seen by anyone else. */
export function registerCoffeeCommand(surface: SlackSurface, deps: ListenerDeps): void {
  surface.record('command', '/coffee');
  surface.app.command('/coffee', async ({ command, ack, client, context }) => {
    const ctx = { workspaceId: workspaceOf(context), userId: command.user_id, channelId: command.channel_id, client };
    const parsed = parseCoffeeCommand(command.text);
    if (parsed.kind === 'settings') {
      const programme = await findProgrammeByChannel(deps.db, ctx.workspaceId, ctx.channelId);
      if (programme && (await canManage(deps, ctx, programme))) {
        await ack();
        await client.views.open({ trigger_id: command.trigger_id, view: programmeSettingsModal(programme) });
        return;
      }
      if (!programme) return await ack(reply(`There is no coffee programme in this channel. ${usage}`));
    }
    await ack(reply(await answer(deps, ctx, parsed)));
  });

  surface.record('view', programmeSettingsCallbackId);
  surface.app.view(programmeSettingsCallbackId, async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    let programmeId: unknown;
    try {
      programmeId = (JSON.parse(view.private_metadata || '{}') as { programmeId?: unknown } | null)?.programmeId;
    } catch {}
    const programme =
      typeof programmeId === 'string' && /^[0-9a-f-]{36}$/.test(programmeId)
        ? await findProgramme(deps.db, workspaceId, programmeId)
        : undefined;
    const ctx = { workspaceId, userId: body.user.id, channelId: programme?.channel_id ?? '', client };
    if (!programme || !(await canManage(deps, ctx, programme))) {
      await ack({
        response_action: 'errors',
        errors: {
          [programmeSettingsBlocks.frequency]: 'Only Nudge admins or the channel’s creator can change these settings.',
        },
      });
      return;
    }
    type Value = {
      selected_option?: { value?: string } | null;
      value?: string | null;
      selected_options?: Array<{ value?: string }>;
    };
    const values = view.state.values as Record<string, Record<string, Value>>;
    const field = (name: keyof typeof programmeSettingsBlocks): Value =>
      values[programmeSettingsBlocks[name]]?.[name] ?? {};
    const result = await updateProgrammeSettings(deps.db, {
      workspaceId,
      programmeId: programme.id,
      settings: {
        frequency: field('frequency').selected_option?.value ?? '',
        weekday: field('weekday').selected_option?.value ?? '',
        sendHour: field('sendHour').selected_option?.value ?? '',
        groupSize: field('groupSize').selected_option?.value ?? '',
        cooldownWeeks: field('cooldownWeeks').value ?? '',
        teamSource: field('teamSource').selected_option?.value ?? '',
        approvalRequired: (field('approvalRequired').selected_options ?? []).length > 0,
        paused: (field('paused').selected_options ?? []).length > 0,
      },
    });
    if (!result.ok) {
      const errors = Object.fromEntries(
        Object.entries(result.errors).map(([f, m]) => [
          programmeSettingsBlocks[f as keyof typeof programmeSettingsBlocks],
          m,
        ]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await deps.queues.enqueue('schedules.reconcile', {});
  });
}
