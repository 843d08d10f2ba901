import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { findSend } from '../../src/db/queries/slack-sends.ts';
import { type Harness, queueBackends, startHarness } from '../support/harness.ts';
import { eventually, sleep } from '../support/wait.ts';

describe.each(queueBackends)('the outbound sender on the %s queue backend', (queueBackend) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ label: 'sender', queueBackend });
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(() => {
    h.sandbox.clearFailures();
  });

  const successfulPosts = (userId: string) =>
    h.sandbox
      .callsTo('chat.postMessage')
      .filter((c) => c.status === 200 && JSON.stringify(c.args).includes(`onboarding.welcome.${userId}`));

  async function sentRow(userId: string) {
    return await eventually(async () => {
      const row = await findSend(h.service.deps.db, h.workspace.teamId, `onboarding.welcome.${userId}`);
      return row?.status === 'sent' ? row : undefined;
    }, `ledger row for ${userId}`);
  }

  describe('sends', () => {
    test('a 429 delays the job by Retry-After, and the message is posted once, neither lost nor duplicated', async () => {
      h.sandbox.inject({ method: 'chat.postMessage', kind: 'ratelimited', retryAfterSeconds: 2 });
      await h.service.deps.queues.enqueue('onboarding.welcome', { workspaceId: h.workspace.teamId, userId: 'U0ALICE' });
      const row = await sentRow('U0ALICE');
      const calls = h.sandbox.callsTo('chat.postMessage');
      const limited = calls.find((c) => c.status === 429);
      const posted = successfulPosts('U0ALICE');
      expect(limited).toBeDefined();
      expect(posted).toHaveLength(1);
      expect(posted[0]!.at - limited!.at).toBeGreaterThanOrEqual(2_000);
      expect(h.sandbox.messages(row.channel_id)).toHaveLength(1);
      expect(row.message_ts).toBe(h.sandbox.messages(row.channel_id)[0]?.ts);
      const metrics = await h.service.deps.metrics.registry.metrics();
      expect(metrics).toMatch(/nudge_slack_api_rate_limited_total\{method="chat.postMessage"\} 1/);
    });

    test('a post that reached Slack before the worker learned so is found in history, not posted again', async () => {
      h.sandbox.inject({ method: 'chat.postMessage', kind: 'fail_after_effect', status: 500 });
      await h.service.deps.queues.enqueue('onboarding.welcome', { workspaceId: h.workspace.teamId, userId: 'U0BOB' });
      const row = await sentRow('U0BOB');
      const messages = h.sandbox.messages(row.channel_id);
      expect(messages).toHaveLength(1);
      expect(messages[0]?.metadata).toEqual({
        event_type: 'nudge_send',
        event_payload: { key: 'onboarding.welcome.U0BOB' },
      });
      expect(row.message_ts).toBe(messages[0]?.ts);
      expect(h.sandbox.callsTo('conversations.history').length).toBeGreaterThanOrEqual(1);
      expect(
        h.sandbox
          .callsTo('chat.postMessage')
          .filter((c) => JSON.stringify(c.args).includes('onboarding.welcome.U0BOB')),
      ).toHaveLength(1);
    });

    test('a job run again after its message was sent does not post again', async () => {
      await h.service.deps.queues.enqueue('onboarding.welcome', { workspaceId: h.workspace.teamId, userId: 'U0CARA' });
      const row = await sentRow('U0CARA');
      const queue = h.service.deps.queues.queue('nudge-messages');
      const again = await queue.add(
        'onboarding.welcome',
        { workspaceId: h.workspace.teamId, userId: 'U0CARA' },
        { jobId: 'rerun-cara' },
      );
      await eventually(async () => ((await again.isCompleted()) ? true : undefined), 'rerun to complete');
      const finished = await queue.getJob('rerun-cara');
      expect(finished?.returnvalue).toMatchObject({ alreadySent: true, ts: row.message_ts });
      await sleep(200);
      expect(successfulPosts('U0CARA')).toHaveLength(1);
      expect(h.sandbox.messages(row.channel_id)).toHaveLength(1);
    });

    test('a permanent Slack refusal fails the job without retrying it', async () => {
      h.sandbox.inject({ method: 'conversations.open', kind: 'error', error: 'user_not_found', times: 10 });
      const queue = h.service.deps.queues.queue('nudge-messages');
      const job = await queue.add(
        'onboarding.welcome',
        { workspaceId: h.workspace.teamId, userId: 'U0NOBODY' },
        { jobId: 'refused', attempts: 5 },
      );
      await eventually(async () => ((await job.isFailed()) ? true : undefined), 'job to fail');
      const failed = await queue.getJob('refused');
      expect(failed?.attemptsMade).toBe(1);
      expect(failed?.failedReason).toContain('user_not_found');
    });

    test('messages to the same people open their conversation once; a refusal there opens it afresh next time', async () => {
      const sender = h.service.deps.sender;
      const workspaceId = h.workspace.teamId;
      const people = ['U0CARA', 'U0BOB'];
      const opens = () =>
        h.sandbox.callsTo('conversations.open').filter((c) => c.args.users === people.join(',')).length;
      const send = (n: number) =>
        sender.postMessage({ workspaceId, key: `group-dm-${n}`, to: { users: people }, text: `note ${n}` });
      const first = await send(1);
      const second = await send(2);
      expect(second.channel).toBe(first.channel);
      expect(opens()).toBe(1);

      // Slack refuses the remembered conversation once: that attempt fails retryably, and the next opens it again.
      h.sandbox.inject({ method: 'chat.postMessage', kind: 'error', error: 'channel_not_found', times: 1 });
      await expect(send(3)).rejects.toThrow(/remembered conversation/);
      const third = await send(3);
      expect(third).toMatchObject({ channel: first.channel, alreadySent: false });
      expect(opens()).toBe(2);
      expect(h.sandbox.messages(first.channel).map((m) => m.text)).toEqual(['note 1', 'note 2', 'note 3']);
    });
  });
});
