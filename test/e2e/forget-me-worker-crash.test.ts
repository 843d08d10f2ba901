import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { signingSecret } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { reservePort } from '../support/ports.ts';
import { type ProcessServices, startProcessServices } from '../support/process-services.ts';
import { type RunningMain, runMain, waitForOutput, waitUntilReady } from '../support/processes.ts';
import { eventually } from '../support/wait.ts';

/**
 * A worker process SIGKILLed in the middle of `privacy.erase`: the erase has already deleted and changed rows inside
 * its transaction when the process dies. Postgres rolls all of it back, BullMQ hands the job to a new worker once the
 * dead one's lock expires, and the erase runs again from the start and completes once.
 */
const teamId = 'T0ERASECRASH';
const person = 'U0ALEX';
let sandbox: Sandbox;
let services: ProcessServices;
let db: Db;
let env: Record<string, string>;
const processes: RunningMain[] = [];
let webPort: number;
let giftId: string;

beforeAll(async () => {
  services = await startProcessServices(kudosWorkspace(teamId));
  ({ sandbox, db } = services);
  env = services.env;
  webPort = await reservePort();
  processes.push(runMain(['web'], { ...env, PORT: String(webPort) }), runMain(['worker'], env));
  await Promise.all([waitUntilReady(webPort, processes[0]!), waitForOutput(processes[1]!, /Nudge started/)]);
  await waitForMember(db, teamId, person, 30_000);
  await waitForMember(db, teamId, 'U0BEA', 30_000);
  const given = await giveKudos(db, {
    workspaceId: teamId,
    giverId: person,
    recipientIds: ['U0BEA'],
    reason: 'for the review',
    tags: [],
    channelId: 'C0TEAM',
    source: 'command',
    requestKey: 'seed-crash',
    messageLink: null,
    now: new Date(),
  });
  if (!given.ok) throw new Error(JSON.stringify(given));
  giftId = given.giftId;
}, 120_000);

afterAll(async () => {
  await services?.stop(processes);
});

const erasures = () =>
  db.selectFrom('erased_members').select('tombstone_id').where('workspace_id', '=', teamId).execute();
const erasedEntries = () =>
  db
    .selectFrom('admin_audit_log')
    .select('actor_id')
    .where('workspace_id', '=', teamId)
    .where('action', '=', 'privacy.person_erased')
    .execute();
const directoryEntry = () =>
  db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', teamId)
    .where('user_id', '=', person)
    .executeTakeFirst();
const giver = async () =>
  (await db.selectFrom('kudos_gifts').select('giver_id').where('id', '=', giftId).executeTakeFirstOrThrow()).giver_id;
const kudosRows = () =>
  db.selectFrom('kudos').select(['giver_id', 'recipient_id']).where('workspace_id', '=', teamId).execute();

/** The erase's backend, when it waits for the lock this test holds on the person's gift. */
async function eraseWaitingForLock(): Promise<true | undefined> {
  const waiting = await sql<{ pid: number }>`
    select pid from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock' and query ilike '%update "kudos_gifts"%'`.execute(
    db,
  );
  return waiting.rows.length > 0 ? true : undefined;
}

describe('a worker SIGKILLed in the middle of an erase', () => {
  test('nothing is half-done, and a new worker erases the person exactly once, posting nothing', async () => {
    const driver = sandbox.driver({ appUrl: `http://127.0.0.1:${webPort}/slack/events`, signingSecret });
    const started = Date.now();
    const asked = await driver.command({
      teamId,
      userId: person,
      channelId: 'C0TEAM',
      command: '/nudge',
      text: 'forget-me',
    });
    expect(asked.status).toBe(200);
    const modal = await sandbox.waitFor(() =>
      sandbox
        .openViews()
        .find((v) => v.updatedAt >= started && v.view.callback_id === 'privacy_forget_me' && v.userId === person),
    );
    const postsBefore = sandbox.callsTo('chat.postMessage').length;

    // The test holds the person's gift, so the erase stops there, inside its transaction, with rows already changed.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = db.transaction().execute(async (trx) => {
      await trx.selectFrom('kudos_gifts').select('id').where('id', '=', giftId).forUpdate().execute();
      locked();
      await held;
    });
    await lockTaken;

    const confirmed = await driver.interaction({
      teamId,
      userId: person,
      payload: {
        type: 'view_submission',
        view: {
          id: modal.id,
          callback_id: modal.view.callback_id,
          private_metadata: modal.view.private_metadata,
          state: { values: {} },
        },
      },
    });
    expect(confirmed.status).toBe(200);
    await eventually(eraseWaitingForLock, 'the erase to reach the held gift', 60_000);
    await processes[1]!.kill();
    expect(processes[1]!.child.signalCode).toBe('SIGKILL');
    release();
    await holder;

    // The dead worker's transaction is rolled back: the person is all there, nothing erased, nothing recorded.
    await eventually(async () => ((await eraseWaitingForLock()) ? undefined : true), 'the orphaned erase to end');
    expect(await erasures()).toEqual([]);
    expect(await erasedEntries()).toEqual([]);
    expect(await directoryEntry()).toEqual({ user_id: person });
    expect(await giver()).toBe(person);
    expect(await kudosRows()).toEqual([{ giver_id: person, recipient_id: 'U0BEA' }]);

    processes.push(runMain(['worker'], env));
    await waitForOutput(processes[2]!, /Nudge started/);
    await eventually(
      async () => ((await erasures()).length > 0 ? true : undefined),
      'the erase to complete on the new worker',
      150_000,
    );
    const [erasure] = await erasures();
    const tombstone = erasure!.tombstone_id;
    expect(tombstone).toMatch(/^UERASED[0-9A-F]{12}$/);
    expect(await erasedEntries()).toEqual([{ actor_id: tombstone }]);
    expect(await directoryEntry()).toBeUndefined();
    expect(await giver()).toBe(tombstone);
    expect(await kudosRows()).toEqual([{ giver_id: tombstone, recipient_id: 'U0BEA' }]);

    // BullMQ ran the job to completion; asking again finds it done and changes nothing.
    const connection = new Redis(services.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue('nudge-tasks', { connection, prefix: 'nudge' });
    try {
      const jobId = `privacy.erase.${teamId}.${person}`;
      await eventually(async () => ((await queue.getJobState(jobId)) === 'completed' ? true : undefined), 'the job');
      expect((await queue.getJob(jobId))?.returnvalue).toEqual({ erased: true });
    } finally {
      await queue.close();
      connection.disconnect();
    }
    expect(await erasures()).toEqual([{ tombstone_id: tombstone }]);
    expect(await erasedEntries()).toHaveLength(1);
    // Nothing was posted about it, to them or anyone, through the crash and the retry.
    expect(sandbox.callsTo('chat.postMessage').length).toBe(postsBefore);
  }, 300_000);
});
