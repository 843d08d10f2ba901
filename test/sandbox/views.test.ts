import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox, SeededWorkspace, SlackDriver } from '../../src/sandbox/index.ts';
import { captureServer, clientFor, errorOf, manualClock, sandboxWithWorkspace } from './support.ts';

let sandbox: Sandbox;
let workspace: SeededWorkspace;
let clock: ReturnType<typeof manualClock>;
let app: Awaited<ReturnType<typeof captureServer>>;
let driver: SlackDriver;

beforeEach(async () => {
  clock = manualClock();
  ({ sandbox, workspace } = await sandboxWithWorkspace({ now: clock.now }));
  app = await captureServer();
  driver = sandbox.driver({ appUrl: app.url, signingSecret: 'views-secret' });
});
afterEach(async () => {
  await app.close();
  await sandbox.close();
});

const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  blocks: [],
  ...extra,
});

async function commandTrigger(userId = 'U0BOB00001'): Promise<string> {
  const response = await driver.command({
    teamId: 'T0ACME0001',
    userId,
    channelId: 'C0GENERAL1',
    command: '/nudge',
    text: 'kudos',
  });
  return response.triggerId ?? '';
}

describe('modals', () => {
  test('views.open with a driver-minted trigger opens a modal for the user who acted', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const triggerId = await commandTrigger();
    const opened = await client.views.open({
      trigger_id: triggerId,
      view: modal('Kudos', { callback_id: 'kudos', private_metadata: '{"c":1}' }),
    });
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      team_id: 'T0ACME0001',
      type: 'modal',
      callback_id: 'kudos',
      private_metadata: '{"c":1}',
      app_id: workspace.appId,
      bot_id: workspace.botId,
    });
    expect(sandbox.openViews()).toEqual([
      expect.objectContaining({
        id: opened.view?.id,
        userId: 'U0BOB00001',
        state: 'open',
        via: 'views.open',
        triggerId,
      }),
    ]);
  });

  test('unknown, reused and expired triggers: invalid_trigger_id, exchanged_trigger_id, expired_trigger_id', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    expect(await errorOf(client.views.open({ trigger_id: '123.456.abc', view: modal('x') }))).toBe(
      'invalid_trigger_id',
    );

    const used = await commandTrigger();
    await client.views.open({ trigger_id: used, view: modal('first') });
    expect(await errorOf(client.views.open({ trigger_id: used, view: modal('again') }))).toBe('exchanged_trigger_id');

    const late = await commandTrigger();
    clock.advance(3001);
    expect(await errorOf(client.views.open({ trigger_id: late, view: modal('late') }))).toBe('expired_trigger_id');
    expect(sandbox.openViews()).toHaveLength(1);
  });

  test('a trigger from another workspace is invalid', async () => {
    const other = sandbox.createWorkspace({ teamId: 'T0OTHER001', name: 'Other' });
    const triggerId = await commandTrigger();
    const client = clientFor(sandbox, other.botToken);
    expect(await errorOf(client.views.open({ trigger_id: triggerId, view: modal('x') }))).toBe('invalid_trigger_id');
  });

  test('views.push stacks on the modal an interaction came from; views.update checks hash', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const root = await client.views.open({ trigger_id: await commandTrigger(), view: modal('Root') });
    const rootId = root.view?.id ?? '';
    const interaction = await driver.interaction({
      teamId: 'T0ACME0001',
      userId: 'U0BOB00001',
      payload: { type: 'block_actions', container: { type: 'view', view_id: rootId }, actions: [] },
    });
    const sentPayload = JSON.parse(new URLSearchParams(app.requests.at(-1)?.body).get('payload') ?? '{}');
    expect(sentPayload.view).toMatchObject({ id: rootId, hash: root.view?.hash });
    expect(interaction.responseUrl).toBeUndefined();

    const pushed = await client.views.push({ trigger_id: interaction.triggerId ?? '', view: modal('Step 2') });
    expect(pushed.view).toMatchObject({ root_view_id: rootId, previous_view_id: rootId });

    expect(await errorOf(client.views.update({ view_id: rootId, hash: 'stale.hash', view: modal('Root v2') }))).toBe(
      'hash_conflict',
    );
    const updated = await client.views.update({ view_id: rootId, hash: root.view?.hash ?? '', view: modal('Root v2') });
    expect(updated.view?.hash).not.toBe(root.view?.hash);
    expect(sandbox.openViews().find((view) => view.id === rootId)?.view).toMatchObject({
      title: { text: 'Root v2' },
    });
    expect(await errorOf(client.views.update({ view_id: 'V0MISSING1', view: modal('x') }))).toBe('not_found');
  });

  test('an empty ack to view_submission closes the modal', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const opened = await client.views.open({ trigger_id: await commandTrigger(), view: modal('Submit me') });
    await driver.interaction({
      teamId: 'T0ACME0001',
      userId: 'U0BOB00001',
      payload: { type: 'view_submission', view: { id: opened.view?.id, state: { values: {} } } },
    });
    const sentPayload = JSON.parse(new URLSearchParams(app.requests.at(-1)?.body).get('payload') ?? '{}');
    expect(sentPayload).toMatchObject({ type: 'view_submission', response_urls: [], view: { id: opened.view?.id } });
    expect(sentPayload.response_url).toBeUndefined();
    expect(sandbox.openViews()[0]?.state).toBe('closed');
  });
});

describe('home tab', () => {
  test('views.publish stores the home view per user; unknown users are invalid_arguments', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const view = { type: 'home' as const, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome' } }] };
    const published = await client.views.publish({ user_id: 'U0ALICE001', view });
    expect(published.view).toMatchObject({ type: 'home', team_id: 'T0ACME0001' });
    expect(sandbox.homeView('T0ACME0001', 'U0ALICE001')).toEqual(view);
    expect(sandbox.homeView('T0ACME0001', 'U0BOB00001')).toBeUndefined();
    expect(await errorOf(client.views.publish({ user_id: 'U0GHOST001', view }))).toBe('invalid_arguments');
    expect(await errorOf(client.views.publish({ user_id: 'U0ALICE001', view: modal('not home') }))).toBe(
      'invalid_arguments',
    );
    const republished = await client.views.publish({ user_id: 'U0ALICE001', view: { type: 'home', blocks: [] } });
    expect(republished.view?.id).toBe(published.view?.id);
    expect(sandbox.homeView('T0ACME0001', 'U0ALICE001')).toEqual({ type: 'home', blocks: [] });
    expect(sandbox.openViews()).toEqual([]);
  });
});
