import { type QueueJobCounts, queueStates } from '../src/observability/metrics.ts';
import { currentTraceHeaders } from '../src/observability/trace-context.ts';
import {
  defaultJobOptions,
  type JobData,
  type JobName,
  jobContracts,
  parseJobData,
  type QueueName,
  queueNames,
  versionedPayload,
  workspaceSchedulerPrefix,
} from './contracts.ts';
import { type AnyQueue, createQueue, type QueueBackend } from './queue-backend.ts';

export interface EnqueueOptions {
  delayMs?: number;
  /**
   * For sweeps that re-drive lost work: when a job with the same id already failed after using up all its
   * attempts (an outage longer than its retries), retry it instead of silently keeping the failed one, which
   * BullMQ would otherwise do for a duplicate id. A job that failed for a permanent reason (an
   * UnrecoverableError, before its attempts ran out) stays failed.
   */
  retryExhausted?: boolean;
}

/** The producer side of the job system: what web listeners and processors use to schedule work. */
export interface JobQueues {
  enqueue<N extends JobName>(name: N, data: JobData<N>, options?: EnqueueOptions): Promise<void>;
  /** Runs a job now: a delayed copy waiting under the same deterministic id is promoted, else it is enqueued. */
  runNow<N extends JobName>(name: N, data: JobData<N>): Promise<void>;
  /** Removes a workspace's job schedulers and its waiting and delayed jobs (uninstall). */
  removeWorkspaceJobs(workspaceId: string): Promise<number>;
  queue(name: QueueName): AnyQueue;
  /** How many jobs each queue holds in each state the metrics report: one count read per queue, on either backend. */
  jobCounts(): Promise<QueueJobCounts[]>;
  close(): Promise<void>;
}

export function createJobQueues(backend: QueueBackend, options: { onError?: (error: Error) => void } = {}): JobQueues {
  const queues = new Map<QueueName, AnyQueue>(
    queueNames.map((name) => {
      const queue = createQueue(name, backend, { defaultJobOptions });
      // Connection errors while Redis is away are expected and retried; report them instead of crashing.
      queue.on('error', (error) => options.onError?.(error));
      return [name, queue];
    }),
  );
  const queueOf = (name: QueueName): AnyQueue => {
    const queue = queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  };

  return {
    queue: queueOf,

    async jobCounts() {
      return await Promise.all(
        [...queues].map(async ([queue, bull]) => {
          const counts = await bull.getJobCounts(...queueStates);
          return {
            queue,
            counts: Object.fromEntries(
              queueStates.map((state) => [state, counts[state] ?? 0]),
            ) as QueueJobCounts['counts'],
          };
        }),
      );
    },

    async enqueue(name, data, enqueueOptions = {}) {
      const contract = jobContracts[name];
      const payload = parseJobData(name, data);
      const jobId = (contract.jobId as (d: typeof payload) => string | undefined)(payload);
      const queue = queueOf(contract.queue);
      if (jobId && enqueueOptions.retryExhausted) {
        const existing = await queue.getJob(jobId);
        if (existing && (await existing.isFailed())) {
          if (existing.attemptsMade >= (existing.opts.attempts ?? 1)) {
            // Another sweep may have retried it a moment ago; then it is no longer failed, which is fine.
            await existing.retry('failed', { resetAttemptsMade: true }).catch(() => {});
          }
          return;
        }
      }
      const traceContext = currentTraceHeaders();
      const versioned = versionedPayload(name, payload);
      await queue.add(name, traceContext ? { ...versioned, traceContext } : versioned, {
        ...(jobId ? { jobId } : {}),
        ...(enqueueOptions.delayMs ? { delay: enqueueOptions.delayMs } : {}),
      });
    },

    async runNow(name, data) {
      const contract = jobContracts[name];
      const payload = parseJobData(name, data);
      const jobId = (contract.jobId as (d: typeof payload) => string | undefined)(payload);
      const existing = jobId ? await queueOf(contract.queue).getJob(jobId) : undefined;
      if (existing && (await existing.isDelayed())) {
        await existing.promote();
        return;
      }
      await this.enqueue(name, data);
    },

    async removeWorkspaceJobs(workspaceId) {
      let removed = 0;
      const prefix = workspaceSchedulerPrefix(workspaceId);
      for (const queue of queues.values()) {
        const schedulers = await queue.getJobSchedulers();
        for (const scheduler of schedulers) {
          if (scheduler.key.startsWith(prefix) && (await queue.removeJobScheduler(scheduler.key))) removed += 1;
        }
        const pending = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
        for (const job of pending) {
          if ((job.data as { workspaceId?: string } | undefined)?.workspaceId !== workspaceId) continue;
          // A job that has just become active cannot be removed; its processor finds the workspace inactive.
          await job.remove().then(
            () => (removed += 1),
            () => {},
          );
        }
      }
      return removed;
    },

    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
