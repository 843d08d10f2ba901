import type { Db } from '../src/db/database.ts';
import { findScheduledWork } from '../src/domain/schedules/scheduled-work.ts';
import type { Logger } from '../src/observability/logger.ts';
import { celebrationSchedules } from './celebration-schedules.ts';
import {
  type JobData,
  type JobName,
  jobContracts,
  payloadVersionIn,
  payloadVersionOf,
  versionedPayload,
  workspaceSchedulerPrefix,
} from './contracts.ts';
import type { JobQueues } from './queues.ts';

const minute = 60 * 1000;
const hour = 60 * minute;

type Repeat = { every: number } | { pattern: string; tz: string };

interface DesiredSchedule<N extends JobName = JobName> {
  id: string;
  name: N;
  data: JobData<N>;
  repeat: Repeat;
}

function schedule<N extends JobName>(id: string, name: N, data: JobData<N>, repeat: Repeat): DesiredSchedule {
  return { id, name, data, repeat } as DesiredSchedule;
}

/** What should be scheduled, derived from Postgres alone (the source of truth; Redis may be flushed). */
async function desiredSchedules(db: Db): Promise<DesiredSchedule[]> {
  const work = await findScheduledWork(db);
  const desired: DesiredSchedule[] = [
    schedule('global.retention.purge-uninstalled', 'retention.purge-uninstalled', {}, { every: 24 * hour }),
    schedule('global.kudos.sweep', 'kudos.sweep', {}, { every: 5 * minute }),
  ];
  for (const p of work.programmes) {
    desired.push(
      schedule(
        `${workspaceSchedulerPrefix(p.workspace_id)}pairing.${p.id}`,
        'pairing.tick',
        { workspaceId: p.workspace_id, programmeId: p.id },
        { every: hour },
      ),
    );
  }
  for (const p of work.mentorship) {
    desired.push(
      schedule(
        `${workspaceSchedulerPrefix(p.workspace_id)}mentorship.${p.id}`,
        'mentorship.sweep',
        { workspaceId: p.workspace_id, programmeId: p.id },
        { every: hour },
      ),
    );
  }
  for (const w of work.kudos) {
    const prefix = workspaceSchedulerPrefix(w.id);
    desired.push(
      schedule(`${prefix}members.sync`, 'members.sync', { workspaceId: w.id, reason: 'daily' }, { every: 24 * hour }),
      schedule(`${prefix}retention.sweep`, 'retention.sweep', { workspaceId: w.id }, { every: 24 * hour }),
      // Looks for recaps owed, so someone who was away gets theirs within hours of coming back.
      schedule(`${prefix}insights.recap-tick`, 'insights.recap-tick', { workspaceId: w.id }, { every: 6 * hour }),
      schedule(`${prefix}insights.recompute`, 'insights.recompute', { workspaceId: w.id }, { every: 24 * hour }),
    );
    if ((w.prompt_channel_ids ?? []).length > 0 && w.prompt_weekday !== null && w.prompt_hour !== null) {
      // Cron counts Sunday as 0; settings use ISO weekdays (7 = Sunday). The zone makes it local time, DST included.
      const pattern = `0 ${w.prompt_hour} * * ${w.prompt_weekday % 7}`;
      desired.push(
        schedule(`${prefix}kudos.prompt`, 'kudos.prompt', { workspaceId: w.id }, { pattern, tz: w.time_zone }),
      );
    }
    if (w.digest_enabled && w.kudos_channel_id) {
      desired.push(
        schedule(
          `${prefix}kudos.digest`,
          'kudos.digest',
          { workspaceId: w.id },
          { pattern: '0 9 1 * *', tz: w.time_zone },
        ),
      );
    }
  }
  for (const workspaceId of work.mentorRequests) {
    desired.push(
      schedule(
        `${workspaceSchedulerPrefix(workspaceId)}mentorship.expire`,
        'mentorship.expire',
        { workspaceId },
        { every: hour },
      ),
    );
  }
  for (const workspaceId of work.learningRequests) {
    desired.push(
      schedule(
        `${workspaceSchedulerPrefix(workspaceId)}learning.expire`,
        'learning.expire',
        { workspaceId },
        { every: hour },
      ),
    );
  }
  for (const workspaceId of work.keepInTouch) {
    desired.push(
      schedule(
        `${workspaceSchedulerPrefix(workspaceId)}keep-in-touch.sweep`,
        'keep-in-touch.sweep',
        { workspaceId },
        { every: hour },
      ),
    );
  }
  for (const c of celebrationSchedules(work.celebrations)) desired.push(schedule(c.id, c.name, c.data, c.repeat));
  return desired;
}

function sameRepeat(
  existing: { every?: number | null; pattern?: string | null; tz?: string | null },
  wanted: Repeat,
): boolean {
  if ('every' in wanted) return existing.every === wanted.every;
  return existing.pattern === wanted.pattern && existing.tz === wanted.tz;
}

/**
 * Makes BullMQ's job schedulers match Postgres: adds what is missing, updates what changed, removes what no
 * longer should run. Idempotent, so every worker runs it at boot and every few minutes without coordination.
 */
export async function reconcileSchedules(deps: {
  db: Db;
  queues: JobQueues;
  logger: Logger;
}): Promise<{ upserted: number; removed: number }> {
  const desired = await desiredSchedules(deps.db);
  const wanted = new Set(desired.map((d) => d.id));
  let upserted = 0;
  let removed = 0;
  for (const wantedSchedule of desired) {
    const queue = deps.queues.queue(jobContracts[wantedSchedule.name].queue);
    const existing = await queue.getJobScheduler(wantedSchedule.id);
    // Only a newer release rewrites an older template, so old and new workers side by side never undo each other.
    const templateVersion = payloadVersionIn(existing?.template?.data) ?? 0;
    if (
      existing &&
      sameRepeat(existing, wantedSchedule.repeat) &&
      templateVersion >= payloadVersionOf(wantedSchedule.name)
    )
      continue;
    await queue.upsertJobScheduler(wantedSchedule.id, wantedSchedule.repeat, {
      name: wantedSchedule.name,
      data: versionedPayload(wantedSchedule.name, wantedSchedule.data),
    });
    upserted += 1;
  }
  for (const queueName of new Set(Object.values(jobContracts).map((c) => c.queue))) {
    const queue = deps.queues.queue(queueName);
    for (const scheduler of await queue.getJobSchedulers()) {
      if (!wanted.has(scheduler.key) && (await queue.removeJobScheduler(scheduler.key))) removed += 1;
    }
  }
  if (upserted || removed) deps.logger.info({ upserted, removed }, 'job schedules reconciled');
  return { upserted, removed };
}
