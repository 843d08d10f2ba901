import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';
import { startRedisProcess } from '../support/redis-server.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
let redis: Awaited<ReturnType<typeof startRedisProcess>>;

beforeAll(async () => {
  redis = await startRedisProcess();
  h = await startHarness({ label: 'ready', redisUrl: redis.url, roles: ['web'] });
});
afterAll(async () => {
  await h?.stop();
  await redis?.stop();
});

test('/readyz names the failing part with 503 while Redis is down, and recovers without a restart', async () => {
  expect((await fetch(`${h.appUrl}/readyz`)).status).toBe(200);
  redis.kill();
  const down = await eventually(async () => {
    const response = await fetch(`${h.appUrl}/readyz`);
    return response.status === 503 ? response : undefined;
  }, '503 from /readyz');
  const body = (await down.json()) as { status: string; checks: Record<string, string> };
  expect(body.status).toBe('unavailable');
  expect(body.checks.postgres).toBe('ok');
  expect(body.checks.redis).not.toBe('ok');
  expect((await fetch(`${h.appUrl}/healthz`)).status).toBe(200);

  redis = await startRedisProcess(redis.port);
  await eventually(
    async () => ((await fetch(`${h.appUrl}/readyz`)).status === 200 ? true : undefined),
    'recovery',
    15_000,
  );
});
