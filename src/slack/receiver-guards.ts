import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** Slack's own rule for stale requests, applied the other way too. */
export const maxClockSkewSeconds = 5 * 60;

export interface ReceiverGuardOptions {
  /** The paths Bolt's HTTPReceiver takes Slack requests on. */
  endpoints: string[];
  /** The receiver's body limit; a longer body is left to Bolt, which answers 413 without reading it. */
  bodyLimit: number;
  now?: () => number;
}

function refuse(res: ServerResponse, status: number): void {
  // The body may be unread: close the connection so it is never parsed as a next request.
  res.writeHead(status, { connection: 'close' });
  res.end();
}

/**
 * What Bolt 5's HTTPReceiver lets through and should not, checked before it sees a request to a Slack endpoint:
 *
 * - A timestamp more than five minutes in the future. Bolt refuses stale requests but accepts any future
 *   date, so a captured request dated ahead could be replayed until then. Refused with 401, like a stale one.
 * - A body that is valid JSON but not an object (`null`, `1`, `"x"`, or `payload=null` in a form). Bolt reads
 *   `body.ssl_check` from it outside its own error handling: the request is never answered and the rejection
 *   goes unhandled, which ends the process. Slack never sends one; refused with 400.
 *
 * The body is buffered here and handed on as Bolt's `rawBody`, which Bolt then uses instead of reading the
 * stream; signature checking and everything else stay Bolt's.
 */
export function guardSlackRequests(
  listener: RequestListener,
  options: ReceiverGuardOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const now = options.now ?? Date.now;
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || !options.endpoints.includes(path)) {
      listener(req, res);
      return;
    }
    const header = req.headers['x-slack-request-timestamp'];
    const seconds = Number(Array.isArray(header) ? header[0] : header);
    if (Number.isFinite(seconds) && seconds > now() / 1000 + maxClockSkewSeconds) {
      refuse(res, 401);
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > options.bodyLimit) {
      listener(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > options.bodyLimit && !refused) {
        refused = true;
        refuse(res, 413);
        req.destroy();
      } else if (!refused) {
        chunks.push(chunk);
      }
    });
    req.on('error', () => {
      if (!refused && !res.headersSent) refuse(res, 400);
      refused = true;
    });
    req.on('end', () => {
      if (refused) return;
      const rawBody = Buffer.concat(chunks);
      if (!isObjectBody(rawBody.toString(), req.headers['content-type'])) {
        refuse(res, 400);
        return;
      }
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = rawBody;
      listener(req, res);
    });
  };
}

/** Mirrors how Bolt parses a body; false only for JSON that parses to something other than an object. */
function isObjectBody(text: string, contentType: string | undefined): boolean {
  let json = text;
  if (contentType === 'application/x-www-form-urlencoded') {
    const payload = new URLSearchParams(text).get('payload');
    if (payload === null) return true;
    json = payload;
  }
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    // Not JSON at all: Bolt answers 401 for a bad signature or 400 for a malformed body by itself.
    return true;
  }
}
