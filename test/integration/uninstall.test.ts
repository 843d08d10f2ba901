import { afterEach, describe, expect, test } from 'vitest';
import { findMembers } from '../../src/db/queries/members.ts';
import { type Harness, queueBackends, startHarness } from '../support/harness.ts';
import { eventually, sleep } from '../support/wait.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function workspaceStatus(harness: Harness): Promise<string | undefined> {
  const row = await harness.service.deps.db
    .selectFrom('workspaces')
    .select('status')
    .where('id', '=', harness.workspace.teamId)
    .executeTakeFirst();
  return row?.status;
}

async function pendingJobsFor(harness: Harness, workspaceId: string): Promise<number> {
  const jobs = await harness.service.deps.queues.queue('nudge-messages').getJobs(['delayed', 'waiting', 'prioritized']);
  return jobs.filter((job) => (job.data as { workspaceId?: string }).workspaceId === workspaceId).length;
}

describe.each(queueBackends)('uninstall on the %s queue backend', (queueBackend) => {
  test('app_uninstalled then tokens_revoked (repeated) deactivates, removes scheduled jobs and stops every send', async () => {
    h = await startHarness({ label: 'uninstall-a', queueBackend });
    const teamId = h.workspace.teamId;
    await eventually(
      async () => ((await findMembers(h!.service.deps.db, teamId)).length > 0 ? true : undefined),
      'member sync',
    );
    await h.service.deps.queues.enqueue(
      'onboarding.welcome',
      { workspaceId: teamId, userId: 'U0BOB' },
      { delayMs: 1_500 },
    );
    expect(await pendingJobsFor(h, teamId)).toBe(1);

    expect((await h.driver.event({ teamId, event: { type: 'app_uninstalled' } })).status).toBe(200);
    await eventually(async () => ((await workspaceStatus(h!)) === 'inactive' ? true : undefined), 'deactivation');
    expect(
      (await h.driver.event({ teamId, event: { type: 'tokens_revoked', tokens: { bot: [h.workspace.botUserId] } } }))
        .status,
    ).toBe(200);
    expect((await h.driver.event({ teamId, event: { type: 'app_uninstalled' } })).status).toBe(200);

    await eventually(
      async () => ((await pendingJobsFor(h!, teamId)) === 0 ? true : undefined),
      'scheduled jobs removed',
    );
    // A job already past the queue when the uninstall landed must still not send.
    await h.service.deps.queues
      .queue('nudge-messages')
      .add('onboarding.welcome', { workspaceId: teamId, userId: 'U0CARA' }, { jobId: 'in-flight' });
    await sleep(2_000);
    expect(h.sandbox.callsTo('chat.postMessage')).toEqual([]);
    expect(await workspaceStatus(h)).toBe('inactive');

    // Requests for an uninstalled workspace are refused, and nothing is recorded for them.
    const command = await h.driver.command({
      teamId,
      userId: 'U0BOB',
      channelId: 'C0GENERAL',
      command: '/nudge',
      text: 'help',
    });
    expect(command.status).toBe(401);

    // Reinstalling (a token that passes auth.test again) brings the workspace back with its data.
    await h.service.deps.singleWorkspace?.activate();
    expect(await workspaceStatus(h)).toBe('active');
    expect((await findMembers(h.service.deps.db, teamId)).length).toBeGreaterThan(0);
  });

  test('tokens_revoked before app_uninstalled has the same end state', async () => {
    h = await startHarness({ label: 'uninstall-b', queueBackend });
    const teamId = h.workspace.teamId;
    await h.service.deps.queues.enqueue(
      'onboarding.welcome',
      { workspaceId: teamId, userId: 'U0ALICE' },
      { delayMs: 1_500 },
    );
    expect(
      (
        await h.driver.event({
          teamId,
          event: { type: 'tokens_revoked', tokens: { oauth: ['U0ALICE'], bot: [h.workspace.botUserId] } },
        })
      ).status,
    ).toBe(200);
    expect((await h.driver.event({ teamId, event: { type: 'app_uninstalled' } })).status).toBe(200);
    await eventually(async () => ((await workspaceStatus(h!)) === 'inactive' ? true : undefined), 'deactivation');
    await eventually(
      async () => ((await pendingJobsFor(h!, teamId)) === 0 ? true : undefined),
      'scheduled jobs removed',
    );
    await sleep(2_000);
    expect(h.sandbox.callsTo('chat.postMessage')).toEqual([]);
  });

  test('revoking only user tokens leaves the workspace active', async () => {
    h = await startHarness({ label: 'uninstall-c', queueBackend });
    const teamId = h.workspace.teamId;
    expect(
      (await h.driver.event({ teamId, event: { type: 'tokens_revoked', tokens: { oauth: ['U0ALICE'] } } })).status,
    ).toBe(200);
    await sleep(300);
    expect(await workspaceStatus(h)).toBe('active');
  });
});
