import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queueNames } from '../../jobs/contracts.ts';
import { findSend } from '../../src/db/queries/slack-sends.ts';
import { queueStates } from '../../src/observability/metrics.ts';
import { type Harness, type QueueBackendKind, startHarness } from '../support/harness.ts';
import { type Sample, sampleValue, scrape } from '../support/prometheus-text.ts';
import { startRedisProcess } from '../support/redis-server.ts';
import { eventually } from '../support/wait.ts';

/**
 * Real jobs through BullMQ on each queue backend, then a Prometheus scrape: the queue gauges, the job duration
 * histogram by job and outcome, the Slack call counts and the readiness gauge. The PostgreSQL run scrapes the
 * separate metrics port, which also takes /metrics off the port Slack reaches. With Redis gone, a scrape still
 * answers, without stale queue counts.
 */
const runs: { queueBackend: QueueBackendKind; metricsPort: number | undefined }[] = [
  { queueBackend: 'redis', metricsPort: undefined },
  { queueBackend: 'postgres', metricsPort: 0 },
];

describe.each(runs)('metrics on the $queueBackend queue backend (metrics port: $metricsPort)', (run) => {
  let h: Harness;
  let metricsUrl: string;

  beforeAll(async () => {
    h = await startHarness({
      label: `metrics-${run.queueBackend}`,
      queueBackend: run.queueBackend,
      ...(run.metricsPort !== undefined ? { metricsPort: run.metricsPort } : {}),
    });
    metricsUrl =
      run.metricsPort === undefined ? `${h.appUrl}/metrics` : `http://127.0.0.1:${h.service.metricsPort}/metrics`;
  });
  afterAll(async () => {
    await h?.stop();
  });

  const reactionKudos = (messageTs: string) => ({
    source: 'reaction' as const,
    workspaceId: h.workspace.teamId,
    giverId: 'U0ALICE',
    recipientId: 'U0BOB',
    channelId: 'C0GENERAL',
    messageTs,
  });

  const durationOf = (samples: Sample[], labels: Record<string, string>) => ({
    count: sampleValue(samples, 'nudge_job_duration_seconds_count', labels),
    sum: sampleValue(samples, 'nudge_job_duration_seconds_sum', labels),
    slowest: sampleValue(samples, 'nudge_job_duration_seconds_bucket', { ...labels, le: '+Inf' }),
  });

  test('queue gauges, job durations by job and outcome, Slack 429s and readiness, after real jobs ran', async () => {
    const before = await scrape(metricsUrl);
    for (const queue of queueNames) {
      for (const state of queueStates) {
        expect(sampleValue(before, 'nudge_queue_jobs', { queue, state }), `${queue} ${state}`).toBeGreaterThanOrEqual(
          0,
        );
      }
    }

    // A welcome DM whose first post Slack answers with a 429: the job is parked (delayed), then completes.
    h.sandbox.inject({ method: 'chat.postMessage', kind: 'ratelimited', retryAfterSeconds: 1 });
    await h.service.deps.queues.enqueue('onboarding.welcome', { workspaceId: h.workspace.teamId, userId: 'U0BOB' });
    await eventually(async () => {
      const row = await findSend(h.service.deps.db, h.workspace.teamId, 'onboarding.welcome.U0BOB');
      return row?.status === 'sent' ? row : undefined;
    }, 'the welcome DM sent');
    // A job whose payload no processor accepts (as an older or newer producer could queue): it fails for good.
    await h.service.deps.queues.queue('nudge-tasks').add('members.sync', { workspaceId: 'not a workspace' });
    // And a reaction's kudos due in a day, which waits as delayed (nothing else is ever delayed on this queue).
    await h.service.deps.queues.enqueue('kudos.give', reactionKudos('1700000000.000100'), { delayMs: 24 * 3_600_000 });

    const after = await eventually(async () => {
      const samples = await scrape(metricsUrl);
      return sampleValue(samples, 'nudge_queue_jobs', { queue: 'nudge-tasks', state: 'failed' }) === 1
        ? samples
        : undefined;
    }, 'the failed job counted');

    const delayed = { queue: 'nudge-interactions', state: 'delayed' };
    expect(sampleValue(after, 'nudge_queue_jobs', delayed)).toBe(sampleValue(before, 'nudge_queue_jobs', delayed)! + 1);
    for (const queue of ['nudge-interactions', 'nudge-messages']) {
      expect(sampleValue(after, 'nudge_queue_jobs', { queue, state: 'failed' }), queue).toBe(0);
    }

    const welcome = { queue: 'nudge-messages', job: 'onboarding.welcome' };
    const completed = durationOf(after, { ...welcome, outcome: 'completed' });
    expect(completed.count).toBe(1);
    expect(completed.sum).toBeGreaterThan(0);
    expect(completed.slowest).toBe(completed.count);
    expect(durationOf(after, { ...welcome, outcome: 'delayed' }).count).toBe(1);
    const failed = durationOf(after, { queue: 'nudge-tasks', job: 'members.sync', outcome: 'failed' });
    expect(failed.count).toBe(1);
    expect(failed.slowest).toBe(1);
    // The boot's directory sync ran as a job of its own.
    expect(
      durationOf(after, { queue: 'nudge-tasks', job: 'members.sync', outcome: 'completed' }).count,
    ).toBeGreaterThanOrEqual(1);

    expect(
      sampleValue(after, 'nudge_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'rate_limited' }),
    ).toBe(1);
    expect(sampleValue(after, 'nudge_slack_api_rate_limited_total', { method: 'chat.postMessage' })).toBe(1);
    expect(
      sampleValue(after, 'nudge_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);

    expect(sampleValue(after, 'nudge_ready', { check: 'postgres' })).toBe(1);
    expect(sampleValue(after, 'nudge_ready', { check: 'redis' })).toBe(run.queueBackend === 'redis' ? 1 : undefined);
  }, 60_000);

  test('a job no worker takes shows as waiting', async () => {
    await h.service.workers?.close();
    const before = await scrape(metricsUrl);
    const waiting = { queue: 'nudge-interactions', state: 'waiting' };
    await h.service.deps.queues.enqueue('kudos.give', reactionKudos('1700000000.000200'));
    const after = await scrape(metricsUrl);
    expect(sampleValue(after, 'nudge_queue_jobs', waiting)).toBe(
      (sampleValue(before, 'nudge_queue_jobs', waiting) ?? 0) + 1,
    );
  });

  test('/metrics is on the main port unless a metrics port is set; the metrics port serves nothing else', async () => {
    const onMainPort = await fetch(`${h.appUrl}/metrics`);
    expect(onMainPort.status).toBe(run.metricsPort === undefined ? 200 : 404);
    expect((await fetch(`${h.appUrl}/healthz`)).status).toBe(200);
    expect(h.service.metricsPort === undefined).toBe(run.metricsPort === undefined);
    if (h.service.metricsPort !== undefined) {
      expect((await fetch(`http://127.0.0.1:${h.service.metricsPort}/slack/events`)).status).toBe(404);
    }
  });
});

describe('metrics while Redis is away', () => {
  let h: Harness;
  let redis: Awaited<ReturnType<typeof startRedisProcess>>;

  beforeAll(async () => {
    redis = await startRedisProcess();
    h = await startHarness({ label: 'metrics-outage', redisUrl: redis.url });
  });
  afterAll(async () => {
    await h?.stop();
    await redis?.stop();
  });

  const queueGauges = (samples: Sample[]) => samples.filter((s) => s.name === 'nudge_queue_jobs');

  test('the scrape still answers: readiness says redis 0 and no stale queue counts; both return with Redis', async () => {
    const up = await scrape(`${h.appUrl}/metrics`);
    expect(queueGauges(up)).toHaveLength(queueNames.length * queueStates.length);
    expect(sampleValue(up, 'nudge_ready', { check: 'redis' })).toBe(1);

    redis.kill();
    const away = await eventually(async () => {
      const samples = await scrape(`${h.appUrl}/metrics`);
      return sampleValue(samples, 'nudge_ready', { check: 'redis' }) === 0 ? samples : undefined;
    }, 'the scrape to see Redis gone');
    expect(sampleValue(away, 'nudge_ready', { check: 'postgres' })).toBe(1);
    expect(queueGauges(away)).toEqual([]);
    expect(sampleValue(away, 'nudge_slack_api_calls_total', { method: 'auth.test', outcome: 'ok' })).toBeGreaterThan(0);

    redis = await startRedisProcess(redis.port);
    const back = await eventually(
      async () => {
        const samples = await scrape(`${h.appUrl}/metrics`);
        return sampleValue(samples, 'nudge_ready', { check: 'redis' }) === 1 && queueGauges(samples).length > 0
          ? samples
          : undefined;
      },
      'the scrape to see Redis back',
      20_000,
    );
    expect(queueGauges(back)).toHaveLength(queueNames.length * queueStates.length);
  }, 60_000);
});
