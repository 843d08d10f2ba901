import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { reconcileSchedules } from '../../jobs/schedules.ts';
import type { Db } from '../../src/db/database.ts';
import { addDaysToDate, localDate } from '../../src/domain/pairing/round-calendar.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { runCoffee } from '../support/coffee-command.ts';
import { waitForDeliveredRound } from '../support/delivered-round.ts';
import { type DumpablePostgres, startDumpablePostgres } from '../support/dumpable-postgres.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { untilEveryGiftAnnounced } from '../support/kudos-ledger.ts';
import { saveKudosSettings } from '../support/kudos-settings.ts';
import { waitForMember } from '../support/member-sync.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { startRedisProcess, type TestService } from '../support/redis-server.ts';
import { announcementKeys, messagesByKey } from '../support/sent-messages.ts';
import { eventually } from '../support/wait.ts';

/**
 * The procedure in docs/operations.md, end to end: a busy workspace's database is dumped with pg_dump, restored
 * with pg_restore into a fresh database, and Nudge started on it with an empty Redis, as after losing both
 * servers. Slack (the sandbox) is the same throughout, so whatever was posted before the dump is still there.
 */
const teamId = 'T0BACKUP';
let postgres: DumpablePostgres;
let sandbox: Sandbox;
let freshRedis: TestService;
let dumpDir: string;
const running: Harness[] = [];

beforeAll(async () => {
  [postgres, sandbox, freshRedis] = await Promise.all([
    startDumpablePostgres(),
    startSandbox({ rateLimits: 'off' }),
    startRedisProcess(),
  ]);
  dumpDir = mkdtempSync(join(tmpdir(), 'nudge-dump-'));
});
afterAll(async () => {
  for (const h of running) await h.stop();
  await Promise.allSettled([postgres?.stop(), sandbox?.close(), freshRedis?.stop()]);
  if (dumpDir) rmSync(dumpDir, { recursive: true, force: true });
});

async function workspaceSchedulers(h: Harness): Promise<string[]> {
  const keys: string[] = [];
  for (const name of ['nudge-interactions', 'nudge-messages', 'nudge-tasks'] as const) {
    for (const s of await h.service.deps.queues.queue(name).getJobSchedulers()) keys.push(s.key);
  }
  return keys.filter((key) => key.startsWith(`ws.${teamId}.`)).sort();
}

const introKey = (groupId: string) => `pairing.intro.${groupId}`;

async function delayedDeliveries(h: Harness): Promise<number> {
  const jobs = await h.service.deps.queues.queue('nudge-messages').getJobs(['delayed']);
  return jobs.filter((job) => job.name === 'pairing.deliver').length;
}

async function startBusyWorkspace(h: Harness, db: Db) {
  await waitForMember(db, teamId, 'U0IDA');
  await saveKudosSettings(db, teamId, { prompt_channel_ids: ['C0COFFEE'] });

  const given = await h.driver.command({
    teamId,
    userId: 'U0ADA',
    channelId: 'C0COFFEE',
    command: '/kudos',
    text: '<@U0BEN|ben> for the release notes #teamwork',
  });
  expect(given.status).toBe(200);
  await eventually(
    async () =>
      (await db.selectFrom('kudos_gifts').select('id').where('workspace_id', '=', teamId).executeTakeFirst()) ??
      undefined,
    'the gift recorded',
    20_000,
  );
  await untilEveryGiftAnnounced(db, teamId, 20_000);

  expect(await runCoffee(h, { teamId, userId: 'U0ADA', channelId: 'C0COFFEE', text: 'start coffee' })).toContain(
    'Started',
  );
  // Tomorrow is a round day for a programme that started last week; intros wait for 18:00 local tomorrow, which
  // has not come anywhere yet (see pairing-recovery.test.ts), so only the ones the test sends go out.
  const tomorrow = addDaysToDate(localDate(new Date(), 'UTC'), 1);
  const weekday = ((new Date(`${tomorrow}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  await db
    .updateTable('programmes')
    .set({ weekday, send_hour: 18, created_at: new Date(Date.now() - 8 * 24 * 3600 * 1000) })
    .where('workspace_id', '=', teamId)
    .execute();
  const programme = await db
    .selectFrom('programmes')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .executeTakeFirstOrThrow();
  await reconcileSchedules(h.service.deps);
  await h.service.deps.queues.enqueue('pairing.tick', { workspaceId: teamId, programmeId: programme.id });
  const round = await eventually(
    async () => db.selectFrom('rounds').selectAll().where('programme_id', '=', programme.id).executeTakeFirst(),
    'the round',
    20_000,
  );
  const groups = await eventually(
    async () => {
      const rows = await db
        .selectFrom('round_groups')
        .select('id')
        .where('round_id', '=', round.id)
        .orderBy('id')
        .execute();
      return rows.length > 1 && (await delayedDeliveries(h)) === rows.length ? rows : undefined;
    },
    'every intro queued for tomorrow',
    20_000,
  );

  // Part of the round goes out before the backup.
  const sentBefore = groups.slice(0, Math.floor(groups.length / 2));
  for (const g of sentBefore)
    await h.service.deps.queues.runNow('pairing.deliver', { workspaceId: teamId, groupId: g.id });
  await eventually(
    async () => (sentBefore.every((g) => messagesByKey(sandbox).get(introKey(g.id))?.length === 1) ? true : undefined),
    'the first intros sent',
    20_000,
  );
  return { programme, groups, sentBefore };
}

test('a restored dump of a busy workspace resumes: the rest of the round sent once, nothing posted twice, prompts still scheduled', async () => {
  const busyUrl = await postgres.createDatabase('nudge_busy');
  const before = await startHarness({
    label: 'backup',
    databaseUrl: busyUrl,
    sandbox,
    workspaces: [pairingWorkspace(teamId)],
  });
  running.push(before);
  const { groups, sentBefore } = await startBusyWorkspace(before, before.service.deps.db);
  const gifts = await before.service.deps.db
    .selectFrom('kudos_gifts')
    .select('id')
    .where('workspace_id', '=', teamId)
    .execute();
  const giftKeys = gifts.flatMap((gift) => announcementKeys({ id: gift.id, recipients: ['U0BEN'] }));
  // What Postgres implies right now: the first round's groups bring the keep-in-touch sweep, which the running
  // workers add only at their next reconcile (every 5 minutes), while the restored ones derive it at boot.
  await reconcileSchedules(before.service.deps);
  const schedulersBefore = await workspaceSchedulers(before);
  expect(schedulersBefore).toContain(`ws.${teamId}.kudos.prompt`);
  await before.stop();
  running.splice(0);

  const dump = join(dumpDir, 'nudge.dump');
  await postgres.dump(busyUrl, dump);
  const restoredUrl = await postgres.createDatabase('nudge_restored');
  await postgres.restore(dump, restoredUrl);

  const after = await startHarness({
    label: 'restored',
    databaseUrl: restoredUrl,
    redisUrl: freshRedis.url,
    sandbox,
    workspaces: [pairingWorkspace(teamId)],
    encryptionKey: before.config.encryptionKey,
  });
  running.push(after);

  // Schedules come back from Postgres at boot, the kudos prompt among them; the hourly pairing tick, run at once
  // by its new scheduler, queues again every intro of the round still waiting for its hour.
  await eventually(
    async () => ((await workspaceSchedulers(after)).join() === schedulersBefore.join() ? true : undefined),
    'the same schedules in the empty Redis',
    20_000,
  );
  await eventually(
    async () => ((await delayedDeliveries(after)) === groups.length - sentBefore.length ? true : undefined),
    'the unsent intros queued again',
    20_000,
  );

  // Time passes: every intro is due, those sent before the backup included, and every gift is announced again.
  for (const g of groups)
    await after.service.deps.queues.runNow('pairing.deliver', { workspaceId: teamId, groupId: g.id });
  for (const gift of gifts)
    await after.service.deps.queues.enqueue('kudos.announce', { workspaceId: teamId, giftId: gift.id });
  await waitForDeliveredRound(after.service.deps.db, { workspaceId: teamId }, 20_000);
  await eventually(async () => {
    const jobs = await after.service.deps.queues.queue('nudge-messages').getJobs(['completed']);
    return jobs.filter((job) => job.name === 'kudos.announce').length === gifts.length ? true : undefined;
  }, 'the announcements run again');

  const byKey = messagesByKey(sandbox);
  for (const key of [...groups.map((g) => introKey(g.id)), ...giftKeys]) expect(byKey.get(key), key).toHaveLength(1);
}, 60_000);
