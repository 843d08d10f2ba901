import type { Db } from '../../db/database.ts';
import { claimSend, markSent, recordSendFile, releaseSend } from '../../domain/delivery/send-ledger.ts';
import type { Clock } from '../../observability/clock.ts';
import {
  SendInProgressError,
  SlackPermanentError,
  SlackRateLimitedError,
  WorkspaceInactiveError,
} from './send-errors.ts';

export interface OutboundFile {
  workspaceId: string;
  /** Idempotency key: one shared file per key per workspace, ever. */
  key: string;
  /** A channel ID, or the users of a DM / group DM to open. */
  to: { channel: string } | { users: string[] };
  filename: string;
  title: string;
  /** A string is sent as UTF-8. */
  content: Buffer | string;
  /** What a screen reader says for an image. */
  altText?: string;
  /** The message that shares the file. */
  initialComment?: string;
  threadTs?: string;
}

export interface FileSendResult {
  channel: string;
  fileId: string;
  /** The message that shares the file, when Slack said (it may share it a moment after answering). */
  ts: string;
  /** True when the file had already been shared (a retried or duplicated job). */
  alreadySent: boolean;
}

/** What uploading needs from the sender: its Slack calls, the conversation to use and its history search. */
export interface FileSenderParts {
  db: Db;
  clock: Clock;
  leaseMillis: number;
  call<T>(workspaceId: string, method: string, args: Record<string, unknown>): Promise<T>;
  resolveChannel(target: Pick<OutboundFile, 'workspaceId' | 'to'>): Promise<{ channel: string; remembered?: string }>;
  /** The ts of a message in the conversation (or thread) since `since` that `matches`, if any. */
  findInHistory(
    workspaceId: string,
    channel: string,
    matches: (message: { files?: Array<{ id?: string }> }) => boolean,
    since: Date,
    threadTs?: string,
  ): Promise<string | undefined>;
  /** A remembered conversation Slack refused: forget it so the retry opens it again. */
  forgetConversation(remembered: string): void;
}

/** An upload URL takes the bytes in one POST; a stalled one is given up and the job retried. */
const uploadTimeoutMillis = 60_000;

interface SharedFile {
  id?: string;
  shares?: Record<string, Record<string, Array<{ ts?: string }>>>;
}

/** The ts of the message that shared `file` in `channel`, from the `shares` completeUploadExternal returns. */
function shareTs(file: SharedFile | undefined, channel: string): string {
  for (const byChannel of Object.values(file?.shares ?? {})) {
    const ts = byChannel[channel]?.[0]?.ts;
    if (ts) return ts;
  }
  return '';
}

async function postBytes(url: string, bytes: Buffer): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
    signal: AbortSignal.timeout(uploadTimeoutMillis),
  });
  // Slack answers 200 when it took the bytes; anything else is a failed upload, to retry with a fresh URL.
  if (response.status !== 200) throw new Error(`Slack refused the file's bytes: HTTP ${response.status}`);
}

/**
 * Slack's three-step upload (files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal),
 * exactly once per key. The file id is recorded before the file is shared; a retry whose earlier attempt may have
 * shared it looks for that file in the conversation and, not finding it, starts over with a new upload URL (each
 * URL takes one upload, and an upload never completed is dropped by Slack, so nothing half-done is shown).
 */
export async function uploadFileOnce(parts: FileSenderParts, file: OutboundFile): Promise<FileSendResult> {
  const { channel, remembered } = await parts.resolveChannel(file);
  const claim = await claimSend(
    parts.db,
    { workspaceId: file.workspaceId, key: file.key, channelId: channel },
    parts.clock.now(),
    parts.leaseMillis,
  );
  if (claim.kind === 'sent') {
    return {
      channel: claim.send.channel_id,
      fileId: claim.send.file_id ?? '',
      ts: claim.send.message_ts ?? '',
      alreadySent: true,
    };
  }
  if (claim.kind === 'busy') throw new SendInProgressError(file.key);
  let completeStarted = false;
  try {
    const earlierFile = claim.send.file_id;
    if (claim.send.attempts > 1 && earlierFile) {
      const ts = await parts
        .findInHistory(
          file.workspaceId,
          channel,
          (message) => message.files?.some((shared) => shared.id === earlierFile) ?? false,
          claim.send.attempted_at,
          file.threadTs,
        )
        .catch((error: unknown) => {
          // A conversation Nudge cannot read is one it could not have shared the file in: upload afresh.
          if (error instanceof SlackPermanentError) return undefined;
          throw error;
        });
      if (ts) {
        await markSent(
          parts.db,
          { workspaceId: file.workspaceId, key: file.key, channelId: channel, ts, fileId: earlierFile },
          parts.clock.now(),
        );
        return { channel, fileId: earlierFile, ts, alreadySent: true };
      }
    }
    const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    const upload = await parts.call<{ upload_url?: string; file_id?: string }>(
      file.workspaceId,
      'files.getUploadURLExternal',
      { filename: file.filename, length: bytes.length, ...(file.altText ? { alt_txt: file.altText } : {}) },
    );
    if (!upload.upload_url || !upload.file_id) {
      throw new SlackPermanentError('files.getUploadURLExternal', 'no_upload_url_returned');
    }
    const fileId = upload.file_id;
    await recordSendFile(parts.db, { workspaceId: file.workspaceId, key: file.key, fileId });
    await postBytes(upload.upload_url, bytes);
    completeStarted = true;
    const completed = await parts.call<{ files?: SharedFile[] }>(file.workspaceId, 'files.completeUploadExternal', {
      files: [{ id: fileId, title: file.title }],
      channel_id: channel,
      ...(file.initialComment ? { initial_comment: file.initialComment } : {}),
      ...(file.threadTs ? { thread_ts: file.threadTs } : {}),
    });
    const ts = shareTs(
      completed.files?.find((shared) => shared.id === fileId),
      channel,
    );
    await markSent(
      parts.db,
      { workspaceId: file.workspaceId, key: file.key, channelId: channel, ts, fileId },
      parts.clock.now(),
    );
    return { channel, fileId, ts, alreadySent: false };
  } catch (error) {
    // Once the file may have been shared, only a 429 or a lost install proves it was not: anything else (a 5xx,
    // a timeout, even a refusal of a second delivery of the same call) leaves the retry to look first.
    const certainlyNotShared =
      !completeStarted || error instanceof SlackRateLimitedError || error instanceof WorkspaceInactiveError;
    await releaseSend(
      parts.db,
      { workspaceId: file.workspaceId, key: file.key, certainlyNotPosted: certainlyNotShared },
      parts.clock.now(),
    ).catch(() => {});
    if (remembered && error instanceof SlackPermanentError) {
      parts.forgetConversation(remembered);
      throw new Error(`${error.message} in a remembered conversation; opening it again`);
    }
    throw error;
  }
}
