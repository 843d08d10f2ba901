import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import type { OpenView } from '../../src/sandbox/index.ts';
import { seedWorkspaceSpec } from '../support/domain-db.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { submitOpenedView } from '../support/view-submission.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0FORGET';
const otherTeam = 'T0KEEP';
const person = 'U0ALEX';
const db = () => h.service.deps.db;

beforeAll(async () => {
  h = await startHarness({
    label: 'forget-me',
    workspaces: [kudosWorkspace(teamId)],
  });
  await waitForMember(db(), teamId, person);
  await waitForMember(db(), teamId, 'U0GIVER');
  // Another workspace of the same install's database, with the same people and user ids.
  await seedWorkspaceSpec(db(), kudosWorkspace(otherTeam));
  for (const ws of [teamId, otherTeam]) {
    const given = await giveKudos(db(), {
      workspaceId: ws,
      giverId: person,
      recipientIds: ['U0GIVER'],
      reason: 'for the review',
      tags: [],
      channelId: 'C0TEAM',
      source: 'command',
      requestKey: `seed-${ws}`,
      messageLink: null,
      now: new Date(),
    });
    expect(given.ok).toBe(true);
  }
});
afterAll(async () => {
  await h?.stop();
});

async function forgetMe(ws = teamId) {
  const response = await h.driver.command({
    teamId: ws,
    userId: person,
    channelId: 'C0TEAM',
    command: '/nudge',
    text: 'forget-me',
  });
  expect(response.status).toBe(200);
  return response;
}

const memberRow = (ws: string) =>
  db()
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', ws)
    .where('user_id', '=', person)
    .executeTakeFirst();

describe('/nudge forget-me', () => {
  test('the help lists it', async () => {
    const response = await h.driver.command({
      teamId,
      userId: person,
      channelId: 'C0TEAM',
      command: '/nudge',
      text: 'help',
    });
    expect((response.json as { text: string }).text).toContain('/nudge forget-me');
  });

  test('opens a confirmation that says what is erased, what stays anonymised, and that it cannot be undone', async () => {
    const started = Date.now();
    await forgetMe();
    const view = await h.sandbox.waitFor(() =>
      h.sandbox
        .openViews()
        .find((v) => v.updatedAt >= started && v.view.callback_id === 'privacy_forget_me' && v.userId === person),
    );
    const words = JSON.stringify(view.view);
    expect(words).toContain('This cannot be undone.');
    expect(words).toContain('kudos you gave still count for the people you thanked');
    expect(words).toContain('_a former colleague_');
    // Nothing changed before the confirmation.
    expect(await memberRow(teamId)).toEqual({ user_id: person });
  });

  test('confirming queues the erase; the person is told it is under way and then forgotten, in one workspace only', async () => {
    const view = h.sandbox
      .openViews()
      .find((v) => v.view.callback_id === 'privacy_forget_me' && v.userId === person) as OpenView;
    const posts = h.sandbox.callsTo('chat.postMessage').length;
    const answer = await submitOpenedView(h, { teamId, userId: person, view, values: {} });
    expect(answer?.response_action).toBe('update');
    expect(JSON.stringify(answer?.view)).toContain('Nudge is forgetting you now');
    await eventually(async () => ((await memberRow(teamId)) ? undefined : true), 'the erase');
    const gifts = await db()
      .selectFrom('kudos')
      .select(['giver_id', 'recipient_id'])
      .where('workspace_id', '=', teamId)
      .execute();
    expect(gifts).toEqual([{ giver_id: expect.stringMatching(/^UERASED/), recipient_id: 'U0GIVER' }]);
    expect(await memberRow(otherTeam)).toEqual({ user_id: person });
    // Nothing was posted to them (or anyone) about it: a message would be stored about them again.
    expect(h.sandbox.callsTo('chat.postMessage').length).toBe(posts);
  });

  test('once forgotten, /nudge my-data says there is nothing to send and sends nothing', async () => {
    const response = await h.driver.command({
      teamId,
      userId: person,
      channelId: 'C0TEAM',
      command: '/nudge',
      text: 'my-data',
    });
    expect(response.json).toEqual({
      response_type: 'ephemeral',
      text: 'Nudge has forgotten you in this workspace: it holds nothing about you, so there is nothing to send.',
    });
    // A job queued before the erase finds them forgotten: no DM, no file, no audit entry naming them.
    await h.service.deps.queues.enqueue('privacy.export', { workspaceId: teamId, userId: person, day: '2027-01-01' });
    const queue = h.service.deps.queues.queue('nudge-interactions');
    const jobId = `privacy.export.${teamId}.${person}.2027-01-01`;
    const result = await eventually(async () => {
      if ((await queue.getJobState(jobId)) !== 'completed') return undefined;
      // Read after it completed: a copy fetched while it ran has no return value.
      return (await queue.getJob(jobId))?.returnvalue;
    }, 'the export job');
    expect(result).toEqual({ skipped: 'forgotten' });
    const sends = await db()
      .selectFrom('slack_sends')
      .select('idempotency_key')
      .where('workspace_id', '=', teamId)
      .where('idempotency_key', 'like', 'privacy.export.%')
      .execute();
    expect(sends).toEqual([]);
    const exports = await db()
      .selectFrom('admin_audit_log')
      .select('id')
      .where('workspace_id', '=', teamId)
      .where('action', '=', 'privacy.data_exported')
      .execute();
    expect(exports).toEqual([]);
  });

  test('asking again says it is done already and opens nothing', async () => {
    const started = Date.now();
    const response = await forgetMe();
    expect(response.json).toMatchObject({
      response_type: 'ephemeral',
      text: 'Nudge has already forgotten you in this workspace: there is nothing left to erase.',
    });
    expect(h.sandbox.openViews().filter((v) => v.updatedAt >= started && v.userId === person)).toEqual([]);
  });
});
