import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { understoodPayloadVersions } from '../../jobs/contracts.ts';
import { startWorkers, type WorkerOptions } from '../../jobs/worker.ts';
import { type Harness, queueBackends, startHarness } from '../support/harness.ts';
import { messagesByKey } from '../support/sent-messages.ts';
import { eventually } from '../support/wait.ts';

/**
 * A rolling upgrade runs old and new workers side by side on one queue. These run real BullMQ workers, started
 * as an older or a newer release would be (what they read is the only difference), beside a web-only Nudge.
 */
describe.each(queueBackends)('job payload versions on the %s queue backend', (queueBackend) => {
  let h: Harness;
  const teamId = 'T0ACME';

  beforeAll(async () => {
    h = await startHarness({ label: `job-versions-${queueBackend}`, queueBackend, roles: ['web'] });
  });
  afterAll(async () => {
    await h?.stop();
  });

  function workersReading(understood: Record<string, number>) {
    const deps = h.service.deps;
    const options: WorkerOptions = {
      backend: deps.workerBackend,
      metrics: deps.metrics,
      understood,
      refusedJobDelayMs: 300,
    };
    return startWorkers(
      {
        db: deps.db,
        sender: deps.sender,
        queues: deps.queues,
        clock: deps.clock,
        logger: deps.logger,
        secrets: deps.secrets,
      },
      options,
    );
  }

  const homePublishes = (userId: string) =>
    h.sandbox.callsTo('views.publish').filter((call) => call.args.user_id === userId).length;

  test('a job name or payload version an old worker does not know is handed back, then run once by a worker that knows it', async () => {
    const deps = h.service.deps;
    const messages = deps.queues.queue('nudge-messages');
    const { 'onboarding.welcome': _addedLater, ...olderRelease } = understoodPayloadVersions();

    const oldWorkers = workersReading(olderRelease);
    try {
      // Queued by a newer web: a job the old release has never heard of, and a payload shape newer than it reads.
      await deps.queues.enqueue('onboarding.welcome', { workspaceId: teamId, userId: 'U0BOB' });
      const welcome = await messages.getJob(`onboarding.welcome.${teamId}.U0BOB`);
      expect(welcome?.data).toEqual({ workspaceId: teamId, userId: 'U0BOB', v: 1 });
      await messages.add('home.publish', { workspaceId: teamId, userId: 'U0CARA', v: 2 }, { jobId: 'home.publish.v2' });

      await eventually(
        async () =>
          h.logs.text().includes('job onboarding.welcome (payload v1) is unknown to this worker') &&
          h.logs.text().includes('job home.publish has payload v2, newer than the v1 this worker reads')
            ? true
            : undefined,
        'both jobs refused by the old worker',
        30_000,
      );
      // Handed back more than once: each time it was delayed, never failed, and no attempt was spent.
      await eventually(
        async () =>
          h.logs.text().split('job home.publish has payload v2').length > 2 &&
          h.logs.text().split('job onboarding.welcome (payload v1) is unknown').length > 2
            ? true
            : undefined,
        'the jobs refused again after their delay',
        30_000,
      );
      for (const id of [`onboarding.welcome.${teamId}.U0BOB`, 'home.publish.v2']) {
        const job = await messages.getJob(id);
        expect(await job?.isFailed()).toBe(false);
        expect(await job?.isCompleted()).toBe(false);
        expect(job?.attemptsMade).toBe(0);
      }
      expect(messagesByKey(h.sandbox).get('onboarding.welcome.U0BOB')).toBeUndefined();
      expect(homePublishes('U0CARA')).toBe(0);
    } finally {
      await oldWorkers.close();
    }

    const newWorkers = workersReading({ ...understoodPayloadVersions(), 'home.publish': 2 });
    try {
      await eventually(
        async () =>
          (await (await messages.getJob(`onboarding.welcome.${teamId}.U0BOB`))?.isCompleted()) &&
          (await (await messages.getJob('home.publish.v2'))?.isCompleted())
            ? true
            : undefined,
        'both jobs run by the newer worker',
        30_000,
      );
      expect(messagesByKey(h.sandbox).get('onboarding.welcome.U0BOB')).toHaveLength(1);
      expect(homePublishes('U0CARA')).toBe(1);
    } finally {
      await newWorkers.close();
    }
  });

  test('a job queued before payloads carried a version runs as version 1', async () => {
    const messages = h.service.deps.queues.queue('nudge-messages');
    await messages.add('onboarding.welcome', { workspaceId: teamId, userId: 'U0CARA' }, { jobId: 'unversioned' });
    const workers = workersReading(understoodPayloadVersions());
    try {
      await eventually(
        async () => ((await (await messages.getJob('unversioned'))?.isCompleted()) ? true : undefined),
        'the unversioned job run',
      );
      expect(messagesByKey(h.sandbox).get('onboarding.welcome.U0CARA')).toHaveLength(1);
    } finally {
      await workers.close();
    }
  });

  test('a known job whose payload fails its schema fails at once, with the reason', async () => {
    const messages = h.service.deps.queues.queue('nudge-messages');
    await messages.add('onboarding.welcome', { workspaceId: teamId, userId: 'not a slack id', v: 1 }, { jobId: 'bad' });
    await messages.add('onboarding.welcome', { workspaceId: teamId, userId: 'U0ALICE', v: 'two' }, { jobId: 'badv' });
    const workers = workersReading(understoodPayloadVersions());
    try {
      for (const [id, reason] of [
        ['bad', /invalid payload for onboarding\.welcome: .*must be a Slack ID/s],
        ['badv', /invalid payload for onboarding\.welcome: its version "two" is not a positive integer/],
      ] as const) {
        const job = await eventually(
          async () => {
            // isFailed() reads the live state: a copy read before the failure landed lacks its reason, so read again.
            const found = await messages.getJob(id);
            return (await found?.isFailed()) ? await messages.getJob(id) : undefined;
          },
          `job ${id} failed`,
          30_000,
        );
        expect(job?.failedReason).toMatch(reason);
        // Permanent: one attempt of the eight a job gets, no retry waiting.
        expect(job?.attemptsMade).toBe(1);
      }
      expect(messagesByKey(h.sandbox).get('onboarding.welcome.U0ALICE')).toBeUndefined();
    } finally {
      await workers.close();
    }
  });
});
