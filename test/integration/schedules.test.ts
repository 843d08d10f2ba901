import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { reconcileSchedules } from '../../jobs/schedules.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { startRedisProcess } from '../support/redis-server.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
let redis: Awaited<ReturnType<typeof startRedisProcess>>;

beforeAll(async () => {
  redis = await startRedisProcess();
  h = await startHarness({ label: 'schedules', redisUrl: redis.url });
});
afterAll(async () => {
  await h?.stop();
  await redis?.stop();
});

const schedulerIds = async () =>
  (await h.service.deps.queues.queue('nudge-tasks').getJobSchedulers()).map((s) => s.key).sort();

test('job schedulers are derived from Postgres and come back after Redis is flushed', async () => {
  expect(await schedulerIds()).toEqual([
    'global.kudos.sweep',
    'global.retention.purge-uninstalled',
    'ws.T0ACME.insights.recap-tick',
    'ws.T0ACME.insights.recompute',
    'ws.T0ACME.members.sync',
    'ws.T0ACME.retention.sweep',
  ]);

  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
  expect(await schedulerIds()).toEqual([]);

  const result = await reconcileSchedules(h.service.deps);
  expect(result.upserted).toBe(6);
  expect(await schedulerIds()).toEqual([
    'global.kudos.sweep',
    'global.retention.purge-uninstalled',
    'ws.T0ACME.insights.recap-tick',
    'ws.T0ACME.insights.recompute',
    'ws.T0ACME.members.sync',
    'ws.T0ACME.retention.sweep',
  ]);
  // Reconciling again changes nothing: every worker can run it on its own timer.
  expect(await reconcileSchedules(h.service.deps)).toEqual({ upserted: 0, removed: 0 });
});

test("an uninstalled workspace's schedulers are removed and stay removed", async () => {
  await h.driver.event({ teamId: h.workspace.teamId, event: { type: 'app_uninstalled' } });
  await eventually(
    async () => ((await schedulerIds()).includes('ws.T0ACME.members.sync') ? undefined : true),
    'removal',
  );
  await reconcileSchedules(h.service.deps);
  expect(await schedulerIds()).toEqual(['global.kudos.sweep', 'global.retention.purge-uninstalled']);
});
