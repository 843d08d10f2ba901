import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { findSend } from '../../src/db/queries/slack-sends.ts';
import { SlackPermanentError, SlackRateLimitedError } from '../../src/slack/platform/send-errors.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { sleep } from '../support/wait.ts';

/** Bytes that are not valid UTF-8, so any text round trip on the way would change them. */
const chartBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xfe, 0x80, 0x7f]);

describe('uploading a file through the sender', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ label: 'file-upload' });
    h.sandbox.addChannel(h.workspace.teamId, {
      id: 'C0CHARTS',
      name: 'charts',
      members: ['U0ALICE'],
      botIsMember: true,
    });
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(() => {
    h.sandbox.clearFailures();
  });

  const sender = () => h.service.deps.sender;
  const chart = (key: string, to: { channel: string } | { users: string[] }) => ({
    workspaceId: h.workspace.teamId,
    key,
    to,
    filename: 'connections.png',
    title: 'Your quarter in connections',
    content: chartBytes,
    altText: 'Twelve people met this quarter',
    initialComment: 'Your quarter in connections',
  });
  const uploadsOf = (filename: string) =>
    h.sandbox.callsTo('files.getUploadURLExternal').filter((call) => call.args.filename === filename);

  test('a file sent to people lands in their DM once, with the bytes that were sent', async () => {
    const first = await sender().uploadFile({
      ...chart('export.bob', { users: ['U0BOB'] }),
      filename: 'my-data.csv',
      title: 'Your data',
      content: 'kind,count\nkudos,3\n',
      initialComment: 'Everything Nudge holds about you',
    });
    expect(first.alreadySent).toBe(false);
    expect(first.channel).toMatch(/^D/);
    const file = h.sandbox.files().find((candidate) => candidate.id === first.fileId);
    expect(file).toMatchObject({ name: 'my-data.csv', title: 'Your data', state: 'completed' });
    expect(file?.content.toString('utf8')).toBe('kind,count\nkudos,3\n');
    const messages = h.sandbox.messages(first.channel);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ text: 'Everything Nudge holds about you', files: [first.fileId] });
    expect(first.ts).toBe(messages[0]?.ts);

    const row = await findSend(h.service.deps.db, h.workspace.teamId, 'export.bob');
    expect(row).toMatchObject({ status: 'sent', file_id: first.fileId, channel_id: first.channel });

    const again = await sender().uploadFile({ ...chart('export.bob', { users: ['U0BOB'] }), filename: 'my-data.csv' });
    expect(again).toEqual({ channel: first.channel, fileId: first.fileId, ts: first.ts, alreadySent: true });
    expect(uploadsOf('my-data.csv')).toHaveLength(1);
  });

  test('a share that landed while Slack answered 500 is found on the retry, not uploaded again', async () => {
    h.sandbox.inject({ method: 'files.completeUploadExternal', kind: 'fail_after_effect', status: 500 });
    const failed = await sender()
      .uploadFile(chart('chart.landed', { channel: 'C0CHARTS' }))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failed).toBeInstanceOf(Error);
    expect(h.sandbox.messages('C0CHARTS')).toHaveLength(1);

    const retried = await sender().uploadFile(chart('chart.landed', { channel: 'C0CHARTS' }));
    expect(retried.alreadySent).toBe(true);
    const messages = h.sandbox.messages('C0CHARTS');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.files).toEqual([retried.fileId]);
    expect(retried.ts).toBe(messages[0]?.ts);
    expect(uploadsOf('connections.png').filter((call) => call.status === 200)).toHaveLength(1);
    expect(
      h.sandbox.callsTo('files.completeUploadExternal').filter((call) => call.args.channel_id === 'C0CHARTS'),
    ).toHaveLength(1);
    const file = h.sandbox.files().find((candidate) => candidate.id === retried.fileId);
    expect(file?.content.equals(chartBytes)).toBe(true);
    expect(file?.altText).toBe('Twelve people met this quarter');
    expect(await findSend(h.service.deps.db, h.workspace.teamId, 'chart.landed')).toMatchObject({
      status: 'sent',
      file_id: retried.fileId,
    });
  });

  test('a share lost before Slack saw it is started over with a new upload URL, and shown once', async () => {
    h.sandbox.inject({ method: 'files.completeUploadExternal', kind: 'http_error', status: 503 });
    const before = h.sandbox.files().length;
    await expect(sender().uploadFile(chart('chart.lost', { users: ['U0CARA'] }))).rejects.toThrow();
    const retried = await sender().uploadFile(chart('chart.lost', { users: ['U0CARA'] }));
    expect(retried.alreadySent).toBe(false);
    const created = h.sandbox.files().slice(before);
    expect(created.map((file) => file.state)).toEqual(['uploaded', 'completed']);
    const messages = h.sandbox.messages(retried.channel);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.files).toEqual([retried.fileId]);
    expect(created[1]?.content.equals(chartBytes)).toBe(true);
  });

  test('a 429 on the upload URL waits Retry-After like a post, then the file lands once', async () => {
    h.sandbox.inject({ method: 'files.getUploadURLExternal', kind: 'ratelimited', retryAfterSeconds: 1 });
    const limited = await sender()
      .uploadFile(chart('chart.limited', { channel: 'C0CHARTS' }))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(limited).toBeInstanceOf(SlackRateLimitedError);
    expect((limited as SlackRateLimitedError).retryAfterMs).toBe(1000);
    await sleep(1100);
    const retried = await sender().uploadFile(chart('chart.limited', { channel: 'C0CHARTS' }));
    expect(retried.alreadySent).toBe(false);
    expect(h.sandbox.messages('C0CHARTS').filter((message) => message.files?.includes(retried.fileId))).toHaveLength(1);
  });

  test('a channel the bot is not in is refused for good, and nothing is shared', async () => {
    const refused = await sender()
      .uploadFile(chart('chart.outside', { channel: 'C0GENERAL' }))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(SlackPermanentError);
    expect((refused as SlackPermanentError).code).toBe('not_in_channel');
    expect(h.sandbox.messages('C0GENERAL').filter((message) => message.files !== undefined)).toHaveLength(0);
  });
});
