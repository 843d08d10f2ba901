import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { ZodError } from 'zod';
import type { Metrics } from '../src/observability/metrics.ts';
import { contextFromTraceHeaders } from '../src/observability/trace-context.ts';
import { activeTracer } from '../src/observability/tracing.ts';
import {
  SlackPermanentError,
  SlackRateLimitedError,
  WorkspaceInactiveError,
} from '../src/slack/platform/send-errors.ts';
import {
  isJobName,
  type JobName,
  parseJobData,
  payloadVersionIn,
  type QueueName,
  queueNames,
  traceContextOf,
  understoodPayloadVersions,
  versionedPayload,
} from './contracts.ts';
import type { Processor, ProcessorDeps } from './processor.ts';
import { processAuditExport } from './processors/audit-export.ts';
import { processCelebrationsAskDates } from './processors/celebrations-ask-dates.ts';
import { processCelebrationsDigest } from './processors/celebrations-digest.ts';
import { processCelebrationsPost } from './processors/celebrations-post.ts';
import { processCelebrationsTick } from './processors/celebrations-tick.ts';
import { processHomePublish } from './processors/home-publish.ts';
import { processInsightsHomePicture } from './processors/insights-home-picture.ts';
import { processInsightsRecap } from './processors/insights-recap.ts';
import { processInsightsRecapTick } from './processors/insights-recap-tick.ts';
import { processInsightsRecompute } from './processors/insights-recompute.ts';
import { processInsightsUpdate } from './processors/insights-update.ts';
import { processKeepInTouchHello } from './processors/keep-in-touch-hello.ts';
import { processKeepInTouchPrompt } from './processors/keep-in-touch-prompt.ts';
import { processKeepInTouchReconnect } from './processors/keep-in-touch-reconnect.ts';
import { processKeepInTouchSweep } from './processors/keep-in-touch-sweep.ts';
import { processKudosAnnounce } from './processors/kudos-announce.ts';
import { processKudosDigest } from './processors/kudos-digest.ts';
import { processKudosGive } from './processors/kudos-give.ts';
import { processKudosPrompt } from './processors/kudos-prompt.ts';
import { processKudosRetract } from './processors/kudos-retract.ts';
import { processKudosSweep } from './processors/kudos-sweep.ts';
import { processLearningAccepted } from './processors/learning-accepted.ts';
import { processLearningExpire } from './processors/learning-expire.ts';
import { processLearningHandoff } from './processors/learning-handoff.ts';
import { processLearningRequest } from './processors/learning-request.ts';
import { processMembersSync } from './processors/members-sync.ts';
import { processMentorshipAccepted } from './processors/mentorship-accepted.ts';
import { processMentorshipAnnounce } from './processors/mentorship-announce.ts';
import { processMentorshipCheckin } from './processors/mentorship-checkin.ts';
import { processMentorshipEnded } from './processors/mentorship-ended.ts';
import { processMentorshipExpire } from './processors/mentorship-expire.ts';
import { processMentorshipFeedback } from './processors/mentorship-feedback.ts';
import { processMentorshipFitCheck } from './processors/mentorship-fit-check.ts';
import { processMentorshipHandoff } from './processors/mentorship-handoff.ts';
import { processMentorshipIdle } from './processors/mentorship-idle.ts';
import { processMentorshipIntro } from './processors/mentorship-intro.ts';
import { processMentorshipRematch } from './processors/mentorship-rematch.ts';
import { processMentorshipRequest } from './processors/mentorship-request.ts';
import { processMentorshipSweep } from './processors/mentorship-sweep.ts';
import { processOnboardingWelcome } from './processors/onboarding-welcome.ts';
import { processPairingCheckin } from './processors/pairing-checkin.ts';
import { processPairingCheckinUpdate } from './processors/pairing-checkin-update.ts';
import { processPairingClose } from './processors/pairing-close.ts';
import { processPairingDeliver } from './processors/pairing-deliver.ts';
import { processPairingGreet } from './processors/pairing-greet.ts';
import { processPairingResume } from './processors/pairing-resume.ts';
import { processPairingRound } from './processors/pairing-round.ts';
import { processPairingStranded } from './processors/pairing-stranded.ts';
import { processPairingTick } from './processors/pairing-tick.ts';
import { processPairingUnmatched } from './processors/pairing-unmatched.ts';
import { processPairingWelcome } from './processors/pairing-welcome.ts';
import { processPrivacyErase } from './processors/privacy-erase.ts';
import { processPrivacyExport } from './processors/privacy-export.ts';
import { processRetentionPurgeUninstalled } from './processors/retention-purge-uninstalled.ts';
import { processRetentionSweep } from './processors/retention-sweep.ts';
import { processSchedulesReconcile } from './processors/schedules-reconcile.ts';
import { createWorker, type QueueBackend } from './queue-backend.ts';

const processors: { [N in JobName]: Processor<N> } = {
  'home.publish': processHomePublish,
  'onboarding.welcome': processOnboardingWelcome,
  'members.sync': processMembersSync,
  'privacy.erase': processPrivacyErase,
  'retention.sweep': processRetentionSweep,
  'retention.purge-uninstalled': processRetentionPurgeUninstalled,
  'insights.recompute': processInsightsRecompute,
  'insights.update': processInsightsUpdate,
  'privacy.export': processPrivacyExport,
  'audit.export': processAuditExport,
  'kudos.give': processKudosGive,
  'kudos.announce': processKudosAnnounce,
  'kudos.retract': processKudosRetract,
  'kudos.sweep': processKudosSweep,
  'schedules.reconcile': processSchedulesReconcile,
  'kudos.prompt': processKudosPrompt,
  'kudos.digest': processKudosDigest,
  'celebrations.post': processCelebrationsPost,
  'celebrations.tick': processCelebrationsTick,
  'celebrations.digest': processCelebrationsDigest,
  'celebrations.ask-dates': processCelebrationsAskDates,
  'pairing.tick': processPairingTick,
  'pairing.round': processPairingRound,
  'pairing.resume': processPairingResume,
  'mentorship.announce': processMentorshipAnnounce,
  'mentorship.intro': processMentorshipIntro,
  'mentorship.sweep': processMentorshipSweep,
  'mentorship.checkin': processMentorshipCheckin,
  'mentorship.fit-check': processMentorshipFitCheck,
  'mentorship.idle': processMentorshipIdle,
  'mentorship.feedback': processMentorshipFeedback,
  'mentorship.ended': processMentorshipEnded,
  'mentorship.rematch': processMentorshipRematch,
  'pairing.deliver': processPairingDeliver,
  'pairing.unmatched': processPairingUnmatched,
  'pairing.checkin': processPairingCheckin,
  'pairing.checkin-update': processPairingCheckinUpdate,
  'pairing.close': processPairingClose,
  'pairing.greet': processPairingGreet,
  'pairing.welcome': processPairingWelcome,
  'pairing.stranded': processPairingStranded,
  'mentorship.request': processMentorshipRequest,
  'mentorship.accepted': processMentorshipAccepted,
  'mentorship.handoff': processMentorshipHandoff,
  'mentorship.expire': processMentorshipExpire,
  'learning.request': processLearningRequest,
  'learning.accepted': processLearningAccepted,
  'learning.handoff': processLearningHandoff,
  'learning.expire': processLearningExpire,
  'insights.home-picture': processInsightsHomePicture,
  'insights.recap-tick': processInsightsRecapTick,
  'insights.recap': processInsightsRecap,
  'keep-in-touch.sweep': processKeepInTouchSweep,
  'keep-in-touch.prompt': processKeepInTouchPrompt,
  'keep-in-touch.reconnect': processKeepInTouchReconnect,
  'keep-in-touch.hello': processKeepInTouchHello,
};

export interface WorkerOptions {
  backend: QueueBackend;
  concurrency?: number;
  metrics: Metrics;
  /** The newest payload version this worker reads, per job it knows: every contract's own by default. */
  understood?: Record<string, number>;
  /** How long a job this worker cannot read waits before any worker takes it again (30 s by default). */
  refusedJobDelayMs?: number;
}

interface JobRunOptions {
  understood: Record<string, number>;
  refusedJobDelayMs: number;
}

export interface Workers {
  /** Stops taking jobs, lets active ones finish (or hands them back when `force`), then disconnects. */
  close(force?: boolean): Promise<void>;
}

// Spread delayed retries a little so jobs paused by the same 429 do not all return in the same instant.
const jitterMillis = () => Math.floor(Math.random() * 250);

/**
 * Hands back a job a newer release queued (a name or payload version this worker does not know), as happens
 * while old and new workers run side by side during a rolling upgrade: delayed, not failed, so a worker that
 * reads it takes it later and no attempt is spent.
 */
async function refuseForNow(
  job: Job,
  token: string | undefined,
  version: number,
  deps: ProcessorDeps,
  options: JobRunOptions,
): Promise<never> {
  const readsUpTo = options.understood[job.name];
  deps.logger.warn(
    { job: job.name, jobId: job.id, version, readsUpTo: readsUpTo ?? null, retryInMs: options.refusedJobDelayMs },
    readsUpTo === undefined
      ? `job ${job.name} (payload v${version}) is unknown to this worker: handed back to retry later`
      : `job ${job.name} has payload v${version}, newer than the v${readsUpTo} this worker reads: handed back to retry later`,
  );
  // Without a lock token the job cannot be moved; failing it would let BullMQ retry it with backoff instead.
  if (!token) throw new Error(`job ${job.name} v${version} is not understood by this worker`);
  await job.moveToDelayed(Date.now() + options.refusedJobDelayMs + jitterMillis(), token);
  throw new DelayedError();
}

async function runJob(
  job: Job,
  token: string | undefined,
  deps: ProcessorDeps,
  options: JobRunOptions,
): Promise<unknown> {
  const version = payloadVersionIn(job.data);
  const readsUpTo = options.understood[job.name];
  if (!isJobName(job.name) || readsUpTo === undefined)
    return await refuseForNow(job, token, version ?? 0, deps, options);
  const name: JobName = job.name;
  if (version === undefined) {
    throw new UnrecoverableError(
      `invalid payload for ${name}: its version ${JSON.stringify((job.data as Record<string, unknown>).v)} is not a positive integer`,
    );
  }
  if (version > readsUpTo) return await refuseForNow(job, token, version, deps, options);
  let data: ReturnType<typeof parseJobData>;
  try {
    data = parseJobData(name, job.data);
  } catch (error) {
    throw new UnrecoverableError(
      `invalid payload for ${name}: ${error instanceof ZodError ? error.message : String(error)}`,
    );
  }
  const processor = processors[name] as Processor<JobName>;
  try {
    return await processor(data, {
      deps,
      jobId: job.id,
      finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      saveProgress: async (next) => {
        // A resumed run still belongs to the trace that queued the job, and keeps its payload version.
        const traceContext = traceContextOf(job.data);
        const versioned = versionedPayload(name, next);
        await job.updateData(traceContext ? { ...versioned, traceContext } : versioned);
      },
    });
  } catch (error) {
    if (error instanceof SlackRateLimitedError && token) {
      // Honour Retry-After: park this job until then. A delay is not a failed attempt, so nothing is lost.
      await job.moveToDelayed(Date.now() + error.retryAfterMs + jitterMillis(), token);
      throw new DelayedError();
    }
    if (error instanceof WorkspaceInactiveError) {
      deps.logger.info({ job: name, jobId: job.id, workspaceId: error.workspaceId }, 'skipped: workspace inactive');
      return { skipped: 'workspace inactive' };
    }
    if (error instanceof SlackPermanentError) throw new UnrecoverableError(error.message);
    throw error;
  }
}

export function startWorkers(deps: ProcessorDeps, options: WorkerOptions): Workers {
  const runOptions: JobRunOptions = {
    understood: options.understood ?? understoodPayloadVersions(),
    refusedJobDelayMs: options.refusedJobDelayMs ?? 30_000,
  };
  const workers = queueNames.map((queueName: QueueName) => {
    const measured = async (job: Job, token: string | undefined) => {
      const started = performance.now();
      // Job names come from the queue, not the code: an unknown one must not add a series per name.
      const labels = { queue: queueName, job: isJobName(job.name) ? job.name : 'unknown' };
      let outcome: 'completed' | 'failed' | 'delayed' = 'completed';
      try {
        return await runJob(job, token, deps, runOptions);
      } catch (error) {
        outcome = error instanceof DelayedError ? 'delayed' : 'failed';
        if (outcome === 'failed') {
          deps.logger.warn(
            { job: job.name, jobId: job.id, attempt: job.attemptsMade + 1, err: error },
            'job attempt failed',
          );
        }
        throw error;
      } finally {
        options.metrics.jobs.inc({ ...labels, outcome });
        options.metrics.jobDuration.observe({ ...labels, outcome }, (performance.now() - started) / 1000);
      }
    };
    const worker = createWorker(
      queueName,
      async (job, token) => {
        const tracer = activeTracer();
        if (!tracer) return await measured(job, token);
        // A child of the span that queued it (the Slack request, or the job before it): one trace end to end.
        const workspaceId = (job.data as { workspaceId?: unknown } | undefined)?.workspaceId;
        return await tracer.startActiveSpan(
          `job ${isJobName(job.name) ? job.name : 'unknown'}`,
          {
            kind: SpanKind.CONSUMER,
            attributes: {
              'messaging.system': 'bullmq',
              'messaging.destination.name': queueName,
              'messaging.message.id': job.id ?? '',
              'nudge.job.attempt': job.attemptsMade + 1,
              ...(typeof workspaceId === 'string' ? { 'nudge.workspace_id': workspaceId } : {}),
            },
          },
          contextFromTraceHeaders(traceContextOf(job.data)),
          async (span) => {
            try {
              return await measured(job, token);
            } catch (error) {
              span.setAttribute('nudge.job.outcome', error instanceof DelayedError ? 'delayed' : 'failed');
              if (!(error instanceof DelayedError)) span.setStatus({ code: SpanStatusCode.ERROR });
              throw error;
            } finally {
              span.end();
            }
          },
        );
      },
      options.backend,
      {
        concurrency: options.concurrency ?? 8,
        // A worker killed mid-job leaves its lock to expire; the job then runs again, and processors are idempotent.
        lockDuration: 30_000,
        stalledInterval: 15_000,
      },
    );
    worker.on('error', (error) => deps.logger.error({ queue: queueName, err: error }, 'worker error'));
    return worker;
  });

  return {
    async close(force = false) {
      await Promise.all(workers.map((worker) => worker.close(force)));
    },
  };
}
