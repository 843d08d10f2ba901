import type { Db } from '../src/db/database.ts';
import type { Logger } from '../src/observability/logger.ts';
import { type JobData, type JobName, jobContracts, workspaceSchedulerPrefix } from './contracts.ts';
import type { JobQueues } from './queues.ts';

const hour = 3600 * 1000;

interface DesiredSchedule<N extends JobName = JobName> {
  id: string;
  name: N;
  data: JobData<N>;
  every: number;
}

/** What should be scheduled, derived from Postgres alone (the source of truth; Redis may be flushed). */
async function desiredSchedules(db: Db): Promise<DesiredSchedule[]> {
  const active = await db.selectFrom('workspaces').select('id').where('status', '=', 'active').execute();
  return [
    { id: 'global.maintenance.prune-events', name: 'maintenance.prune-events', data: {}, every: hour },
    ...active.map(
      ({ id }): DesiredSchedule<'members.sync'> => ({
        id: `${workspaceSchedulerPrefix(id)}members.sync`,
        name: 'members.sync',
        data: { workspaceId: id, reason: 'daily' },
        every: 24 * hour,
      }),
    ),
  ];
}

/**
 * Makes BullMQ's job schedulers match Postgres: adds what is missing, removes what no longer should run.
 * Idempotent, so every worker runs it at boot and every few minutes without coordination.
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
  for (const schedule of desired) {
    const queue = deps.queues.queue(jobContracts[schedule.name].queue);
    const existing = await queue.getJobScheduler(schedule.id);
    if (existing && existing.every === schedule.every) continue;
    await queue.upsertJobScheduler(
      schedule.id,
      { every: schedule.every },
      { name: schedule.name, data: schedule.data },
    );
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
