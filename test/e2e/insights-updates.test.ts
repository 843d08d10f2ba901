import { afterAll, beforeAll, expect, test } from 'vitest';
import { insightsUpdateSlotMs } from '../../jobs/insights-update.ts';
import { adjustableClock } from '../../src/observability/clock.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually } from '../support/wait.ts';

const teamId = 'T0KUDOS';
const clock = adjustableClock();
let h: Harness;

beforeAll(async () => {
  // Nudge's clock a second into a 5-minute slot: every kudos below falls in the same slot.
  clock.advance(insightsUpdateSlotMs - (clock.now().getTime() % insightsUpdateSlotMs) + 1_000);
  h = await startHarness({ label: 'insights-updates', workspaces: [kudosWorkspace(teamId)], clock });
  await waitForMember(h.service.deps.db, teamId, 'U0ALEX');
});
afterAll(async () => {
  await h?.stop();
});

test('kudos queue one update of the workspace insights per slot, which counts them when it runs', async () => {
  const bucket = Math.floor(clock.now().getTime() / insightsUpdateSlotMs);
  for (const text of ['<@U0ALEX|alex> for the release notes', '<@U0BEA|bea> for the review']) {
    const response = await h.driver.command({
      teamId,
      userId: 'U0GIVER',
      channelId: 'C0TEAM',
      command: '/kudos',
      text,
    });
    expect(response.status).toBe(200);
  }
  const tasks = h.service.deps.queues.queue('nudge-tasks');
  const jobId = `insights.update.${teamId}.${bucket}`;
  await eventually(
    async () =>
      (await h.service.deps.db.selectFrom('kudos_gifts').where('announced_at', 'is not', null).select('id').execute())
        .length === 2
        ? true
        : undefined,
    'both gifts announced',
  );
  const delayed = (await tasks.getJobs(['delayed'])).filter((j) => j.name === 'insights.update');
  expect(delayed.map((j) => j.id)).toEqual([jobId]);

  await h.service.deps.queues.runNow('insights.update', { workspaceId: teamId, bucket });
  // The daily recomputation also runs once when its schedule is created, before any kudos: wait for a row that
  // counts some, then check it counts exactly these.
  const recognition = await eventually(async () => {
    const row = await h.service.deps.db
      .selectFrom('insights_recognition')
      .selectAll()
      .where('workspace_id', '=', teamId)
      .executeTakeFirst();
    return row && row.kudos > 0 ? row : undefined;
  }, 'the insights computed with the kudos');
  expect(recognition).toMatchObject({ kudos: 2, recipients: 2 });
});
