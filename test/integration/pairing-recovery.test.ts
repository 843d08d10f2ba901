import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { reconcileSchedules } from '../../jobs/schedules.ts';
import { addDaysToDate, localDate } from '../../src/domain/pairing/round-calendar.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { startRedisProcess } from '../support/redis-server.ts';
import { eventually, sleep } from '../support/wait.ts';

let h: Harness;
let redis: Awaited<ReturnType<typeof startRedisProcess>>;
const teamId = 'T0RECOVER';

beforeAll(async () => {
  redis = await startRedisProcess();
  h = await startHarness({ label: 'pairing-recovery', redisUrl: redis.url, workspaces: [pairingWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0IDA');
});
afterAll(async () => {
  await h?.stop();
  await redis?.stop();
});

test('a flushed Redis loses no round: schedules and pending intros come back from Postgres, and nothing runs twice', async () => {
  await h.driver.command({ teamId, userId: 'U0ADA', channelId: 'C0COFFEE', command: '/coffee', text: 'start coffee' });
  const tomorrow = addDaysToDate(localDate(new Date(), 'UTC'), 1);
  const weekday = ((new Date(`${tomorrow}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  // Make tomorrow a round day for a programme that started last week. Intros go at 18:00 local: even in
  // Tongatapu (UTC+13) that is 05:00 UTC tomorrow, so every intro is still waiting whatever the time of day now
  // (at the default 10:00 it had already passed there when this ran after 21:00 UTC).
  await h.service.deps.db
    .updateTable('programmes')
    .set({ weekday, send_hour: 18, created_at: new Date(Date.now() - 8 * 24 * 3600 * 1000) })
    .where('workspace_id', '=', teamId)
    .execute();
  const programme = await h.service.deps.db
    .selectFrom('programmes')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .executeTakeFirstOrThrow();
  await reconcileSchedules(h.service.deps);

  for (let i = 0; i < 2; i += 1)
    await h.service.deps.queues.enqueue('pairing.tick', { workspaceId: teamId, programmeId: programme.id });
  const round = await eventually(
    async () =>
      h.service.deps.db.selectFrom('rounds').selectAll().where('programme_id', '=', programme.id).executeTakeFirst(),
    'round',
  );
  expect(round.round_date).toBe(tomorrow);
  const groups = await h.service.deps.db
    .selectFrom('round_groups')
    .selectAll()
    .where('round_id', '=', round.id)
    .execute();
  expect(groups.length).toBeGreaterThan(0);
  // Intros wait for each group's local send hour tomorrow.
  for (const g of groups) expect(g.deliver_at.getTime()).toBeGreaterThan(Date.now());

  const flush = new Redis(redis.url);
  await flush.flushall();
  flush.disconnect();
  expect(await h.service.deps.queues.queue('nudge-tasks').getJobSchedulers()).toEqual([]);

  await reconcileSchedules(h.service.deps);
  const schedulers = (await h.service.deps.queues.queue('nudge-tasks').getJobSchedulers()).map((s) => s.key);
  expect(schedulers).toContain(`ws.${teamId}.pairing.${programme.id}`);
  await h.service.deps.queues.enqueue('pairing.tick', { workspaceId: teamId, programmeId: programme.id });
  await eventually(async () => {
    const pending = await h.service.deps.queues.queue('nudge-messages').getJobs(['delayed']);
    return pending.filter((j) => j.name === 'pairing.deliver').length === groups.length ? true : undefined;
  }, 'deliveries re-queued');

  // Time passes: every intro goes out exactly once, and the round was never created twice.
  for (const g of groups) await h.service.deps.queues.runNow('pairing.deliver', { workspaceId: teamId, groupId: g.id });
  await h.sandbox.waitFor(
    () =>
      h.sandbox
        .callsTo('chat.postMessage')
        .filter((c) => c.status === 200 && JSON.stringify(c.args.metadata ?? {}).includes('pairing.intro.')).length ===
      groups.length,
    { timeoutMs: 20_000 },
  );
  await h.service.deps.queues.enqueue('pairing.tick', { workspaceId: teamId, programmeId: programme.id });
  await sleep(1_000);
  expect(
    h.sandbox
      .callsTo('chat.postMessage')
      .filter((c) => c.status === 200 && JSON.stringify(c.args.metadata ?? {}).includes('pairing.intro.')),
  ).toHaveLength(groups.length);
  expect(
    await h.service.deps.db.selectFrom('rounds').select('id').where('programme_id', '=', programme.id).execute(),
  ).toHaveLength(1);
});
