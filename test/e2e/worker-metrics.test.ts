import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queueNames } from '../../jobs/contracts.ts';
import { queueStates } from '../../src/observability/metrics.ts';
import { defaultWorkspace } from '../support/harness.ts';
import { reservePort } from '../support/ports.ts';
import { type ProcessServices, startProcessServices } from '../support/process-services.ts';
import { type RunningMain, runMain, waitForOutput } from '../support/processes.ts';
import { type Sample, sampleValue, scrape } from '../support/prometheus-text.ts';
import { eventually } from '../support/wait.ts';

/**
 * A worker process (`node src/main.ts worker`) has no HTTP server for Slack; with METRICS_PORT set it listens on
 * that port alone, and Prometheus scrapes the jobs it ran there.
 */
let services: ProcessServices;
let worker: RunningMain;
let metricsPort: number;

beforeAll(async () => {
  services = await startProcessServices(defaultWorkspace);
  metricsPort = await reservePort();
  worker = runMain(['worker'], { ...services.env, METRICS_PORT: String(metricsPort) });
  await waitForOutput(worker, /Nudge started/);
}, 120_000);

afterAll(async () => {
  await services?.stop(worker ? [worker] : []);
});

describe('a worker process with METRICS_PORT', () => {
  test('serves /metrics on that port: the jobs it ran, the queue gauges and readiness', async () => {
    const membersSync = { queue: 'nudge-tasks', job: 'members.sync', outcome: 'completed' };
    // The worker queues the workspace's directory sync at boot and runs it.
    const samples = await eventually(async () => {
      const scraped: Sample[] | undefined = await scrape(`http://127.0.0.1:${metricsPort}/metrics`).catch(
        () => undefined,
      );
      return scraped && (sampleValue(scraped, 'nudge_job_duration_seconds_count', membersSync) ?? 0) >= 1
        ? scraped
        : undefined;
    }, 'the boot directory sync in the worker metrics');

    expect(sampleValue(samples, 'nudge_jobs_total', membersSync)).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'nudge_job_duration_seconds_sum', membersSync)).toBeGreaterThan(0);
    for (const queue of queueNames) {
      for (const state of queueStates) {
        expect(sampleValue(samples, 'nudge_queue_jobs', { queue, state }), `${queue} ${state}`).toBeGreaterThanOrEqual(
          0,
        );
      }
    }
    // The global schedules (event pruning, the kudos sweep) wait as delayed jobs on the tasks queue.
    expect(sampleValue(samples, 'nudge_queue_jobs', { queue: 'nudge-tasks', state: 'delayed' })).toBeGreaterThanOrEqual(
      2,
    );
    expect(sampleValue(samples, 'nudge_ready', { check: 'postgres' })).toBe(1);
    expect(sampleValue(samples, 'nudge_ready', { check: 'redis' })).toBe(1);
    // users.list is what the sync called on Slack, through the worker's counted client.
    expect(
      sampleValue(samples, 'nudge_slack_api_calls_total', { method: 'users.list', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(worker.output()).toContain(`"metricsPort":${metricsPort}`);
  });
});
