import { type HttpReply, type SandboxRuntime, textReply } from '../runtime.ts';
import { UPLOAD_URL_LIFETIME_MS } from '../web-api/methods/files.ts';

/**
 * The second step of Slack's external upload: the bytes POSTed to the URL files.getUploadURLExternal returned,
 * raw or as a multipart form. Slack answers 200 when it took them and anything else when not; the sandbox
 * refuses an unknown, used or expired URL and bytes whose count differs from the announced `length`.
 */
export function handleFileUpload(
  runtime: SandboxRuntime,
  uploadId: string,
  request: { contentType: string | undefined; body: Buffer },
): HttpReply {
  const upload = runtime.store.uploadUrls.get(uploadId);
  if (!upload) return textReply(404, 'upload url not found');
  if (upload.used) return textReply(410, 'upload url already used');
  if (runtime.now() - upload.createdAt > UPLOAD_URL_LIFETIME_MS) return textReply(410, 'upload url expired');
  const file = runtime.store.files.get(upload.fileId);
  if (!file) return textReply(404, 'upload url not found');
  const content = fileBytes(request);
  if (content === undefined) return textReply(400, 'multipart body without a file part');
  if (content.length !== file.length) {
    return textReply(400, `length mismatch: announced ${file.length} bytes, received ${content.length}`);
  }
  upload.used = true;
  file.content = content;
  file.state = 'uploaded';
  return textReply(200, `OK - ${content.length}`);
}

/** The file's bytes: the whole body, or the first part of a multipart form that carries a filename. */
function fileBytes(request: { contentType: string | undefined; body: Buffer }): Buffer | undefined {
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(request.contentType ?? '')?.[1];
  if (!boundary) return request.body;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = request.body.indexOf(delimiter);
  while (start >= 0) {
    const next = request.body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) return undefined;
    const part = request.body.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0 && /filename=/i.test(part.subarray(0, headerEnd).toString('utf8'))) {
      // The part ends with the CRLF that precedes the next delimiter.
      return Buffer.from(part.subarray(headerEnd + 4, part.length - 2));
    }
    start = next;
  }
  return undefined;
}

/** A file's `url_private`: its bytes, for the workspace's token only, as Slack serves private files. */
export function handleFileDownload(
  runtime: SandboxRuntime,
  path: string,
  authorization: string | undefined,
): HttpReply {
  const [owner] = path.split('/');
  const [teamId, fileId] = (owner ?? '').split('-');
  const file = runtime.store.files.get(fileId ?? '');
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  const lookup = token === undefined ? undefined : runtime.store.lookupToken(token);
  const allowed = lookup?.status === 'ok' && lookup.workspace.teamId === teamId;
  if (!file || file.teamId !== teamId || file.state !== 'completed' || !allowed) {
    return textReply(404, 'file not found');
  }
  return { status: 200, headers: { 'content-type': file.mimetype }, body: file.content };
}
