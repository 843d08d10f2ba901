import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { type PostgresProcess, startPostgresProcess } from '../support/postgres-server.ts';
import { sampleValue, scrape } from '../support/prometheus-text.ts';
import { startRedisProcess } from '../support/redis-server.ts';
import { eventually } from '../support/wait.ts';

/**
 * The probes an orchestrator relies on, against servers of this test's own that it stops and starts: /livez (and
 * its older name /healthz) never depends on Postgres or Redis; /readyz says 503 naming the lost part within 10 s,
 * and 200 within 10 s of its return, with Nudge never restarted.
 */
const promisedMs = 10_000;

interface Readiness {
  status: number;
  body: { status: string; checks: Record<string, string> };
}

let postgres: PostgresProcess;

beforeAll(async () => {
  postgres = await startPostgresProcess();
});
afterAll(async () => {
  await postgres?.stop();
});

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgres.url);
  url.pathname = `/${name}`;
  return url.href;
}

async function readiness(h: Harness): Promise<Readiness> {
  const response = await fetch(`${h.appUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
}

/** Polls /readyz until `wanted` holds, for at most the 10 s Nudge promises. */
async function readinessWithinPromise(h: Harness, wanted: (r: Readiness) => boolean, what: string) {
  return await eventually(
    async () => {
      const current = await readiness(h);
      return wanted(current) ? current : undefined;
    },
    what,
    promisedMs,
  );
}

async function expectAlive(h: Harness): Promise<void> {
  for (const path of ['/livez', '/healthz']) {
    const response = await fetch(`${h.appUrl}${path}`);
    expect(response.status, path).toBe(200);
    expect(await response.json(), path).toEqual({ status: 'ok' });
  }
}

describe('queues on Redis', () => {
  let h: Harness;
  let redis: Awaited<ReturnType<typeof startRedisProcess>>;

  beforeAll(async () => {
    redis = await startRedisProcess();
    h = await startHarness({
      label: 'probes',
      roles: ['web'],
      redisUrl: redis.url,
      databaseUrl: await freshDatabase('nudge_probes_redis'),
    });
  });
  afterAll(async () => {
    await h?.stop();
    await redis?.stop();
  });

  test('/readyz names Postgres within 10 s of losing it and is ready within 10 s of its return; /livez stays 200', async () => {
    expect(await readiness(h)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { postgres: 'ok', redis: 'ok' } },
    });

    await postgres.pause();
    const down = await readinessWithinPromise(h, (r) => r.status === 503, '503 after Postgres stopped');
    expect(down.body.status).toBe('unavailable');
    expect(down.body.checks.redis).toBe('ok');
    expect(down.body.checks.postgres).not.toBe('ok');
    await expectAlive(h);

    await postgres.resume();
    const back = await readinessWithinPromise(h, (r) => r.status === 200, '200 after Postgres came back');
    expect(back.body).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  test('/readyz names Redis within 10 s of losing it and is ready within 10 s of its return; /livez stays 200', async () => {
    redis.kill();
    const down = await readinessWithinPromise(h, (r) => r.status === 503, '503 after Redis stopped');
    expect(down.body.checks.postgres).toBe('ok');
    expect(down.body.checks.redis).not.toBe('ok');
    await expectAlive(h);

    redis = await startRedisProcess(redis.port);
    const back = await readinessWithinPromise(h, (r) => r.status === 200, '200 after Redis came back');
    expect(back.body).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  test('with Postgres and Redis both stopped, /livez and /healthz answer 200 and /readyz names both', async () => {
    await postgres.pause();
    redis.kill();
    const down = await readinessWithinPromise(
      h,
      (r) => r.body.checks.postgres !== 'ok' && r.body.checks.redis !== 'ok',
      'both parts named',
    );
    expect(down.status).toBe(503);
    await expectAlive(h);

    await postgres.resume();
    redis = await startRedisProcess(redis.port);
    await readinessWithinPromise(h, (r) => r.status === 200, '200 after both came back');
  });
});

describe('queues on PostgreSQL (no Redis), web and worker in one process', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      label: 'probes-pg',
      queueBackend: 'postgres',
      databaseUrl: await freshDatabase('nudge_probes_pg'),
    });
    // The boot's directory sync ran as a job: the workers are connected before their database goes away. (BullMQ's
    // PostgreSQL backend keeps a connection that failed while it was first connecting failed for good.)
    await waitForMember(h.service.deps.db, h.workspace.teamId, 'U0ALICE');
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('/readyz names Postgres within 10 s of losing it and is ready within 10 s of its return; /livez stays 200', async () => {
    expect(await readiness(h)).toEqual({ status: 200, body: { status: 'ready', checks: { postgres: 'ok' } } });

    await postgres.pause();
    const down = await readinessWithinPromise(h, (r) => r.status === 503, '503 after Postgres stopped');
    expect(down.body).toEqual({ status: 'unavailable', checks: { postgres: expect.not.stringMatching(/^ok$/) } });
    await expectAlive(h);

    await postgres.resume();
    const back = await readinessWithinPromise(h, (r) => r.status === 200, '200 after Postgres came back');
    expect(back.body).toEqual({ status: 'ready', checks: { postgres: 'ok' } });
  });
});

/**
 * nudge_ready is the readiness monitor's verdict, the one /readyz serves: the two never disagree, a scrape adds no
 * check of its own, and a worker (no /readyz, scraped on its metrics port) runs the same monitor.
 */
describe('nudge_ready reads the verdict /readyz serves', () => {
  let redis: Awaited<ReturnType<typeof startRedisProcess>>;

  beforeAll(async () => {
    redis = await startRedisProcess();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  async function gauge(metricsUrl: string): Promise<Record<string, number | undefined>> {
    const samples = await scrape(metricsUrl);
    return {
      postgres: sampleValue(samples, 'nudge_ready', { check: 'postgres' }),
      redis: sampleValue(samples, 'nudge_ready', { check: 'redis' }),
    };
  }

  /** PINGs Redis has answered: the readiness check's one command. */
  async function pingsAnswered(): Promise<number> {
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await client.connect();
    const stats = await client.info('commandstats');
    client.disconnect();
    return Number(/cmdstat_ping:calls=(\d+)/.exec(stats)?.[1] ?? 0);
  }

  /**
   * Reads /readyz, the gauge, then /readyz again until /readyz reaches `wanted`; whenever both /readyz answers
   * name the same state for `check`, the gauge read between them must name it too.
   */
  async function agreeUntil(h: Harness, check: 'postgres' | 'redis', wanted: number, what: string) {
    const readyzSays = (r: Readiness) => (r.body.checks[check] === 'ok' ? 1 : 0);
    let compared = 0;
    await eventually(
      async () => {
        const before = readyzSays(await readiness(h));
        const scraped = (await gauge(`${h.appUrl}/metrics`))[check];
        const after = readyzSays(await readiness(h));
        if (before === after) {
          expect(scraped, `nudge_ready{check="${check}"} while /readyz says ${after}`).toBe(after);
          compared += 1;
        }
        return after === wanted && before === wanted ? true : undefined;
      },
      what,
      promisedMs,
    );
    expect(compared).toBeGreaterThan(0);
  }

  test('a web process: the gauge and /readyz agree through a Redis outage and its recovery, and a scrape checks nothing', async () => {
    const h = await startHarness({
      label: 'probes-gauge-web',
      roles: ['web'],
      redisUrl: redis.url,
      databaseUrl: await freshDatabase('nudge_probes_gauge_web'),
    });
    try {
      expect(await gauge(`${h.appUrl}/metrics`)).toEqual({ postgres: 1, redis: 1 });

      // Fifty scrapes at once: the monitor's own PING every 2 s, and none for the scrapes.
      const pingsBefore = await pingsAnswered();
      await Promise.all(Array.from({ length: 50 }, () => scrape(`${h.appUrl}/metrics`)));
      expect(await pingsAnswered()).toBeLessThan(pingsBefore + 50);

      redis.kill();
      await agreeUntil(h, 'redis', 0, '/readyz to name Redis gone');
      expect(await gauge(`${h.appUrl}/metrics`)).toEqual({ postgres: 1, redis: 0 });

      redis = await startRedisProcess(redis.port);
      await agreeUntil(h, 'redis', 1, '/readyz to see Redis back');
      expect(await gauge(`${h.appUrl}/metrics`)).toEqual({ postgres: 1, redis: 1 });
    } finally {
      await h.stop();
    }
  }, 60_000);

  test('a worker process: its gauge on the metrics port turns 0 within 10 s of losing Postgres and 1 within 10 s of its return', async () => {
    const h = await startHarness({
      label: 'probes-gauge-worker',
      roles: ['worker'],
      metricsPort: 0,
      redisUrl: redis.url,
      databaseUrl: await freshDatabase('nudge_probes_gauge_worker'),
    });
    const metricsUrl = `http://127.0.0.1:${h.service.metricsPort}/metrics`;
    try {
      expect(await gauge(metricsUrl)).toEqual({ postgres: 1, redis: 1 });
      const pingsBefore = await pingsAnswered();
      await Promise.all(Array.from({ length: 50 }, () => scrape(metricsUrl)));
      expect(await pingsAnswered()).toBeLessThan(pingsBefore + 50);

      await postgres.pause();
      const down = await eventually(
        async () => {
          const now = await gauge(metricsUrl);
          return now.postgres === 0 ? now : undefined;
        },
        "the worker's gauge to name Postgres gone",
        promisedMs,
      );
      expect(down).toEqual({ postgres: 0, redis: 1 });
      // The worker's monitor says so in its log, as a web process does.
      const notReady = h.logs.lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'not ready');
      expect(notReady?.checks).toEqual({ postgres: expect.not.stringMatching(/^ok$/), redis: 'ok' });

      await postgres.resume();
      await eventually(
        async () => ((await gauge(metricsUrl)).postgres === 1 ? true : undefined),
        "the worker's gauge to see Postgres back",
        promisedMs,
      );
      expect(await gauge(metricsUrl)).toEqual({ postgres: 1, redis: 1 });
    } finally {
      await postgres.resume();
      await h.stop();
    }
  }, 60_000);
});
