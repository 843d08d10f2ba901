import type { JobQueues } from '../../jobs/queues.ts';
import type { Db } from '../db/database.ts';
import { upsertKudosSettings } from '../db/queries/kudos-settings.ts';
import { findMentorshipProgrammes } from '../db/queries/mentorship-programmes.ts';
import {
  countGroupsByStatus,
  findLatestRound,
  findProgrammes,
  findRoundByDate,
  type Programme,
} from '../db/queries/pairing.ts';
import { findWorkspace } from '../db/queries/workspaces.ts';
import { loadKudosSettings } from '../domain/kudos/settings.ts';
import { localDate } from '../domain/pairing/round-calendar.ts';
import { type Clock, isAdjustable } from '../observability/clock.ts';
import { checkinLine, roundMatchedLine } from './time-control-lines.ts';

/** What the time controls need from the running service: its database, job queues and clock. */
export interface TimeControlDeps {
  db: Db;
  queues: JobQueues;
  clock: Clock;
}

export interface TimeControl {
  id: string;
  label: string;
  run(): Promise<string>;
}

export interface DemoPlaces {
  /** The sandbox workspace's team id; in single-workspace mode it is also Nudge's workspace key. */
  teamId: string;
  /** Where the weekly kudos prompt goes when the workspace has not chosen a channel yet. */
  promptChannelId: string;
  /** The kudos channel set up alongside it. */
  kudosChannelId: string;
  coffeeChannelId: string;
  channelName(channelId: string): string;
}

export interface TimeControlOptions {
  /** How long a control waits for the work it queued to show up before answering. Default 8 s. */
  waitMs?: number;
}

const pollMs = 200;

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * The sandbox UI's "time" buttons: each does what the calendar would eventually do, through the same job queues
 * the schedules use, so the demo shows the production path without waiting a week. Entry-side code: the bot
 * never imports this.
 */
export function demoTimeControls(
  depsOf: () => TimeControlDeps | undefined,
  places: DemoPlaces,
  options: TimeControlOptions = {},
): TimeControl[] {
  const waitMs = options.waitMs ?? 8_000;
  const channel = (id: string) => `#${places.channelName(id)}`;
  const startCoffee = `Start one first: \`/coffee start coffee\` in ${channel(places.coffeeChannelId)} as an admin (Ada).`;

  const ready = async (): Promise<{ deps: TimeControlDeps; workspaceId: string; timeZone: string }> => {
    const deps = depsOf();
    if (!deps) throw new Error('Nudge is still starting; try again in a moment');
    const workspace = await findWorkspace(deps.db, places.teamId);
    if (workspace?.status !== 'active') throw new Error('the demo workspace is not active in Nudge');
    return { deps, workspaceId: workspace.id, timeZone: workspace.time_zone };
  };

  const activeProgrammes = async (deps: TimeControlDeps, workspaceId: string): Promise<Programme[]> =>
    (await findProgrammes(deps.db, workspaceId)).filter((programme) => programme.status === 'active');

  const pairingRound: TimeControl = {
    id: 'coffee-round',
    label: 'Run a coffee round now',
    async run() {
      const { deps, workspaceId, timeZone } = await ready();
      const programmes = await activeProgrammes(deps, workspaceId);
      if (programmes.length === 0) return `No coffee programme yet. ${startCoffee}`;
      const roundDate = localDate(deps.clock.now(), timeZone);
      const lines: string[] = [];
      for (const programme of programmes) {
        const where = channel(programme.channel_id);
        const existing = await findRoundByDate(deps.db, workspaceId, programme.id, roundDate);
        if (existing) {
          lines.push(`${where}: today’s round ${existing.number} already ran (one round a day); jump to the check-in.`);
          continue;
        }
        await deps.queues.enqueue('pairing.round', {
          workspaceId,
          programmeId: programme.id,
          roundDate,
          deliverNow: true,
        });
        const round = await waitFor(() => findRoundByDate(deps.db, workspaceId, programme.id, roundDate), waitMs);
        if (!round) {
          lines.push(`${where}: round queued for ${roundDate}; intros will follow.`);
          continue;
        }
        const groups = Object.values(await countGroupsByStatus(deps.db, workspaceId, round.id)).reduce(
          (a, b) => a + b,
          0,
        );
        lines.push(
          roundMatchedLine({
            where,
            number: round.number,
            groups,
            awaitingApproval: round.status === 'awaiting_approval',
          }),
        );
      }
      return lines.join('\n');
    },
  };

  const checkin: TimeControl = {
    id: 'coffee-checkin',
    label: 'Jump to the check-in',
    async run() {
      const { deps, workspaceId } = await ready();
      const programmes = await activeProgrammes(deps, workspaceId);
      if (programmes.length === 0) return `No coffee programme yet. ${startCoffee}`;
      const lines: string[] = [];
      for (const programme of programmes) {
        const where = channel(programme.channel_id);
        const round = await findLatestRound(deps.db, workspaceId, programme.id);
        if (!round) {
          lines.push(`${where}: no round yet; run a coffee round first.`);
          continue;
        }
        if (round.status !== 'delivering' && round.status !== 'delivered') {
          lines.push(`${where}: round ${round.number} is ${round.status.replace('_', ' ')}; nothing to check in on.`);
          continue;
        }
        // The check-in goes only to groups already introduced: let the intros of a just-started round land first.
        const counts = await waitFor(async () => {
          const byStatus = await countGroupsByStatus(deps.db, workspaceId, round.id);
          return (byStatus.pending ?? 0) === 0 ? byStatus : undefined;
        }, waitMs);
        if (!counts) {
          lines.push(`${where}: the intros of round ${round.number} are still going out; try again in a moment.`);
          continue;
        }
        await deps.queues.runNow('pairing.checkin', { workspaceId, roundId: round.id });
        lines.push(checkinLine({ where, number: round.number, groups: counts.delivered ?? 0 }));
      }
      return lines.join('\n');
    },
  };

  const kudosPrompt: TimeControl = {
    id: 'kudos-prompt',
    label: 'Fire the weekly kudos prompt',
    async run() {
      const { deps, workspaceId } = await ready();
      let settings = await loadKudosSettings(deps.db, workspaceId);
      let setUp = '';
      if (settings.promptChannelIds.length === 0) {
        // A fresh workspace has nowhere to prompt: give the demo the settings an admin would choose in App Home.
        const kudosChannelId = settings.kudosChannelId ?? places.kudosChannelId;
        await upsertKudosSettings(deps.db, {
          workspace_id: workspaceId,
          allowance: settings.allowance,
          allowance_period: settings.allowancePeriod,
          pair_cap: settings.pairCap,
          emoji: settings.emoji,
          kudos_values: settings.values,
          kudos_channel_id: kudosChannelId,
          prompt_channel_ids: [places.promptChannelId],
          prompt_weekday: settings.promptWeekday,
          prompt_hour: settings.promptHour,
          digest_enabled: settings.digestEnabled,
          admin_user_ids: settings.adminUserIds,
          updated_at: deps.clock.now(),
        });
        await deps.queues.enqueue('schedules.reconcile', {});
        settings = await loadKudosSettings(deps.db, workspaceId);
        setUp = ` Set up for the demo: prompts in ${channel(places.promptChannelId)}, kudos channel ${channel(kudosChannelId)} (App Home → Settings changes them).`;
      }
      await deps.queues.enqueue('kudos.prompt', { workspaceId });
      const where = settings.promptChannelIds.map(channel).join(', ');
      return `Weekly kudos prompt sent to ${where} (once a day per channel).${setUp}`;
    },
  };

  const advanceDay: TimeControl = {
    id: 'advance-day',
    label: 'Advance the clock a day',
    async run() {
      const { deps, workspaceId } = await ready();
      if (!isAdjustable(deps.clock)) return 'This clock cannot be moved.';
      deps.clock.advance(24 * 3600 * 1000);
      // Celebrations due by the new "now" go out at once instead of at the next quarter-hour tick.
      await deps.queues.enqueue('celebrations.tick', { workspaceId });
      // Mentorship check-ins, fit checks, idle steps and cycle ends due by the new "now" go out without waiting
      // for the hourly sweep.
      const mentorship = await findMentorshipProgrammes(deps.db, workspaceId);
      for (const programme of mentorship)
        await deps.queues.enqueue('mentorship.sweep', { workspaceId, programmeId: programme.id });
      // Follow-up prompts a day after a meeting, and weekly reconnect DMs, due by the new "now".
      await deps.queues.enqueue('keep-in-touch.sweep', { workspaceId });
      const today = deps.clock.now().toISOString().slice(0, 10);
      const mentoring =
        mentorship.length > 0 ? ' Mentorship check-ins and other steps due by then are on their way.' : '';
      return `Nudge's clock now reads ${today}. Birthdays and anniversaries due by then are being posted.${mentoring} Keep-in-touch follow-ups and reconnect DMs due by then are on their way.`;
    },
  };

  return [pairingRound, checkin, kudosPrompt, advanceDay];
}
