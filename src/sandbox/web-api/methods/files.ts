import type { SlackFileLookup } from '../../block-kit-limits.ts';
import { fileObject } from '../../slack-objects.ts';
import type { ChannelRecord, SandboxStore, WorkspaceRecord } from '../../store.ts';
import type { SandboxFile, StoredMessage } from '../../types.ts';
import {
  type AuthedContext,
  fail,
  invalidArguments,
  type MethodDefinition,
  type MethodResult,
  ok,
} from '../method-context.ts';
import { stringArg } from '../parse-request.ts';

/** files.getUploadURLExternal refuses longer alt text with `alt_txt_too_large` (docs.slack.dev). */
const MAX_ALT_TEXT = 1000;

/** Slack does not publish how long an upload URL lives; the sandbox gives it ten minutes and one use. */
export const UPLOAD_URL_LIFETIME_MS = 10 * 60_000;

const KNOWN_TYPES: Record<string, { mimetype: string; filetype: string }> = {
  png: { mimetype: 'image/png', filetype: 'png' },
  jpg: { mimetype: 'image/jpeg', filetype: 'jpg' },
  jpeg: { mimetype: 'image/jpeg', filetype: 'jpg' },
  gif: { mimetype: 'image/gif', filetype: 'gif' },
  csv: { mimetype: 'text/csv', filetype: 'csv' },
  json: { mimetype: 'application/json', filetype: 'json' },
  txt: { mimetype: 'text/plain', filetype: 'text' },
  pdf: { mimetype: 'application/pdf', filetype: 'pdf' },
  zip: { mimetype: 'application/zip', filetype: 'zip' },
};

function typeOf(filename: string): { mimetype: string; filetype: string } {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  return KNOWN_TYPES[extension] ?? { mimetype: 'application/octet-stream', filetype: 'binary' };
}

const IMAGE_TYPES = new Set(['png', 'jpg', 'gif']);

/**
 * What Slack lets a `slack_file` image show: a completed png, jpg or gif of this workspace that the app can access (it
 * uploaded it), named by id or by its url_private or permalink.
 */
export function slackFileLookup(store: SandboxStore, workspace: WorkspaceRecord, baseUrl: string): SlackFileLookup {
  return (ref) => {
    const id = ref.id ?? /[/-](F[A-Z0-9]{8,})\//.exec(ref.url ?? '')?.[1];
    const file = id === undefined ? undefined : store.files.get(id);
    if (!file || file.teamId !== workspace.teamId || file.state !== 'completed') return false;
    if (!IMAGE_TYPES.has(file.filetype) || file.user !== workspace.botUserId) return false;
    if (ref.url === undefined) return true;
    const shown = fileObject(workspace, file, { baseUrl, channels: store.channels });
    return ref.url === shown.url_private || ref.url === shown.permalink;
  };
}

function fileOf(ctx: AuthedContext, id: string): SandboxFile | undefined {
  const file = ctx.store.files.get(id);
  return file && file.teamId === ctx.workspace.teamId ? file : undefined;
}

interface ShareTarget {
  channel: ChannelRecord;
}

/** `channel_id` or `channels` (comma-separated conversation or user ids): the bot must be in each. */
function shareTargets(ctx: AuthedContext): { targets: ShareTarget[] } | { error: MethodResult } {
  const channelId = stringArg(ctx.args, 'channel_id');
  const channels = stringArg(ctx.args, 'channels');
  const ids = [
    ...(channelId ? [channelId] : []),
    ...(channels ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  ];
  const targets: ShareTarget[] = [];
  for (const id of [...new Set(ids)]) {
    let channel = ctx.store.channelIn(ctx.workspace, id);
    if (!channel && /^[UW]/.test(id) && ctx.workspace.users.has(id)) {
      channel = ctx.store.openDm(ctx.workspace, id).channel;
    }
    if (!channel) return { error: fail(/^[CDG]/.test(id) ? 'channel_not_found' : 'invalid_channel') };
    if (!channel.members.has(ctx.workspace.botUserId)) return { error: fail('not_in_channel') };
    if (channel.isArchived) return { error: fail('is_archived') };
    targets.push({ channel });
  }
  return { targets };
}

function requestedFiles(
  ctx: AuthedContext,
): { files: Array<{ id: string; title?: string }> } | { error: MethodResult } {
  if (ctx.malformed.has('files')) return { error: invalidArguments(['[ERROR] files must be a JSON array']) };
  const raw = ctx.args.files;
  if (!Array.isArray(raw) || raw.length === 0) {
    return { error: invalidArguments(['[ERROR] missing required field: files']) };
  }
  const files: Array<{ id: string; title?: string }> = [];
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { id?: unknown }).id !== 'string') {
      return { error: invalidArguments(['[ERROR] each file needs an id']) };
    }
    const { id, title } = entry as { id: string; title?: unknown };
    files.push(typeof title === 'string' ? { id, title } : { id });
  }
  return { files };
}

export const fileMethods: Record<string, MethodDefinition> = {
  'files.getUploadURLExternal': {
    auth: 'bot',
    tier: 'tier4',
    handle(ctx) {
      const filename = stringArg(ctx.args, 'filename');
      const lengthText = stringArg(ctx.args, 'length');
      if (filename === undefined || filename.trim() === '') {
        return invalidArguments(['[ERROR] missing required field: filename']);
      }
      if (lengthText === undefined) return invalidArguments(['[ERROR] missing required field: length']);
      const length = Number(lengthText);
      if (!Number.isInteger(length) || length < 0) {
        return invalidArguments(['[ERROR] failed to match all allowed schemas [json-pointer:/length]']);
      }
      // Slack: "missing_argument ... Typically only occurs when the length provided is 0."
      if (length === 0) return fail('missing_argument');
      const altText = stringArg(ctx.args, 'alt_txt');
      if (altText !== undefined && altText.length > MAX_ALT_TEXT) return fail('alt_txt_too_large');
      const snippetType = stringArg(ctx.args, 'snippet_type');

      const file: SandboxFile = {
        id: ctx.store.ids.next('F'),
        teamId: ctx.workspace.teamId,
        user: ctx.workspace.botUserId,
        name: filename,
        title: filename,
        length,
        ...typeOf(filename),
        state: 'pending',
        content: Buffer.alloc(0),
        created: ctx.now,
        shares: {},
      };
      if (altText !== undefined && altText !== '') file.altText = altText;
      if (snippetType !== undefined && snippetType !== '') file.snippetType = snippetType;
      ctx.store.files.set(file.id, file);
      const uploadId = ctx.store.ids.secret('');
      ctx.store.uploadUrls.set(uploadId, {
        id: uploadId,
        fileId: file.id,
        teamId: file.teamId,
        createdAt: ctx.now,
        used: false,
      });
      return ok({ upload_url: `${ctx.baseUrl}/upload/v1/${uploadId}`, file_id: file.id });
    },
  },

  'files.completeUploadExternal': {
    auth: 'bot',
    tier: 'tier4',
    handle(ctx) {
      const requested = requestedFiles(ctx);
      if ('error' in requested) return requested.error;
      const files: SandboxFile[] = [];
      for (const { id } of requested.files) {
        const file = fileOf(ctx, id);
        // Completing twice, or before the bytes arrived, finds no file waiting to be completed.
        if (file?.state !== 'uploaded') return fail('file_not_found');
        files.push(file);
      }
      const targets = shareTargets(ctx);
      if ('error' in targets) return targets.error;
      const threadTs = stringArg(ctx.args, 'thread_ts');
      if (threadTs !== undefined && threadTs !== '') {
        if (targets.targets.length !== 1) {
          return invalidArguments(['[ERROR] thread_ts needs exactly one channel']);
        }
        if (!ctx.store.findMessage(targets.targets[0]!.channel, threadTs)) return fail('invalid_thread_ts');
      }

      for (const [index, file] of files.entries()) {
        const title = requested.files[index]!.title;
        if (title !== undefined && title !== '') file.title = title;
        file.state = 'completed';
      }
      const initialComment = stringArg(ctx.args, 'initial_comment') ?? '';
      for (const { channel } of targets.targets) {
        const message: StoredMessage = {
          teamId: ctx.workspace.teamId,
          channelId: channel.id,
          ts: ctx.store.nextTs(channel),
          user: ctx.workspace.botUserId,
          botId: ctx.workspace.botId,
          appId: ctx.workspace.appId,
          text: initialComment,
          reactions: [],
          files: files.map((file) => file.id),
          source: 'files.completeUploadExternal',
        };
        if (threadTs !== undefined && threadTs !== '') message.threadTs = threadTs;
        channel.messages.push(message);
        for (const file of files) file.shares[channel.id] = message.ts;
      }
      return ok({
        files: files.map((file) =>
          fileObject(ctx.workspace, file, { baseUrl: ctx.baseUrl, channels: ctx.store.channels }),
        ),
      });
    },
  },

  'files.info': {
    auth: 'bot',
    tier: 'tier4',
    handle(ctx) {
      const file = fileOf(ctx, stringArg(ctx.args, 'file') ?? '');
      if (file?.state !== 'completed') return fail('file_not_found');
      return ok({
        file: fileObject(ctx.workspace, file, { baseUrl: ctx.baseUrl, channels: ctx.store.channels }),
        comments: [],
        response_metadata: { next_cursor: '' },
      });
    },
  },
};
