import type { Db } from '../src/db/database.ts';
import type { Clock } from '../src/observability/clock.ts';
import type { Logger } from '../src/observability/logger.ts';
import type { SecretBox } from '../src/security/secret-box.ts';
import type { SlackSender } from '../src/slack/platform/send.ts';
import type { JobData, JobName } from './contracts.ts';
import type { JobQueues } from './queues.ts';

export interface ProcessorDeps {
  db: Db;
  sender: SlackSender;
  queues: JobQueues;
  clock: Clock;
  logger: Logger;
  /** Opens secrets a job carries sealed (a slash command's response_url). */
  secrets: SecretBox;
  /** Divides Slack's pacing intervals: 1 in production; benchmarks against a time-compressed sandbox raise it. */
  slackTimeScale?: number;
}

export interface ProcessorContext<N extends JobName> {
  deps: ProcessorDeps;
  jobId: string | undefined;
  /** No retry follows if this run fails: the last chance to tell someone instead of failing silently. */
  finalAttempt: boolean;
  /** Saves progress into the job's payload, so a delayed or retried run resumes where this one stopped. */
  saveProgress(data: JobData<N>): Promise<void>;
}

/** One idempotent processor per job: it may run more than once for the same job and must act once. */
export type Processor<N extends JobName> = (data: JobData<N>, context: ProcessorContext<N>) => Promise<unknown>;
