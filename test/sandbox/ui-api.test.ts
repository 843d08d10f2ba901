import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clientFor } from './support.ts';
import {
  ADA,
  ENG_PRIVATE,
  GENERAL,
  GRACE,
  type Json,
  KATHERINE,
  RANDOM,
  SAMPLER_BLOCKS,
  startUiFixture,
  TEAM,
  type UiFixture,
  uiPost,
  uiState,
} from './ui-fixture.ts';

/**
 * The UI's JSON endpoints against a real Bolt app: each click or command must reach the app as the signed
 * request Slack would send (checked by an independent verifier in front of Bolt), and what the app does must
 * show up in the state the browser renders.
 */

let fixture: UiFixture;
beforeEach(async () => {
  fixture = await startUiFixture();
});
afterEach(async () => {
  await fixture.close();
});

/** sandbox.waitFor takes a synchronous probe; the UI state comes over HTTP, so poll here. */
async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function stateWhere(params: Record<string, string>, probe: (state: Json) => unknown, what: string) {
  return eventually(async () => {
    const state = await uiState(fixture, params);
    return probe(state) ? state : undefined;
  }, what);
}

async function runDemoCommand(text = 'hello') {
  const result = await uiPost(fixture, 'command', { user: ADA, channel: GENERAL, text: `/demo ${text}` });
  expect(result.status).toBe(200);
  const state = await uiState(fixture, { user: ADA, conversation: GENERAL });
  const ephemeral = state.conversation.items.find((item: Json) => item.kind === 'ephemeral');
  return { result, ephemeral };
}

describe('sandbox UI endpoints', () => {
  test('the page, its assets and the initial state', async () => {
    const page = await fetch(fixture.uiUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('Acme Demo');
    expect(html).toContain('/sandbox/assets/app.js');
    for (const asset of ['app.js', 'composer-suggestions.js', 'app.css']) {
      const response = await fetch(`${fixture.uiUrl}/assets/${asset}`);
      expect(response.status).toBe(200);
      expect((await response.text()).length).toBeGreaterThan(1000);
    }
    expect((await fetch(`${fixture.uiUrl}/assets/create-sandbox-ui.ts`)).status).toBe(404);

    const state = await uiState(fixture, {});
    expect(state.me).toBe(ADA);
    expect(state.team).toEqual({ id: TEAM, name: 'Acme Demo', domain: 'acme-demo' });
    expect(state.conversations.map((conversation: Json) => conversation.id)).toEqual(
      expect.arrayContaining([GENERAL, RANDOM, ENG_PRIVATE]),
    );
    expect(state.timeControls).toEqual([
      { id: 'advance-day', label: 'Advance clock a day' },
      { id: 'broken', label: 'Broken control' },
    ]);
    expect(state.commands).toEqual([
      { command: '/demo', description: 'Answers with a button and a select', usageHint: '[anything you like]' },
      { command: '/deploy', description: 'Ships the build', usageHint: 'staging | production' },
      { command: '/help', description: 'What the demo app does', usageHint: '' },
    ]);
    const katherine = await uiState(fixture, { user: KATHERINE });
    expect(katherine.me).toBe(KATHERINE);
    expect(katherine.conversations.map((conversation: Json) => conversation.id)).not.toContain(ENG_PRIVATE);
    const unchanged = await uiState(fixture, { since: state.version });
    expect(unchanged).toEqual({ version: state.version, unchanged: true });
  });

  test('every module the page imports is served as JavaScript; nothing else under assets is', async () => {
    const served = new Set<string>();
    const pending = ['app.js'];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (served.has(name)) continue;
      const response = await fetch(`${fixture.uiUrl}/assets/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toBe('text/javascript; charset=utf-8');
      served.add(name);
      const source = await response.text();
      for (const [, imported] of source.matchAll(/^import [^;]*? from '\.\/([\w-]+\.js)';$/gm)) {
        if (imported) pending.push(imported);
      }
    }
    expect(served.size).toBeGreaterThan(10);
    expect(served).toContain('composer-suggestions.js');

    const status = (path: string) =>
      new Promise<number>((resolve, reject) => {
        // node:http sends the path as written; fetch would resolve the `..` segments before sending.
        const url = new URL(fixture.uiUrl);
        request({ host: url.hostname, port: url.port, path }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    for (const path of [
      '/sandbox/assets/nope.js',
      '/sandbox/assets/types.js',
      '/sandbox/assets/tsconfig.json',
      '/sandbox/assets/../create-sandbox-ui.ts',
      '/sandbox/assets/../../index.ts',
      '/sandbox/assets/..%2fcreate-sandbox-ui.ts',
      '/sandbox/assets/%2e%2e/%2e%2e/index.ts',
      '/sandbox/assets/./app.js/..',
      '/sandbox/assets/',
    ]) {
      expect(await status(path), path).toBe(404);
    }
  });

  test('a slash command goes out signed and escaped; its ack shows as an ephemeral for the invoker only', async () => {
    const { result, ephemeral } = await runDemoCommand('thanks @grace in #general for <b> & @engineers');
    expect(result.json).toMatchObject({ ok: true, status: 200, shown: 'ephemeral' });
    const [request] = fixture.receivedOf('/demo');
    expect(request?.verified).toBe(true);
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    expect(request?.body).toMatchObject({
      team_id: TEAM,
      channel_id: GENERAL,
      user_id: ADA,
      command: '/demo',
      text: 'thanks <@U0DEMOGRC1|grace> in <#C0DEMOGEN1|general> for &lt;b&gt; &amp; <!subteam^S0DEMOENG1|@engineers>',
    });
    expect(ephemeral).toMatchObject({ kind: 'ephemeral', source: 'command_ack', text: 'Demo answer' });
    expect(ephemeral.blocks[1]).toMatchObject({ type: 'actions', block_id: 'demo_actions' });
    expect(fixture.sandbox.ephemerals({ userId: ADA })).toHaveLength(1);
    const asGrace = await uiState(fixture, { user: GRACE, conversation: GENERAL });
    expect(asGrace.conversation.items).toEqual([]);
  });

  test('a button on the ephemeral sends block_actions; the message the app posts appears in the channel', async () => {
    const { ephemeral } = await runDemoCommand();
    const clicked = await uiPost(fixture, 'action', {
      user: ADA,
      surface: { type: 'message', channel: GENERAL, ts: ephemeral.ts, ephemeral: true },
      blockId: 'demo_actions',
      actionId: 'demo_approve',
    });
    expect(clicked.json).toMatchObject({ ok: true, status: 200 });
    const [request] = fixture.receivedOf('block_actions');
    expect(request?.verified).toBe(true);
    expect(request?.body).toMatchObject({
      type: 'block_actions',
      user: { id: ADA, username: 'ada', team_id: TEAM },
      team: { id: TEAM, domain: 'acme-demo' },
      container: { type: 'message', message_ts: ephemeral.ts, channel_id: GENERAL, is_ephemeral: true },
      channel: { id: GENERAL, name: 'general' },
      trigger_id: expect.any(String),
      response_url: expect.stringContaining('/response/'),
      state: { values: { demo_actions: { demo_pick: { type: 'static_select', selected_option: null } } } },
      actions: [
        {
          type: 'button',
          action_id: 'demo_approve',
          block_id: 'demo_actions',
          text: { type: 'plain_text', text: 'Approve' },
          value: 'yes',
          style: 'primary',
          action_ts: expect.stringMatching(/^\d+\.\d{6}$/),
        },
      ],
    });
    expect(request?.body.message).toBeUndefined();

    const state = await stateWhere(
      { user: ADA, conversation: GENERAL },
      (current) => current.conversation.items.some((item: Json) => item.kind === 'message' && item.isBot),
      'the bot message',
    );
    const posted = state.conversation.items.find((item: Json) => item.kind === 'message');
    expect(posted).toMatchObject({ user: fixture.workspace.botUserId, text: `<@${ADA}> approved` });
  });

  test('choosing a select option sends the option as Slack shapes it', async () => {
    const { ephemeral } = await runDemoCommand();
    await uiPost(fixture, 'action', {
      user: ADA,
      surface: { type: 'message', channel: GENERAL, ts: ephemeral.ts, ephemeral: true },
      blockId: 'demo_actions',
      actionId: 'demo_pick',
      input: { value: 'b' },
      state: { demo_actions: { demo_pick: { value: 'b' } } },
    });
    const [request] = fixture.receivedOf('block_actions');
    const option = { text: { type: 'plain_text', text: 'Option B' }, value: 'b' };
    expect(request?.body.actions).toEqual([
      {
        type: 'static_select',
        action_id: 'demo_pick',
        block_id: 'demo_actions',
        selected_option: option,
        placeholder: { type: 'plain_text', text: 'Pick one' },
        action_ts: expect.any(String),
      },
    ]);
    expect(request?.body.state).toEqual({
      values: { demo_actions: { demo_pick: { type: 'static_select', selected_option: option } } },
    });
  });

  test('opening Home sends app_home_opened and shows the view the app publishes; its buttons send view actions', async () => {
    const opened = await uiPost(fixture, 'open-home', { user: ADA, tab: 'home' });
    expect(opened.json).toMatchObject({ ok: true, channel: expect.stringMatching(/^D/) });
    const [event] = fixture.receivedOf('app_home_opened');
    expect(event?.verified).toBe(true);
    expect(event?.body).toMatchObject({
      type: 'event_callback',
      team_id: TEAM,
      event: { type: 'app_home_opened', user: ADA, channel: opened.json.channel, tab: 'home' },
    });

    const state = await stateWhere({ user: ADA, conversation: 'app-home' }, (current) => current.home, 'home view');
    expect(state.home.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Welcome home' } });
    expect(state.appDm).toMatchObject({ id: opened.json.channel });
    const actions = state.home.blocks.find((block: Json) => block.type === 'actions');
    const button = actions.elements[0];
    expect(actions.block_id).toMatch(/^\w{5}$/);

    await uiPost(fixture, 'action', {
      user: ADA,
      surface: { type: 'view', viewId: state.home.id },
      blockId: actions.block_id,
      actionId: button.action_id,
    });
    const [request] = fixture.receivedOf('block_actions');
    expect(request?.verified).toBe(true);
    expect(request?.body).toMatchObject({
      container: { type: 'view', view_id: state.home.id },
      view: { id: state.home.id, type: 'home', state: { values: {} } },
      actions: [{ type: 'button', action_id: 'home_refresh', block_id: actions.block_id }],
    });
    expect(request?.body.response_url).toBeUndefined();

    await uiPost(fixture, 'open-home', { user: ADA, tab: 'home' });
    const second = fixture.receivedOf('app_home_opened')[1];
    expect(second?.body.event).toMatchObject({ view: { id: state.home.id, type: 'home' } });
  });

  test('a global shortcut opens a modal; required fields and the app’s errors show inline; a good submit closes it', async () => {
    const shortcut = await uiPost(fixture, 'shortcut', { user: ADA, callbackId: 'demo_shortcut' });
    expect(shortcut.json).toMatchObject({ ok: true, status: 200 });
    const [sent] = fixture.receivedOf('shortcut');
    expect(sent?.verified).toBe(true);
    expect(sent?.body).toMatchObject({
      type: 'shortcut',
      callback_id: 'demo_shortcut',
      trigger_id: expect.any(String),
      user: { id: ADA },
    });

    const opened = await stateWhere({ user: ADA }, (current) => current.modal, 'the modal');
    expect(opened.modal).toMatchObject({
      title: { text: 'Demo modal' },
      submit: { text: 'Send' },
      errors: {},
      depth: 1,
    });
    const viewId = opened.modal.id;

    const empty = await uiPost(fixture, 'view-submit', { user: ADA, viewId, state: {} });
    expect(empty.json).toMatchObject({ ok: false, sent: false, errors: { reason_block: expect.any(String) } });
    expect(fixture.receivedOf('view_submission')).toHaveLength(0);

    const short = await uiPost(fixture, 'view-submit', {
      user: ADA,
      viewId,
      state: { reason_block: { reason: { value: 'abc' } }, who_block: { who: { values: [GRACE] } } },
    });
    expect(short.json).toMatchObject({
      ok: true,
      sent: true,
      responseAction: 'errors',
      closed: false,
      errors: { reason_block: 'Tell us a bit more (5 characters or more).' },
    });
    const [submission] = fixture.receivedOf('view_submission');
    expect(submission?.verified).toBe(true);
    expect(submission?.body).toMatchObject({
      type: 'view_submission',
      response_urls: [],
      view: {
        id: viewId,
        callback_id: 'demo_modal',
        state: {
          values: {
            reason_block: { reason: { type: 'plain_text_input', value: 'abc' } },
            who_block: { who: { type: 'multi_users_select', selected_users: [GRACE] } },
          },
        },
      },
    });
    const withErrors = await uiState(fixture, { user: ADA });
    expect(withErrors.modal.errors).toEqual({ reason_block: 'Tell us a bit more (5 characters or more).' });

    const good = await uiPost(fixture, 'view-submit', {
      user: ADA,
      viewId,
      state: { reason_block: { reason: { value: 'a proper reason' } } },
    });
    expect(good.json).toMatchObject({ ok: true, closed: true, responseAction: null });
    const after = await stateWhere(
      { user: ADA, conversation: GENERAL },
      (current) => current.conversation.items.length > 0,
      'the message posted on submit',
    );
    expect(after.modal).toBeNull();
    expect(after.conversation.items[0]).toMatchObject({ text: `<@${ADA}> said: a proper reason` });
  });

  test('selects, overflow menus and date pickers report their choice in Slack’s shapes', async () => {
    const client = clientFor(fixture.sandbox, fixture.workspace.botToken);
    const posted = await client.chat.postMessage({ channel: GENERAL, text: 'sampler', blocks: SAMPLER_BLOCKS });
    const surface = { type: 'message', channel: GENERAL, ts: posted.ts };
    const act = (blockId: string, actionId: string, input?: Json) =>
      uiPost(fixture, 'action', { user: ADA, surface, blockId, actionId, input });

    await act('sampler_pick', 'sampler_user', { value: GRACE });
    await act('sampler_text', 'sampler_overflow', { value: 'delete' });
    await act('sampler_actions', 'sampler_date', { value: '2026-02-14' });
    await act('sampler_actions', 'sampler_people', { values: [GRACE, KATHERINE] });
    const requests = fixture.receivedOf('block_actions');
    expect(requests.every((request) => request.verified && request.status === 200)).toBe(true);
    expect(requests.map((request) => (request.body.actions as Json[])[0])).toEqual([
      expect.objectContaining({ type: 'users_select', action_id: 'sampler_user', selected_user: GRACE }),
      expect.objectContaining({
        type: 'overflow',
        selected_option: { text: { type: 'plain_text', text: 'Delete' }, value: 'delete' },
      }),
      expect.objectContaining({ type: 'datepicker', selected_date: '2026-02-14', initial_date: '2026-01-05' }),
      expect.objectContaining({ type: 'multi_users_select', selected_users: [GRACE, KATHERINE] }),
    ]);
    const [first] = requests;
    expect(first?.body).toMatchObject({
      container: { type: 'message', message_ts: posted.ts, channel_id: GENERAL, is_ephemeral: false },
      message: { ts: posted.ts, bot_id: fixture.workspace.botId, blocks: expect.any(Array) },
      state: {
        values: {
          sampler_pick: { sampler_user: { type: 'users_select', selected_user: null } },
          sampler_actions: {
            sampler_date: { type: 'datepicker', selected_date: '2026-01-05' },
            sampler_people: { type: 'multi_users_select', selected_users: [] },
          },
        },
      },
    });
    // Blocks the app left unnamed get ids, the same in the message it is sent and in the state the UI shows.
    const sentBlocks = (first?.body.message as { blocks: Json[] } | undefined)?.blocks ?? [];
    expect(sentBlocks).toHaveLength(SAMPLER_BLOCKS.length);
    const state = await uiState(fixture, { user: ADA, conversation: GENERAL });
    expect(state.conversation.items[0].blocks.map((block: Json) => block.block_id)).toEqual(
      sentBlocks.map((block) => block.block_id),
    );
    expect(sentBlocks.every((block) => typeof block.block_id === 'string' && block.block_id !== '')).toBe(true);
  });

  test('closing a modal closes it without telling an app that did not ask', async () => {
    await uiPost(fixture, 'shortcut', { user: ADA, callbackId: 'demo_shortcut' });
    const opened = await stateWhere({ user: ADA }, (current) => current.modal, 'the modal');
    const closed = await uiPost(fixture, 'view-close', { user: ADA, viewId: opened.modal.id });
    expect(closed.json).toEqual({ ok: true, notified: false });
    expect((await uiState(fixture, { user: ADA })).modal).toBeNull();
    expect(fixture.receivedOf('view_closed')).toHaveLength(0);
  });

  test('response_action push stacks a view; closing a notify_on_close view sends view_closed and uncovers the first', async () => {
    await uiPost(fixture, 'shortcut', { user: ADA, callbackId: 'demo_shortcut' });
    const first = await stateWhere({ user: ADA }, (current) => current.modal, 'the modal');
    const pushed = await uiPost(fixture, 'view-submit', {
      user: ADA,
      viewId: first.modal.id,
      state: { reason_block: { reason: { value: 'push please' } } },
    });
    expect(pushed.json).toMatchObject({ ok: true, responseAction: 'push', closed: false });
    const stacked = await uiState(fixture, { user: ADA });
    expect(stacked.modal).toMatchObject({ title: { text: 'Step two' }, depth: 2, callbackId: 'demo_step_two' });

    const closed = await uiPost(fixture, 'view-close', { user: ADA, viewId: stacked.modal.id });
    expect(closed.json).toEqual({ ok: true, notified: true, status: 200 });
    const [notice] = fixture.receivedOf('view_closed');
    expect(notice?.verified).toBe(true);
    expect(notice?.body).toMatchObject({
      type: 'view_closed',
      is_cleared: false,
      view: { id: stacked.modal.id, callback_id: 'demo_step_two', previous_view_id: first.modal.id },
    });
    expect((await uiState(fixture, { user: ADA })).modal).toMatchObject({ id: first.modal.id, depth: 1 });
  });

  test('a shared file is in the message state and served from api/files; a file not yet shared is not', async () => {
    const client = clientFor(fixture.sandbox, fixture.workspace.botToken);
    const pending = (await client.files.getUploadURLExternal({ filename: 'draft.csv', length: 3 })) as {
      file_id?: string;
    };
    expect((await fetch(`${fixture.uiUrl}/api/files/${pending.file_id}`)).status).toBe(404);

    await client.files.uploadV2({
      channel_id: GENERAL,
      file: Buffer.from('x,y\n'),
      filename: 'data.csv',
      title: 'Data',
    });
    const state = await stateWhere(
      { user: ADA, conversation: GENERAL },
      (candidate) => candidate.conversation.items.some((item: Json) => item.files),
      'the file share in the state',
    );
    const [file] = state.conversation.items.find((item: Json) => item.files).files;
    expect(file).toMatchObject({ name: 'data.csv', title: 'Data', mimetype: 'text/csv', size: 4 });
    const served = await fetch(`${fixture.uiUrl}/api/files/${file.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-disposition')).toBe('attachment; filename="data.csv"');
    expect(await served.text()).toBe('x,y\n');
  });

  test('a message shortcut sends message_action with the message', async () => {
    const message = fixture.sandbox.addUserMessage({ channelId: GENERAL, userId: GRACE, text: 'ship it' });
    const result = await uiPost(fixture, 'shortcut', {
      user: ADA,
      callbackId: 'demo_message_shortcut',
      channel: GENERAL,
      ts: message.ts,
    });
    expect(result.json).toMatchObject({ ok: true });
    const [request] = fixture.receivedOf('message_action');
    expect(request?.verified).toBe(true);
    expect(request?.body).toMatchObject({
      type: 'message_action',
      callback_id: 'demo_message_shortcut',
      channel: { id: GENERAL, name: 'general' },
      message_ts: message.ts,
      message: { type: 'message', user: GRACE, text: 'ship it', ts: message.ts },
      trigger_id: expect.any(String),
      response_url: expect.any(String),
    });
  });

  test('a reaction is recorded and sent as reaction_added, and again as reaction_removed', async () => {
    const message = fixture.sandbox.addUserMessage({ channelId: GENERAL, userId: GRACE, text: 'coffee?' });
    const added = await uiPost(fixture, 'reaction', { user: ADA, channel: GENERAL, ts: message.ts, name: 'coffee' });
    expect(added.json).toMatchObject({ ok: true, on: true, event: 'reaction_added', status: 200 });
    const [event] = fixture.receivedOf('reaction_added');
    expect(event?.verified).toBe(true);
    expect(event?.body.event).toMatchObject({
      type: 'reaction_added',
      user: ADA,
      reaction: 'coffee',
      item_user: GRACE,
      item: { type: 'message', channel: GENERAL, ts: message.ts },
      event_ts: expect.any(String),
    });
    const state = await uiState(fixture, { user: ADA, conversation: GENERAL });
    expect(state.conversation.items[0].reactions).toEqual([{ name: 'coffee', count: 1, users: [ADA], mine: true }]);
    expect(fixture.sandbox.messages(GENERAL)[0]?.reactions).toEqual([{ name: 'coffee', users: [ADA], count: 1 }]);

    const removed = await uiPost(fixture, 'reaction', { user: ADA, channel: GENERAL, ts: message.ts, name: 'coffee' });
    expect(removed.json).toMatchObject({ on: false, event: 'reaction_removed' });
    expect(fixture.receivedOf('reaction_removed')).toHaveLength(1);
    expect(fixture.sandbox.messages(GENERAL)[0]?.reactions).toEqual([]);
  });

  test('in a channel the bot is not in, a reaction is recorded but no event is sent', async () => {
    const message = fixture.sandbox.addUserMessage({ channelId: RANDOM, userId: ADA, text: 'hi' });
    const added = await uiPost(fixture, 'reaction', { user: ADA, channel: RANDOM, ts: message.ts, name: '+1' });
    expect(added.json).toMatchObject({ ok: true, on: true, event: null });
    expect(fixture.receivedOf('reaction_added')).toHaveLength(0);
  });

  test('plain messages are stored with mentions resolved and markup escaped; non-members must join first', async () => {
    const posted = await uiPost(fixture, 'message', {
      user: ADA,
      channel: GENERAL,
      text: 'hi @grace <img src=x onerror=alert(1)>',
    });
    expect(posted.json).toMatchObject({ ok: true, events: [] });
    expect(fixture.sandbox.messages(GENERAL)[0]?.text).toBe(`hi <@${GRACE}> &lt;img src=x onerror=alert(1)&gt;`);

    const refused = await uiPost(fixture, 'message', { user: GRACE, channel: RANDOM, text: 'let me in' });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toBe('not_in_channel');
    expect((await uiPost(fixture, 'join', { user: GRACE, channel: RANDOM })).json).toEqual({ ok: true });
    expect((await uiPost(fixture, 'message', { user: GRACE, channel: RANDOM, text: 'let me in' })).status).toBe(200);
  });

  test('time controls run and report; a failing one reports its error', async () => {
    expect((await uiPost(fixture, 'time/advance-day', {})).json).toEqual({ ok: true, text: 'Clock moved to Tuesday' });
    expect((await uiState(fixture, {})).timeStatus).toMatchObject({ controlId: 'advance-day', ok: true });
    expect((await uiPost(fixture, 'time/broken', {})).json).toEqual({ ok: false, text: 'Failed: no round configured' });
    expect((await uiPost(fixture, 'time/nope', {})).status).toBe(404);
  });

  test('refuses other methods, cross-site posts, foreign Host headers and people who cannot act', async () => {
    expect((await fetch(`${fixture.uiUrl}/api/state`, { method: 'PUT' })).status).toBe(405);
    expect((await fetch(fixture.uiUrl, { method: 'DELETE' })).status).toBe(405);
    const form = await fetch(`${fixture.uiUrl}/api/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=U0DEMOADA1&channel=C0DEMOGEN1&text=hi',
    });
    expect(form.status).toBe(403);
    const crossSite = await fetch(`${fixture.uiUrl}/api/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ user: ADA, channel: GENERAL, text: 'hi' }),
    });
    expect(crossSite.status).toBe(403);
    const rebound = await new Promise<number>((resolve, reject) => {
      const url = new URL(fixture.uiUrl);
      import('node:http').then(({ request }) => {
        const req = request(
          { host: url.hostname, port: url.port, path: '/sandbox', headers: { host: 'evil.example:80' } },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(rebound).toBe(403);
    // Bolt listens on every interface; the UI still serves only this machine.
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
    if (lan) {
      const remote = await fetch(`http://${lan}:${new URL(fixture.uiUrl).port}/sandbox`);
      expect(remote.status).toBe(403);
      expect(await remote.text()).toContain('allowRemote');
    }
    expect(fixture.sandbox.messages(GENERAL)).toEqual([]);

    const bot = await uiPost(fixture, 'message', { user: fixture.workspace.botUserId, channel: GENERAL, text: 'x' });
    expect(bot.status).toBe(400);
    const deleted = await uiPost(fixture, 'message', { user: 'U0DEMOOLD1', channel: GENERAL, text: 'x' });
    expect(deleted.status).toBe(400);
    const hidden = await uiPost(fixture, 'message', { user: KATHERINE, channel: ENG_PRIVATE, text: 'x' });
    expect(hidden.status).toBe(404);
    expect((await fetch(`${fixture.origin}/elsewhere`)).status).toBe(404);
  });
});

describe('an uploaded image on the Home tab', () => {
  test('shows to the person it was shared with, and to nobody who cannot see the file', async () => {
    const client = clientFor(fixture.sandbox, fixture.workspace.botToken);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const uploaded = await client.files.uploadV2({
      channel_id: ADA,
      file: png,
      filename: 'network.png',
      title: 'Yours',
    });
    const fileId = (uploaded as unknown as { files: Array<{ files: Array<{ id: string }> }> }).files[0]?.files[0]?.id;
    expect(fileId).toMatch(/^F/);
    const home = { type: 'home', blocks: [{ type: 'image', alt_text: 'A chart', slack_file: { id: fileId } }] };
    for (const user of [ADA, GRACE]) await client.views.publish({ user_id: user, view: home as never });

    const ada = await uiState(fixture, { user: ADA, conversation: 'app-home' });
    expect(ada.home.blocks[0].slack_file.id).toBe(fileId);
    expect(ada.viewableFiles).toContain(fileId);
    const grace = await uiState(fixture, { user: GRACE, conversation: 'app-home' });
    expect(grace.viewableFiles).not.toContain(fileId);
  });
});
