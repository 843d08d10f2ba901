import { afterEach, expect, test } from 'vitest';
import { createReadinessMonitor, type ReadinessMonitor } from '../../src/http/readiness.ts';
import { eventually } from '../support/wait.ts';

const fast = { intervalMs: 20, timeoutMs: 50 };
const monitors: ReadinessMonitor[] = [];
afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.stop();
});

function monitorOf(...args: Parameters<typeof createReadinessMonitor>): ReadinessMonitor {
  const monitor = createReadinessMonitor(...args);
  monitors.push(monitor);
  return monitor;
}

test('reading the verdict runs no check: a thousand reads cost no round trip', async () => {
  let pings = 0;
  const monitor = monitorOf([{ name: 'postgres', check: async () => void pings++ }], {
    timing: { intervalMs: 60_000, timeoutMs: 1_000 },
  });
  await monitor.start();
  expect(pings).toBe(1);
  for (let i = 0; i < 1_000; i++) expect(monitor.current()).toEqual({ ready: true, checks: { postgres: 'ok' } });
  expect(pings).toBe(1);
});

test('the background probe notices a failure and the recovery, naming the failing part', async () => {
  let redisUp = true;
  const monitor = monitorOf(
    [
      { name: 'postgres', check: async () => {} },
      {
        name: 'redis',
        check: async () => {
          if (!redisUp) throw new Error('Connection is closed.');
        },
      },
    ],
    { timing: fast },
  );
  await monitor.start();
  expect(monitor.current().ready).toBe(true);

  redisUp = false;
  const down = await eventually(async () => (monitor.current().ready ? undefined : monitor.current()), 'failure');
  expect(down).toEqual({ ready: false, checks: { postgres: 'ok', redis: 'Connection is closed.' } });

  redisUp = true;
  await eventually(async () => (monitor.current().ready ? true : undefined), 'recovery');
});

test('a check that never answers fails after the timeout and is not started again while it hangs', async () => {
  let started = 0;
  let rounds = 0;
  let answer: () => void = () => {};
  const monitor = monitorOf(
    [
      {
        name: 'postgres',
        check: () => {
          started++;
          return new Promise<void>((resolve) => {
            answer = resolve;
          });
        },
      },
      { name: 'redis', check: async () => void rounds++ },
    ],
    { timing: fast },
  );
  await monitor.start();
  expect(monitor.current()).toEqual({ ready: false, checks: { postgres: 'no answer within 50 ms', redis: 'ok' } });
  // Probe rounds go on (redis is asked each time) while the first postgres check still hangs: it is awaited
  // again, never repeated, so a server that stopped answering cannot collect a pile of open connections.
  await eventually(async () => (rounds >= 5 ? true : undefined), 'five probe rounds');
  expect(started).toBe(1);

  answer();
  await eventually(async () => (monitor.current().ready ? true : undefined), 'the late answer');
});
