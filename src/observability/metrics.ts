import { Counter, Histogram, Registry } from 'prom-client';

/** One registry per process (not prom-client's global), so tests can build several apps side by side. */
export interface Metrics {
  registry: Registry;
  listenerRequests: Counter<'listener' | 'outcome'>;
  listenerDuration: Histogram<'listener'>;
  jobs: Counter<'queue' | 'job' | 'outcome'>;
  jobDuration: Histogram<'queue'>;
  slackCalls: Counter<'method' | 'outcome'>;
  slackRateLimited: Counter<'method'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
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
      help: 'Job processing time, by queue',
      labelNames: ['queue'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    slackCalls: new Counter({
      name: 'nudge_slack_api_calls_total',
      help: 'Slack Web API calls, by method and outcome (ok, error, http_error, rate_limited, network_error)',
      labelNames: ['method', 'outcome'],
      registers: [registry],
    }),
    slackRateLimited: new Counter({
      name: 'nudge_slack_api_rate_limited_total',
      help: 'HTTP 429 answers from Slack, by method',
      labelNames: ['method'],
      registers: [registry],
    }),
  };
}
