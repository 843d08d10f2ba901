import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Clock } from '../../src/observability/clock.ts';
import { clickForAnswer } from '../support/button-click.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { seedCoffeeGroup, seedKudos } from '../support/network-seed.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0NETWORK';
const alex = 'U0ALEX';
const bea = 'U0BEA';
const gina = 'U0GIVER';
// Nudge and the sandbox share a clock that runs from a date the test sets, as the quarters need.
let offset = 0;
const clock: Clock = { now: () => new Date(Date.now() + offset) };
const setNow = (iso: string) => {
  offset = new Date(iso).getTime() - Date.now();
};
setNow('2026-12-07T10:00:00Z');
const db = () => h.service.deps.db;

beforeAll(async () => {
  h = await startHarness({
    label: 'insights-personal',
    workspaces: [kudosWorkspace(teamId)],
    clock,
    sandboxOnClock: true,
  });
  for (const userId of [alex, bea, gina]) await waitForMember(db(), teamId, userId);
  await db().updateTable('members').set({ team: 'Design' }).where('workspace_id', '=', teamId).execute();
  await db()
    .updateTable('members')
    .set({ team: 'Engineering' })
    .where('workspace_id', '=', teamId)
    .where('user_id', '=', bea)
    .execute();
  await seedCoffeeGroup(db(), teamId, {
    members: [alex, bea],
    at: new Date('2026-11-02T09:00:00Z'),
    answers: { [bea]: 'met' },
  });
  await seedKudos(db(), teamId, { giver: alex, recipients: [gina], at: new Date('2026-11-03T09:00:00Z') });
});
afterAll(async () => {
  await h?.stop();
});

/** The DM Nudge opened with exactly this person. */
function dmWith(userId: string): string | undefined {
  const opened = h.sandbox
    .callsTo('conversations.open', { teamId })
    .find((call) => call.args.users === userId && call.status === 200);
  return (opened?.response as { channel?: { id?: string } } | undefined)?.channel?.id;
}

type Block = { type: string; slack_file?: { id: string }; text?: { text: string }; fields?: Array<{ text: string }> };

function homeBlocks(userId: string): Block[] {
  return ((h.sandbox.homeView(teamId, userId) as { blocks?: Block[] } | undefined)?.blocks ?? []) as Block[];
}

const uploads = () => h.sandbox.callsTo('files.getUploadURLExternal', { teamId }).filter((c) => c.status === 200);

describe('Your network on the Home tab', () => {
  test('shows the person their figures and a picture uploaded once, into their own DM', async () => {
    await h.driver.event({ teamId, event: { type: 'app_home_opened', user: alex, tab: 'home' } });
    const image = await eventually(
      async () => homeBlocks(alex).find((b) => b.type === 'image'),
      'the Home tab with its picture',
      30_000,
    );
    const fileId = image.slack_file?.id ?? '';
    const file = h.sandbox.files({ teamId }).find((f) => f.id === fileId);
    expect(file).toMatchObject({ state: 'completed', mimetype: 'image/png' });
    expect(file?.content.subarray(1, 4).toString()).toBe('PNG');
    // Shared only in Alex's DM with Nudge, so only Alex can see it.
    expect(Object.keys(file?.shares ?? {})).toEqual([dmWith(alex)]);
    const fields = homeBlocks(alex).flatMap((b) => b.fields?.map((f) => f.text) ?? []);
    expect(fields).toContain('*People met through Nudge*\n1 in Q4 2026 · 1 in 2026');
    expect(fields).toContain('*Across teams*\n100% of the people you met');

    // Opened again with the same figures: the same picture, no new upload.
    const before = uploads().length;
    const published = h.sandbox.callsTo('views.publish', { teamId }).length;
    await h.driver.event({ teamId, event: { type: 'app_home_opened', user: alex, tab: 'home' } });
    await eventually(
      async () => (h.sandbox.callsTo('views.publish', { teamId }).length > published ? true : undefined),
      'the Home tab published again',
      30_000,
    );
    expect(homeBlocks(alex).find((b) => b.type === 'image')?.slack_file?.id).toBe(fileId);
    expect(uploads().length).toBe(before);
  });

  test('the sandbox refuses a slack_file its app cannot show, as Slack does', async () => {
    const call = await h.service.deps.sender
      .call(teamId, 'views.publish', {
        user_id: alex,
        view: { type: 'home', blocks: [{ type: 'image', alt_text: 'x', slack_file: { id: 'F0NOSUCHFILE' } }] },
      })
      .catch((error: unknown) => error as Error);
    expect(String(call)).toContain('invalid_arguments');
  });
});

const recapsIn = (channel: string | undefined) =>
  channel
    ? h.sandbox.messages(channel).filter((m) => JSON.stringify(m.blocks ?? []).includes('Your quarter in connections'))
    : [];

const recapRow = (userId: string, quarter: string) =>
  db()
    .selectFrom('insights_recaps')
    .select('outcome')
    .where('workspace_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('quarter', '=', quarter)
    .executeTakeFirst();

describe('the quarterly recap DM', () => {
  test('goes out once per person with its picture, skips those away until back, and its button turns it off', async () => {
    setNow('2027-01-05T10:00:00Z');
    await db()
      .updateTable('members')
      .set({ status_text: 'On holiday', status_emoji: ':palm_tree:' })
      .where('workspace_id', '=', teamId)
      .where('user_id', '=', gina)
      .execute();
    // The first post reaches Slack but its answer is lost: the retried job finds it and posts nothing more.
    h.sandbox.inject({ method: 'chat.postMessage', teamId, kind: 'fail_after_effect', status: 500 });
    await h.service.deps.queues.enqueue('insights.recap-tick', { workspaceId: teamId });
    await h.service.deps.queues.enqueue('insights.recap-tick', { workspaceId: teamId });
    await eventually(
      async () => ((await recapRow(bea, '2026-Q4'))?.outcome === 'sent' ? true : undefined),
      'Bea',
      60_000,
    );
    await eventually(
      async () => ((await recapRow(alex, '2026-Q4'))?.outcome === 'sent' ? true : undefined),
      'Alex',
      60_000,
    );
    // Someone with nothing to recap is recorded, not written to.
    await eventually(
      async () => ((await recapRow('U0P00', '2026-Q4'))?.outcome === 'nothing' ? true : undefined),
      'P00',
    );
    expect(dmWith('U0P00')).toBeUndefined();
    expect(await recapRow(gina, '2026-Q4')).toBeUndefined();

    const alexDm = dmWith(alex);
    const recaps = recapsIn(alexDm);
    expect(recaps).toHaveLength(1);
    expect(JSON.stringify(recaps[0]?.blocks)).toContain(
      'you met *1 person* through Nudge, from 1 team; 100% of them in other teams',
    );
    const pictures = h.sandbox.messages(alexDm ?? '').filter((m) => m.source === 'files.completeUploadExternal');
    const recapFile = h.sandbox.files({ teamId }).find((f) => f.id === pictures.at(-1)?.files?.[0]);
    expect(recapFile).toMatchObject({ name: 'your-quarter-2026-Q4.png', mimetype: 'image/png', state: 'completed' });

    // Gina's status clears: the next tick reaches her.
    await db()
      .updateTable('members')
      .set({ status_text: '', status_emoji: '' })
      .where('workspace_id', '=', teamId)
      .where('user_id', '=', gina)
      .execute();
    await h.service.deps.queues.enqueue('insights.recap-tick', { workspaceId: teamId });
    await eventually(
      async () => ((await recapRow(gina, '2026-Q4'))?.outcome === 'sent' ? true : undefined),
      'Gina',
      60_000,
    );
    expect(recapsIn(dmWith(gina))).toHaveLength(1);
    expect(recapsIn(alexDm)).toHaveLength(1);

    // Alex turns it off from the DM, answered in place.
    const answer = await clickForAnswer(h, {
      teamId,
      userId: alex,
      actionId: 'insights_recap_off',
      value: '',
      channel: alexDm ?? '',
      on: { channel: alexDm ?? '', ts: recaps[0]?.ts ?? '' },
    });
    expect(answer.replace_original).toBe(true);
    expect(JSON.stringify(answer.blocks)).toContain('Quarterly recaps are off');
    expect(JSON.stringify(answer.blocks)).not.toContain('insights_recap_off');

    // The next quarter: Bea gets hers, Alex does not.
    await seedCoffeeGroup(db(), teamId, {
      members: [alex, bea],
      at: new Date('2027-02-01T09:00:00Z'),
      answers: { [alex]: 'met' },
    });
    setNow('2027-04-06T10:00:00Z');
    await h.service.deps.queues.enqueue('insights.recap-tick', { workspaceId: teamId });
    await eventually(
      async () => ((await recapRow(bea, '2027-Q1'))?.outcome === 'sent' ? true : undefined),
      'Bea Q1',
      60_000,
    );
    expect(recapsIn(dmWith(bea))).toHaveLength(2);
    expect(await recapRow(alex, '2027-Q1')).toBeUndefined();
    expect(recapsIn(alexDm)).toHaveLength(1);
  });

  test('turned back on from the Home tab', async () => {
    const response = await h.driver.interaction({
      teamId,
      userId: alex,
      payload: {
        type: 'block_actions',
        container: { type: 'view', view_id: (h.sandbox.homeView(teamId, alex) as { id: string }).id },
        actions: [{ action_id: 'insights_recap_on', type: 'button', value: '' }],
      },
    });
    expect(response.status).toBe(200);
    await eventually(
      async () => (JSON.stringify(homeBlocks(alex)).includes('Turn the quarterly recap off') ? true : undefined),
      'the Home tab with the recap on',
      30_000,
    );
    const off = await db()
      .selectFrom('insights_recap_optouts')
      .select('user_id')
      .where('workspace_id', '=', teamId)
      .execute();
    expect(off).toEqual([]);
  });
});
