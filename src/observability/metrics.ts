import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The queue states the gauges report; what an operator needs to see a backlog, a stuck worker or failures. */
export const queueStates = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof queueStates)[number];

export interface QueueJobCounts {
  queue: string;
  counts: Record<QueueState, number>;
}

/** What the scrape-time gauges read. Each process hands its own once its queues and readiness monitor exist. */
export interface ScrapeSources {
  queueCounts(): Promise<QueueJobCounts[]>;
  /** The readiness monitor's last verdict, the one /readyz serves: each check's name with `ok`, or why it failed. */
  readiness(): { checks: Record<string, string> };
}

/** One registry per process (not prom-client's global), so tests can build several apps side by side. */
export interface Metrics {
  registry: Registry;
  listenerRequests: Counter<'listener' | 'outcome'>;
  listenerDuration: Histogram<'listener'>;
  jobs: Counter<'queue' | 'job' | 'outcome'>;
  jobDuration: Histogram<'queue' | 'job' | 'outcome'>;
  slackCalls: Counter<'method' | 'outcome'>;
  slackRateLimited: Counter<'method'>;
  queueJobs: Gauge<'queue' | 'state'>;
  ready: Gauge<'check'>;
  /** Starts answering the queue and readiness gauges at each scrape; until then they report nothing. */
  readAtScrape(sources: ScrapeSources): void;
}

// A scrape must not hang on a Postgres or Redis that stopped answering: Prometheus would time out the whole scrape.
const scrapeReadTimeoutMillis = 2_000;

async function withinScrapeTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<T>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${scrapeReadTimeoutMillis} ms`)),
          scrapeReadTimeoutMillis,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  let sources: ScrapeSources | undefined;
  return {
    registry,
    listenerRequests: new Counter({
      name: 'nudge_listener_requests_total',
      help: 'Slack requests handled, by listener and outcome',
      labelNames: ['listener', 'outcome'],
      registers: [registry],
    }),
    listenerDuration: new Histogram({
      name: 'nudge_listener_duration_seconds',
      help: 'Time spent in listeners, by listener',
      labelNames: ['listener'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'nudge_jobs_total',
      help: 'Jobs finished, by queue, job name and outcome (completed, failed, delayed)',
      labelNames: ['queue', 'job', 'outcome'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'nudge_job_duration_seconds',
      help: 'Job processing time, by queue, job name and outcome (completed, failed, delayed)',
      labelNames: ['queue', 'job', 'outcome'],
      // Up to a pairing round's minutes: delivery of a large round is paced under Slack's Tier 3.
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    slackCalls: new Counter({
      name: 'nudge_slack_api_calls_total',
      help: 'Slack Web API calls, by method and outcome (ok: HTTP 2xx, whatever its ok field; http_error, rate_limited: HTTP 429, network_error)',
      labelNames: ['method', 'outcome'],
      registers: [registry],
    }),
    slackRateLimited: new Counter({
      name: 'nudge_slack_api_rate_limited_total',
      help: 'HTTP 429 answers from Slack, by method',
      labelNames: ['method'],
      registers: [registry],
    }),
    queueJobs: new Gauge({
      name: 'nudge_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (waiting, active, delayed, failed), read at scrape time; every process reports the same shared queues',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        // Read at scrape time, so an unscraped process does no work and what is shown is never older than the scrape.
        this.reset();
        if (!sources) return;
        // An unreachable backend leaves the gauge empty rather than failing the scrape or repeating old counts.
        const perQueue = await withinScrapeTimeout(sources.queueCounts()).catch(() => []);
        for (const { queue, counts } of perQueue) {
          for (const state of queueStates) this.set({ queue, state }, counts[state]);
        }
      },
    }),
    ready: new Gauge({
      name: 'nudge_ready',
      help: "Whether each dependency answers (1) or not (0): the readiness monitor's last verdict, as /readyz serves it (postgres, redis)",
      labelNames: ['check'],
      registers: [registry],
      collect() {
        // The monitor's verdict rather than a check of its own, so the gauge never disagrees with /readyz and a
        // scrape adds no query to a Postgres or Redis that is struggling.
        this.reset();
        if (!sources) return;
        for (const [name, outcome] of Object.entries(sources.readiness().checks)) {
          this.set({ check: name }, outcome === 'ok' ? 1 : 0);
        }
      },
    }),
    readAtScrape(next) {
      sources = next;
    },
  };
}
