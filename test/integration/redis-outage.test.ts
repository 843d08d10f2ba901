import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { commandAnswer } from '../../src/sandbox/index.ts';
import { tryAgainText } from '../../src/slack/platform/error-replies.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { startRedisProcess } from '../support/redis-server.ts';
import { messagesByKey } from '../support/sent-messages.ts';
import { eventually } from '../support/wait.ts';

/**
 * Redis restarted (empty) or flushed under a running Nudge. Gifts live in Postgres, so a /kudos during the
 * outage is answered and recorded; job schedulers are derived again from Postgres; and the kudos sweep
 * re-drives any announcement whose job Redis lost. The web process is never restarted.
 */
const teamId = 'T0REDIS';
let h: Harness;
let redis: Awaited<ReturnType<typeof startRedisProcess>>;
/** The app's clock, moved forward to let the sweep's grace period pass without waiting for it. */
let skewMs = 0;
const clock = { now: () => new Date(Date.now() + skewMs) };

beforeAll(async () => {
  redis = await startRedisProcess();
  h = await startHarness({ label: 'redis-outage', redisUrl: redis.url, clock, workspaces: [kudosWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0P23');
});
afterAll(async () => {
  await h?.stop();
  await redis?.stop();
});

/** What the giver saw: queued kudos are answered through the response_url, the fallback in the ack itself. */
async function kudos(giver: string, recipient: string, reason: string): Promise<string> {
  const response = await h.driver.command({
    teamId,
    userId: giver,
    channelId: 'C0KUDOS',
    command: '/kudos',
    text: `<@${recipient}> ${reason}`,
  });
  expect(response.status).toBe(200);
  return (await commandAnswer(h.sandbox, response)).text ?? '';
}

async function giftOf(giver: string) {
  return await h.service.deps.db
    .selectFrom('kudos_gifts')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .where('giver_id', '=', giver)
    .executeTakeFirstOrThrow();
}

async function announced(giftId: string) {
  return await eventually(
    async () => {
      const row = await h.service.deps.db
        .selectFrom('kudos_gifts')
        .select('announced_at')
        .where('id', '=', giftId)
        .executeTakeFirst();
      return row?.announced_at ?? undefined;
    },
    `gift ${giftId} announced`,
    30_000,
  );
}

/** Runs the sweep as its every-5-minutes scheduler would, once its 2-minute grace has passed. */
async function sweepAfterGrace(): Promise<void> {
  skewMs += 3 * 60 * 1000;
  await h.service.deps.queues.enqueue('kudos.sweep', {});
}

const schedulerIds = async () =>
  (await h.service.deps.queues.queue('nudge-tasks').getJobSchedulers()).map((s) => s.key).sort();

const postsFor = (giftId: string) => messagesByKey(h.sandbox).get(`kudos.post.${giftId}`) ?? [];

describe('Redis restarted under a running Nudge', () => {
  test('a /kudos during the outage is answered and recorded, announced once after; schedules come back', async () => {
    const before = await schedulerIds();
    expect(before).toContain('global.kudos.sweep');

    redis.kill();
    await eventually(
      async () => ((await fetch(`${h.appUrl}/readyz`)).status === 503 ? true : undefined),
      'readiness to notice',
    );
    // The kudos job cannot be queued, so the give happens in the request and the ack answers.
    const duringResponse = await h.driver.command({
      teamId,
      userId: 'U0P01',
      channelId: 'C0KUDOS',
      command: '/kudos',
      text: '<@U0P02> for holding the fort while Redis was away',
    });
    const during = (duringResponse.json as { text?: string } | undefined)?.text ?? '';
    expect(during).toContain('Kudos sent');
    expect(during).not.toBe(tryAgainText);
    const outageGift = await giftOf('U0P01');

    redis = await startRedisProcess(redis.port);
    // The web process recovers by itself: readiness, and a normal /kudos that is announced straight away.
    await eventually(
      async () => ((await fetch(`${h.appUrl}/readyz`)).status === 200 ? true : undefined),
      'readiness to recover',
      20_000,
    );
    // The restarted Redis is empty; reconnecting re-derives every scheduler from Postgres.
    await eventually(async () => ((await schedulerIds()).join() === before.join() ? true : undefined), 'schedulers');
    expect(await kudos('U0P03', 'U0P04', 'for the first kudos after the outage')).toContain('Kudos sent');
    const afterGift = await giftOf('U0P03');
    await announced(afterGift.id);
    expect(postsFor(afterGift.id)).toHaveLength(1);

    // The outage gift's job was never queued; the sweep finds it in Postgres.
    expect(postsFor(outageGift.id)).toHaveLength(0);
    await sweepAfterGrace();
    await announced(outageGift.id);
    expect(postsFor(outageGift.id)).toHaveLength(1);
    expect(messagesByKey(h.sandbox).get(`kudos.dm.${outageGift.id}.U0P02`)).toHaveLength(1);
  }, 90_000);
});

describe('Redis flushed under a running Nudge', () => {
  test('an announcement parked by a 429 and then flushed away is re-driven by the sweep, once', async () => {
    h.sandbox.inject({ method: 'chat.postMessage', teamId, kind: 'ratelimited', retryAfterSeconds: 4 });
    expect(await kudos('U0P05', 'U0P06', 'for the patience with the rate limits')).toContain('Kudos sent');
    const gift = await giftOf('U0P05');
    await h.sandbox.waitFor(() => h.sandbox.callsTo('chat.postMessage', { teamId }).find((c) => c.status === 429));
    const client = new Redis(redis.url);
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
    expect(await schedulerIds()).toEqual([]);
    // The periodic reconcile (every 5 minutes) puts the schedulers back from Postgres.
    await h.service.deps.queues.enqueue('schedules.reconcile', {});
    await eventually(async () => ((await schedulerIds()).includes('global.kudos.sweep') ? true : undefined), 'sweep');

    await sweepAfterGrace();
    await announced(gift.id);
    expect(postsFor(gift.id)).toHaveLength(1);
    expect(messagesByKey(h.sandbox).get(`kudos.dm.${gift.id}.U0P06`)).toHaveLength(1);
  }, 90_000);

  test('an announcement whose job ran out of attempts is re-driven by the sweep once Slack is back', async () => {
    // A gift recorded as the listener records it; its announcement then fails for good, as after an outage
    // longer than the job's retries (one attempt here instead of eight, to keep the test short).
    const given = await giveKudos(h.service.deps.db, {
      workspaceId: teamId,
      giverId: 'U0P07',
      recipientIds: ['U0P08'],
      reason: 'for the careful incident write-up',
      tags: [],
      channelId: 'C0KUDOS',
      source: 'command',
      requestKey: 'command:exhausted-job',
      messageLink: null,
      now: clock.now(),
    });
    if (!given.ok) throw new Error('kudos refused');
    h.sandbox.inject({ method: 'chat.postMessage', teamId, kind: 'http_error', status: 503 });
    const failing = await h.service.deps.queues
      .queue('nudge-messages')
      .add(
        'kudos.announce',
        { workspaceId: teamId, giftId: given.giftId },
        { jobId: `kudos.announce.${given.giftId}`, attempts: 1 },
      );
    await eventually(async () => ((await failing.isFailed()) ? true : undefined), 'the job to fail for good');
    expect(postsFor(given.giftId)).toHaveLength(0);

    await sweepAfterGrace();
    await announced(given.giftId);
    expect(postsFor(given.giftId)).toHaveLength(1);
    expect(messagesByKey(h.sandbox).get(`kudos.dm.${given.giftId}.U0P08`)).toHaveLength(1);
  }, 60_000);
});

describe('an undo while Redis is away', () => {
  test('leaves no trace once Redis is back: the sweep re-drives the retraction its job could not queue', async () => {
    expect(await kudos('U0P09', 'U0P10', 'for the calm rollback on Friday')).toContain('Kudos sent');
    const gift = await giftOf('U0P09');
    await announced(gift.id);
    const dm = (messagesByKey(h.sandbox).get(`kudos.dm.${gift.id}.U0P10`) ?? [])[0];
    const post = postsFor(gift.id)[0];
    if (!dm || !post) throw new Error('the kudos was not announced');

    redis.kill();
    await eventually(
      async () => ((await fetch(`${h.appUrl}/readyz`)).status === 503 ? true : undefined),
      'readiness to notice',
    );
    const undo = await h.driver.command({
      teamId,
      userId: 'U0P09',
      channelId: 'C0KUDOS',
      command: '/kudos',
      text: 'undo',
    });
    expect((undo.json as { text?: string } | undefined)?.text).toContain('withdrawn');

    redis = await startRedisProcess(redis.port);
    await eventually(
      async () => ((await fetch(`${h.appUrl}/readyz`)).status === 200 ? true : undefined),
      'readiness to recover',
      20_000,
    );
    // Nothing withdrew the messages: the retraction's job was never queued.
    const still = (channel: string, ts: string) => h.sandbox.messages(channel).some((m) => m.ts === ts);
    expect(still(post.channelId, post.ts) && still(dm.channelId, dm.ts)).toBe(true);

    await sweepAfterGrace();
    await eventually(
      async () => (still(post.channelId, post.ts) || still(dm.channelId, dm.ts) ? undefined : true),
      'post and DM deleted',
      30_000,
    );
    const revocation = await eventually(async () => {
      const row = await h.service.deps.db
        .selectFrom('kudos_revocations')
        .selectAll()
        .where('gift_id', '=', gift.id)
        .executeTakeFirst();
      return row?.withdrawn_at ? row : undefined;
    }, 'the retraction recorded');
    expect(revocation.reason).toBe('undo');
  }, 90_000);
});
