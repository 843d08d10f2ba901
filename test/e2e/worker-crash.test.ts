import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { commandAnswer, type Sandbox } from '../../src/sandbox/index.ts';
import { signingSecret } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { reservePort } from '../support/ports.ts';
import { type ProcessServices, startProcessServices } from '../support/process-services.ts';
import { type RunningMain, runMain, waitForOutput, waitUntilReady } from '../support/processes.ts';
import { messagesByKey, sendKeyOf } from '../support/sent-messages.ts';
import { eventually } from '../support/wait.ts';

/**
 * A worker process SIGKILLed while its job is mid-post (Slack has the message; the worker never hears back),
 * then a new worker started. BullMQ hands the job on once the dead worker's lock expires; the sender's lease
 * keeps the new worker off the message until the old attempt's lease has run out, then finds the post in the
 * channel's history by its metadata key instead of posting again. About a minute of waiting, by design.
 */
const teamId = 'T0CRASH';
let sandbox: Sandbox;
let services: ProcessServices;
let db: Db;
let env: Record<string, string>;
const processes: RunningMain[] = [];
let webPort: number;

beforeAll(async () => {
  services = await startProcessServices(kudosWorkspace(teamId));
  ({ sandbox, db } = services);
  env = services.env;
  webPort = await reservePort();
  processes.push(runMain(['web'], { ...env, PORT: String(webPort) }), runMain(['worker'], env));
  await Promise.all([waitUntilReady(webPort, processes[0]!), waitForOutput(processes[1]!, /Nudge started/)]);
  await waitForMember(db, teamId, 'U0ALEX', 30_000);
}, 120_000);

afterAll(async () => {
  await services?.stop(processes);
});

describe('a worker SIGKILLed mid-job', () => {
  test('the job completes once on a new worker: one post, found in history rather than posted again', async () => {
    // Slack takes the post but answers only after a minute; long before that the worker is killed.
    sandbox.inject({ method: 'chat.postMessage', teamId, kind: 'timeout', delayMs: 60_000 });
    const driver = sandbox.driver({ appUrl: `http://127.0.0.1:${webPort}/slack/events`, signingSecret });
    const answer = await driver.command({
      teamId,
      userId: 'U0GIVER',
      channelId: 'C0KUDOS',
      command: '/kudos',
      text: '<@U0ALEX> for staying calm when the worker fell over',
    });
    expect((await commandAnswer(sandbox, answer)).text).toContain('Kudos sent');
    const gift = await db
      .selectFrom('kudos_gifts')
      .select('id')
      .where('workspace_id', '=', teamId)
      .executeTakeFirstOrThrow();
    const postKey = `kudos.post.${gift.id}`;
    await sandbox.waitFor(
      () => sandbox.callsTo('chat.postMessage').find((c) => c.injected === 'timeout' && sendKeyOf(c) === postKey),
      { timeoutMs: 30_000, description: 'the post to reach Slack' },
    );
    await processes[1]!.kill();
    expect(processes[1]!.child.signalCode).toBe('SIGKILL');

    processes.push(runMain(['worker'], env));
    await waitForOutput(processes[2]!, /Nudge started/);
    const announced = await eventually(
      async () =>
        (
          await db
            .selectFrom('kudos_gifts')
            .select(['announced_at', 'post_ts'])
            .where('id', '=', gift.id)
            .executeTakeFirst()
        )?.announced_at
          ? true
          : undefined,
      'the announcement to complete on the new worker',
      150_000,
    );
    expect(announced).toBe(true);

    const landed = messagesByKey(sandbox);
    expect(landed.get(postKey)).toHaveLength(1);
    expect(landed.get(`kudos.dm.${gift.id}.U0ALEX`)).toHaveLength(1);
    // The post was never sent a second time: the new worker read the channel's history and found it.
    expect(sandbox.callsTo('chat.postMessage').filter((c) => sendKeyOf(c) === postKey)).toHaveLength(1);
    expect(sandbox.callsTo('conversations.history', { teamId }).length).toBeGreaterThanOrEqual(1);
    const ledger = await db
      .selectFrom('slack_sends')
      .selectAll()
      .where('workspace_id', '=', teamId)
      .where('idempotency_key', '=', postKey)
      .executeTakeFirstOrThrow();
    expect(ledger).toMatchObject({ status: 'sent', message_ts: landed.get(postKey)?.[0]?.ts });
    const gifted = await db.selectFrom('kudos_gifts').select('post_ts').where('id', '=', gift.id).executeTakeFirst();
    expect(gifted?.post_ts).toBe(ledger.message_ts);

    // BullMQ ran the job to completion once: the job of that id is completed, not failed or waiting.
    const connection = new Redis(services.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue('nudge-messages', { connection, prefix: 'nudge' });
    try {
      const job = await queue.getJob(`kudos.announce.${gift.id}`);
      expect(await job?.getState()).toBe('completed');
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }, 200_000);
});
