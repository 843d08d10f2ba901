import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox, SeededWorkspace } from '../../src/sandbox/index.ts';
import { clientFor, errorOf, manualClock, sandboxWithWorkspace } from './support.ts';

let sandbox: Sandbox;
let workspace: SeededWorkspace;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock();
  ({ sandbox, workspace } = await sandboxWithWorkspace({ now: clock.now }));
});
afterEach(async () => {
  await sandbox.close();
});

const nudgeMetadata = { event_type: 'nudge_send', event_payload: { key: 'round-7:U0BOB00001' } };

describe('chat.postMessage and conversations.history', () => {
  test('a post is stored with its blocks and metadata and read back through history', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const { channel } = await client.conversations.open({ users: 'U0BOB00001' });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Hi *Bob*' } }];
    const posted = await client.chat.postMessage({
      channel: channel?.id ?? '',
      text: 'Hi Bob',
      blocks,
      metadata: nudgeMetadata,
    });
    expect(posted).toMatchObject({
      ok: true,
      channel: channel?.id,
      message: { text: 'Hi Bob', bot_id: workspace.botId, user: workspace.botUserId, metadata: nudgeMetadata },
    });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);

    const [stored] = sandbox.messages(channel?.id ?? '');
    expect(stored).toMatchObject({ ts: posted.ts, text: 'Hi Bob', blocks, metadata: nudgeMetadata });

    const withMetadata = await client.conversations.history({ channel: channel?.id ?? '', include_all_metadata: true });
    expect(withMetadata.messages?.[0]).toMatchObject({ ts: posted.ts, metadata: nudgeMetadata });
    const without = await client.conversations.history({ channel: channel?.id ?? '' });
    expect(without.messages?.[0]?.metadata).toBeUndefined();

    const [call] = sandbox.callsTo('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: channel?.id, text: 'Hi Bob', blocks, metadata: nudgeMetadata });
    expect(call?.args.token).toBeUndefined();
  });

  test('history is newest first and honours oldest, latest, inclusive and limit with a cursor', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const posted: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      clock.advance(10_000);
      posted.push((await client.chat.postMessage({ channel: 'C0GENERAL1', text: `m${index}` })).ts ?? '');
    }
    const afterSecond = await client.conversations.history({ channel: 'C0GENERAL1', oldest: posted[1] });
    expect(afterSecond.messages?.map((message) => message.text)).toEqual(['m4', 'm3', 'm2']);
    const window = await client.conversations.history({
      channel: 'C0GENERAL1',
      oldest: posted[1],
      latest: posted[3],
      inclusive: true,
    });
    expect(window.messages?.map((message) => message.text)).toEqual(['m3', 'm2', 'm1']);

    const first = await client.conversations.history({ channel: 'C0GENERAL1', limit: 2 });
    expect(first).toMatchObject({ has_more: true });
    const second = await client.conversations.history({
      channel: 'C0GENERAL1',
      limit: 2,
      cursor: first.response_metadata?.next_cursor ?? '',
    });
    expect([...(first.messages ?? []), ...(second.messages ?? [])].map((message) => message.text)).toEqual([
      'm4',
      'm3',
      'm2',
      'm1',
    ]);
    expect(await errorOf(client.conversations.history({ channel: 'C0GENERAL1', oldest: 'yesterday' }))).toBe(
      'invalid_ts_oldest',
    );
  });

  test('ts values increase strictly per channel even when the clock stands still', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const first = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'one' });
    const second = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'two' });
    expect(first.ts).toBe(`${Math.floor(clock.now() / 1000)}.000000`);
    expect(second.ts).toBe(`${Math.floor(clock.now() / 1000)}.000001`);
  });

  test('posting to a user id lands in the app DM with that user', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const posted = await client.chat.postMessage({ channel: 'U0CAROL001', text: 'hello' });
    const { channel } = await client.conversations.open({ users: 'U0CAROL001' });
    expect(posted.channel).toBe(channel?.id);
    expect(sandbox.messages(channel?.id ?? '').map((message) => message.text)).toEqual(['hello']);
  });

  test('refusals: channel_not_found, not_in_channel, is_archived, no_text; nothing is stored', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    expect(await errorOf(client.chat.postMessage({ channel: 'C0NOWHERE1', text: 'x' }))).toBe('channel_not_found');
    expect(await errorOf(client.chat.postMessage({ channel: 'C0SECRET01', text: 'x' }))).toBe('not_in_channel');
    sandbox.setChannelArchived('C0RANDOM01', true);
    expect(await errorOf(client.chat.postMessage({ channel: 'C0RANDOM01', text: 'x' }))).toBe('is_archived');
    expect(await errorOf(client.chat.postMessage({ channel: 'C0GENERAL1', text: '' }))).toBe('no_text');
    expect(sandbox.messages('C0GENERAL1')).toEqual([]);
    expect(sandbox.messages('C0SECRET01')).toEqual([]);
    expect(sandbox.messages('C0RANDOM01')).toEqual([]);
  });

  test('a public channel the bot is not in accepts posts but its history is not_in_channel', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    await client.chat.postMessage({ channel: '#random', text: 'public post' });
    expect(sandbox.messages('C0RANDOM01').map((message) => message.text)).toEqual(['public post']);
    expect(await errorOf(client.conversations.history({ channel: 'C0RANDOM01' }))).toBe('not_in_channel');
  });

  test('thread replies stay out of history and come back from conversations.replies', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const parent = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'parent' });
    await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'reply', thread_ts: parent.ts ?? '' });
    const history = await client.conversations.history({ channel: 'C0GENERAL1' });
    expect(history.messages?.map((message) => [message.text, message.reply_count])).toEqual([['parent', 1]]);
    const replies = await client.conversations.replies({ channel: 'C0GENERAL1', ts: parent.ts ?? '' });
    expect(replies.messages?.map((message) => message.text)).toEqual(['parent', 'reply']);
  });
});

describe('other chat methods', () => {
  test('chat.postEphemeral needs the user in the channel and is recorded as an ephemeral', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const result = await client.chat.postEphemeral({ channel: 'C0GENERAL1', user: 'U0BOB00001', text: 'psst' });
    expect(result.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(sandbox.ephemerals({ userId: 'U0BOB00001' })).toEqual([
      expect.objectContaining({ channelId: 'C0GENERAL1', text: 'psst', source: 'chat.postEphemeral' }),
    ]);
    expect(await errorOf(client.chat.postEphemeral({ channel: 'C0GENERAL1', user: 'W0DAVE0001', text: 'psst' }))).toBe(
      'user_not_in_channel',
    );
    expect(sandbox.messages('C0GENERAL1')).toEqual([]);
  });

  test('chat.update changes text, keeps blocks it is not given, and chat.delete removes the message', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const blocks = [{ type: 'divider' }];
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'v1', blocks });
    const updated = await client.chat.update({ channel: 'C0GENERAL1', ts: posted.ts ?? '', text: 'v2' });
    expect(updated).toMatchObject({ ok: true, channel: 'C0GENERAL1', ts: posted.ts, text: 'v2' });
    expect(sandbox.messages('C0GENERAL1')).toEqual([expect.objectContaining({ text: 'v2', blocks })]);
    expect(await errorOf(client.chat.update({ channel: 'C0GENERAL1', ts: '1.000000', text: 'x' }))).toBe(
      'message_not_found',
    );

    const seeded = sandbox.addUserMessage({ channelId: 'C0GENERAL1', userId: 'U0ALICE001', text: 'mine' });
    expect(await errorOf(client.chat.update({ channel: 'C0GENERAL1', ts: seeded.ts, text: 'hijack' }))).toBe(
      'cant_update_message',
    );
    expect(await errorOf(client.chat.delete({ channel: 'C0GENERAL1', ts: seeded.ts }))).toBe('cant_delete_message');

    await client.chat.delete({ channel: 'C0GENERAL1', ts: posted.ts ?? '' });
    expect(sandbox.messages('C0GENERAL1').map((message) => message.text)).toEqual(['mine']);
  });

  test('chat.getPermalink builds a Slack archive link', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'link me' });
    const { permalink } = await client.chat.getPermalink({ channel: 'C0GENERAL1', message_ts: posted.ts ?? '' });
    expect(permalink).toBe(`https://acme.slack.com/archives/C0GENERAL1/p${posted.ts?.replace('.', '')}`);
  });

  test('reactions.add and reactions.remove, with already_reacted and no_reaction', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const seeded = sandbox.addUserMessage({ channelId: 'C0GENERAL1', userId: 'U0ALICE001', text: 'ship it' });
    await client.reactions.add({ channel: 'C0GENERAL1', timestamp: seeded.ts, name: 'tada' });
    expect(sandbox.messages('C0GENERAL1')[0]?.reactions).toEqual([
      { name: 'tada', users: [workspace.botUserId], count: 1 },
    ]);
    expect(await errorOf(client.reactions.add({ channel: 'C0GENERAL1', timestamp: seeded.ts, name: 'tada' }))).toBe(
      'already_reacted',
    );
    await client.reactions.remove({ channel: 'C0GENERAL1', timestamp: seeded.ts, name: 'tada' });
    expect(sandbox.messages('C0GENERAL1')[0]?.reactions).toEqual([]);
    expect(await errorOf(client.reactions.remove({ channel: 'C0GENERAL1', timestamp: seeded.ts, name: 'tada' }))).toBe(
      'no_reaction',
    );
  });

  test('reset clears messages and calls but keeps the seeded workspace working', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'before reset' });
    sandbox.reset();
    expect(sandbox.messages('C0GENERAL1')).toEqual([]);
    expect(sandbox.calls).toEqual([]);
    await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'after reset' });
    expect(sandbox.messages('C0GENERAL1').map((message) => message.text)).toEqual(['after reset']);
    expect(sandbox.calls.map((call) => call.method)).toEqual(['chat.postMessage']);
  });
});
