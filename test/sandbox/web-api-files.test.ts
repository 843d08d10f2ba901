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

/** A PNG signature and a few bytes that are not valid UTF-8, so a text round trip would change them. */
const pngBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x80, 0xc3]);

async function uploadUrl(filename: string, length: number) {
  const client = clientFor(sandbox, workspace.botToken);
  const answer = (await client.files.getUploadURLExternal({ filename, length })) as {
    upload_url?: string;
    file_id?: string;
  };
  return { url: answer.upload_url ?? '', fileId: answer.file_id ?? '' };
}

function postBytes(url: string, body: Buffer, contentType = 'application/octet-stream') {
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('the external file upload', () => {
  test('three steps share the file in the channel as a message that carries it, bytes intact', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const { url, fileId } = await uploadUrl('chart.png', pngBytes.length);
    expect(url.startsWith(`${sandbox.url}/upload/v1/`)).toBe(true);
    expect(fileId).toMatch(/^F/);
    expect((await postBytes(url, pngBytes)).status).toBe(200);

    const completed = await client.files.completeUploadExternal({
      files: [{ id: fileId, title: 'Kudos this quarter' }],
      channel_id: 'C0GENERAL1',
      initial_comment: 'Your chart',
    });
    const [message] = sandbox.messages('C0GENERAL1');
    expect(message).toMatchObject({ text: 'Your chart', files: [fileId], user: workspace.botUserId });
    expect(completed.files?.[0]).toMatchObject({
      id: fileId,
      title: 'Kudos this quarter',
      name: 'chart.png',
      mimetype: 'image/png',
      size: pngBytes.length,
      channels: ['C0GENERAL1'],
      shares: { public: { C0GENERAL1: [{ ts: message?.ts }] } },
    });
    const [file] = sandbox.files();
    expect(file).toMatchObject({ id: fileId, state: 'completed', shares: { C0GENERAL1: message?.ts } });
    expect(file?.content.equals(pngBytes)).toBe(true);

    const history = await client.conversations.history({ channel: 'C0GENERAL1' });
    expect(history.messages?.[0]?.files?.[0]).toMatchObject({ id: fileId, title: 'Kudos this quarter' });
    const info = await client.files.info({ file: fileId });
    expect(info.file).toMatchObject({ id: fileId, size: pngBytes.length });

    const download = await fetch(String(info.file?.url_private), {
      headers: { authorization: `Bearer ${workspace.botToken}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(pngBytes)).toBe(true);
    expect((await fetch(String(info.file?.url_private))).status).toBe(404);
  });

  test("@slack/web-api's uploadV2 runs the same flow into a DM named by user id, multipart bodies too", async () => {
    const client = clientFor(sandbox, workspace.botToken);
    await client.files.uploadV2({
      channels: 'U0BOB00001',
      file: Buffer.from('name,kudos\nbob,3\n'),
      filename: 'export.csv',
      title: 'Your data',
    });
    const [file] = sandbox.files();
    expect(file).toMatchObject({ name: 'export.csv', title: 'Your data', mimetype: 'text/csv', state: 'completed' });
    expect(file?.content.toString()).toBe('name,kudos\nbob,3\n');
    const [dm] = Object.keys(file?.shares ?? {});
    expect(dm).toMatch(/^D/);
    expect(sandbox.messages(dm ?? '')[0]?.files).toEqual([file?.id]);

    const form = new FormData();
    form.append('filename', new Blob([pngBytes]), 'chart.png');
    const second = await uploadUrl('chart.png', pngBytes.length);
    expect((await fetch(second.url, { method: 'POST', body: form })).status).toBe(200);
    expect(
      sandbox
        .files()
        .find((f) => f.id === second.fileId)
        ?.content.equals(pngBytes),
    ).toBe(true);
  });

  test('bytes that differ from the announced length, a reused URL and an expired URL are refused', async () => {
    const short = await uploadUrl('chart.png', pngBytes.length + 1);
    expect((await postBytes(short.url, pngBytes)).status).toBe(400);
    expect(sandbox.files()[0]?.state).toBe('pending');

    const once = await uploadUrl('chart.png', pngBytes.length);
    expect((await postBytes(once.url, pngBytes)).status).toBe(200);
    expect((await postBytes(once.url, pngBytes)).status).toBe(410);

    const late = await uploadUrl('chart.png', pngBytes.length);
    clock.advance(11 * 60_000);
    expect((await postBytes(late.url, pngBytes)).status).toBe(410);
    expect((await postBytes(`${sandbox.url}/upload/v1/nothing-here`, pngBytes)).status).toBe(404);
  });

  test('getUploadURLExternal refuses a missing name, a zero or bad length and alt text over 1000 characters', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    expect(await errorOf(client.apiCall('files.getUploadURLExternal', { length: 3 }))).toBe('invalid_arguments');
    expect(await errorOf(client.apiCall('files.getUploadURLExternal', { filename: 'a.csv' }))).toBe(
      'invalid_arguments',
    );
    expect(await errorOf(client.files.getUploadURLExternal({ filename: 'a.csv', length: 0 }))).toBe('missing_argument');
    expect(await errorOf(client.apiCall('files.getUploadURLExternal', { filename: 'a.csv', length: 'ten' }))).toBe(
      'invalid_arguments',
    );
    expect(
      await errorOf(
        client.apiCall('files.getUploadURLExternal', { filename: 'a.png', length: 3, alt_txt: 'x'.repeat(1001) }),
      ),
    ).toBe('alt_txt_too_large');
    expect(sandbox.files()).toHaveLength(0);
  });

  test('completeUploadExternal refuses unknown, unsent and already completed files, and channels the bot is not in', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const complete = (id: string, channel: string) =>
      errorOf(client.files.completeUploadExternal({ files: [{ id }], channel_id: channel }));
    expect(await complete('F0NOSUCH01', 'C0GENERAL1')).toBe('file_not_found');

    const unsent = await uploadUrl('a.csv', 3);
    expect(await complete(unsent.fileId, 'C0GENERAL1')).toBe('file_not_found');

    const sent = await uploadUrl('b.csv', 3);
    await postBytes(sent.url, Buffer.from('a,b'));
    expect(await complete(sent.fileId, 'C0RANDOM01')).toBe('not_in_channel');
    expect(await complete(sent.fileId, 'C0SECRET01')).toBe('not_in_channel');
    expect(await complete(sent.fileId, 'C0NOSUCH01')).toBe('channel_not_found');
    expect(sandbox.messages('C0RANDOM01')).toHaveLength(0);
    expect(sandbox.files().find((f) => f.id === sent.fileId)?.state).toBe('uploaded');

    await client.files.completeUploadExternal({ files: [{ id: sent.fileId }], channel_id: 'C0GENERAL1' });
    expect(await complete(sent.fileId, 'C0GENERAL1')).toBe('file_not_found');
    expect(sandbox.messages('C0GENERAL1')).toHaveLength(1);

    expect(await errorOf(client.apiCall('files.completeUploadExternal', { channel_id: 'C0GENERAL1' }))).toBe(
      'invalid_arguments',
    );
    expect(await errorOf(client.apiCall('files.info', { file: unsent.fileId }))).toBe('file_not_found');
  });

  test('another workspace cannot complete or read a file', async () => {
    const other = sandbox.createWorkspace({
      teamId: 'T0OTHER001',
      name: 'Other',
      channels: [{ id: 'C0OTHER001', name: 'general', members: [], botIsMember: true }],
    });
    const mine = await uploadUrl('a.csv', 3);
    await postBytes(mine.url, Buffer.from('a,b'));
    const theirs = clientFor(sandbox, other.botToken);
    expect(
      await errorOf(theirs.files.completeUploadExternal({ files: [{ id: mine.fileId }], channel_id: 'C0OTHER001' })),
    ).toBe('file_not_found');
  });
});

describe('image blocks that name an uploaded file (slack_file)', () => {
  async function uploaded(filename: string, share: string | undefined) {
    const client = clientFor(sandbox, workspace.botToken);
    const { url, fileId } = await uploadUrl(filename, pngBytes.length);
    await postBytes(url, pngBytes);
    await client.files.completeUploadExternal({ files: [{ id: fileId }], ...(share ? { channel_id: share } : {}) });
    return fileId;
  }
  const image = (slackFile: { id?: string; url?: string }) => [
    { type: 'image', alt_text: 'A chart', slack_file: slackFile },
  ];

  test('a completed png of this workspace shows, by id or by its url; anything else is an invalid slack file', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    // Never shared: the app that uploaded it may still name it.
    const png = await uploaded('chart.png', undefined);
    // A second apart, under the channel's posting limit.
    const post = (blocks: unknown) => {
      clock.advance(1500);
      return client.chat.postMessage({ channel: 'C0GENERAL1', text: 'chart', blocks } as never);
    };
    const info = (await client.files.info({ file: png })) as { file?: { url_private?: string } };

    expect((await post(image({ id: png }))).ok).toBe(true);
    expect((await post(image({ url: info.file?.url_private ?? '' }))).ok).toBe(true);
    expect(
      (
        await client.views.publish({
          user_id: 'U0ALICE001',
          view: { type: 'home', blocks: image({ id: png }) as never },
        })
      ).ok,
    ).toBe(true);

    const pending = (await uploadUrl('later.png', 3)).fileId;
    const csv = await uploaded('data.csv', undefined);
    for (const refused of [
      { id: 'F0NOSUCHFILE' },
      { id: pending },
      { id: csv },
      { id: png, url: 'x' },
      { id: 'nope' },
    ]) {
      expect(await errorOf(post(image(refused))), JSON.stringify(refused)).toBe('invalid_blocks');
    }
    expect(
      await errorOf(
        client.views.publish({ user_id: 'U0ALICE001', view: { type: 'home', blocks: image({ id: csv }) as never } }),
      ),
    ).toBe('invalid_arguments');
    expect(await errorOf(post([{ type: 'image', slack_file: { id: png } }]))).toBe('invalid_blocks');
    expect(await errorOf(post([{ type: 'image', alt_text: 'x' }]))).toBe('invalid_blocks');
  });
});
