import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';

/** Slack's own rule for stale requests, applied the other way too. */
const maxClockSkewSeconds = 5 * 60;

export interface ReceiverGuardOptions {
  /** The paths Bolt's HTTPReceiver takes Slack requests on. */
  endpoints: string[];
  /** The receiver's body limit; a longer body is left to Bolt, which answers 413 without reading it. */
  bodyLimit: number;
  /** The app's signing secret: every request to an endpoint must carry Slack's v0 signature made with it. */
  signingSecret: string;
  now?: () => number;
  /** Told why a request was refused (never with the secret or the signature). */
  onRefused?: (status: number, reason: string) => void;
}

const formType = 'application/x-www-form-urlencoded';
const signaturePattern = /^v0=[0-9a-f]{64}$/;
const timestampPattern = /^[0-9]{1,12}$/;

/**
 * The gate in front of Bolt's HTTPReceiver for Slack's endpoints (Bolt's own signature check is switched off
 * and done here instead). Per request, in Bolt's order:
 *
 * - The body is read, up to the limit (413 beyond it), and handed on as Bolt's `rawBody`.
 * - A form body with `ssl_check=1` is Slack checking the certificate: answered 200 here, unsigned, and nothing
 *   of it reaches a listener.
 * - Slack's v0 signature over `v0:<timestamp>:<body>` with the signing secret, compared in constant time, and a
 *   timestamp at most five minutes away in *either* direction. Bolt refuses stale requests but accepts any
 *   future date, so a captured request dated ahead could be replayed until then. Anything else: 401.
 * - A body that is JSON but not an object (`null`, `1`, `"x"`, or `payload=null` in a form): Bolt reads
 *   `body.ssl_check` from it outside its own error handling, so the request is never answered and the
 *   rejection ends the process. Slack never sends one; refused with 400.
 *
 * Doing the check here rather than in Bolt is also cheaper: Bolt compares signatures with `tsscmp`, which makes
 * two more HMACs with a fresh random key per request (about 70 µs on Node 24, a fifth of a bare Bolt app's
 * CPU per request); `timingSafeEqual` on the two digests does the same job in under 1 µs.
 */
export function guardSlackRequests(
  listener: RequestListener,
  options: ReceiverGuardOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  // An HMAC with an empty key is one anybody can make.
  if (!options.signingSecret) throw new Error('the Slack signing secret is empty');
  const now = options.now ?? Date.now;
  const refuse = (res: ServerResponse, status: number, reason: string, bodyUnread = false) => {
    options.onRefused?.(status, reason);
    // An unread body must never be parsed as the next request on a kept-alive socket.
    res.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      ...(bodyUnread ? { connection: 'close' } : {}),
    });
    res.end(`${reason}\n`);
  };
  return (req, res) => {
    // Exactly how Bolt's HTTPReceiver finds its endpoints: with Bolt's own signature check off, a path this gate
    // read differently (a query string, `./`, percent-encoding) would reach a listener unchecked.
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || !options.endpoints.includes(path)) {
      listener(req, res);
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
        refuse(res, 413, 'request body too large', true);
        req.destroy();
      } else if (!refused) {
        chunks.push(chunk);
      }
    });
    req.on('error', () => {
      if (!refused && !res.headersSent) refuse(res, 400, 'request body could not be read', true);
      refused = true;
    });
    req.on('end', () => {
      if (refused) return;
      const rawBody = Buffer.concat(chunks);
      const text = rawBody.toString();
      const contentType = req.headers['content-type'];
      const form = contentType === formType ? formFieldsThatMatter(text) : undefined;
      if (form?.ssl_check === '1') {
        res.writeHead(200);
        res.end();
        return;
      }
      const problem = signatureProblem(req, text, options.signingSecret, now() / 1000);
      if (problem) {
        refuse(res, 401, problem);
        return;
      }
      const json = form ? form.payload : text;
      if (typeof json === 'string' && !startsLikeAnObject(json)) {
        refuse(res, 400, 'request body is not a JSON object');
        return;
      }
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = rawBody;
      listener(req, res);
    });
  };
}

/** A form key written percent- or plus-encoded: then only a full parse can tell which keys the form has. */
const encodedFormKey = /(?:^|&)[^=&]*[%+][^=&]*(?:=|&|$)/;

/**
 * The two fields the gate looks at (`ssl_check`, `payload`), parsed from a form only when it may hold them:
 * a slash command (the busiest request) has neither, and its body need not be parsed twice (Bolt parses it).
 */
function formFieldsThatMatter(text: string): { ssl_check?: unknown; payload?: unknown } {
  const mayHoldThem = text.includes('ssl_check') || text.includes('payload') || encodedFormKey.test(text);
  return mayHoldThem ? parseForm(text) : {};
}

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Why the request is not Slack's for this moment, or undefined when its signature holds. */
function signatureProblem(req: IncomingMessage, body: string, secret: string, nowSeconds: number): string | undefined {
  const timestamp = singleHeader(req, 'x-slack-request-timestamp');
  const signature = singleHeader(req, 'x-slack-signature');
  if (timestamp === undefined || signature === undefined) return 'missing Slack signature headers';
  if (!timestampPattern.test(timestamp)) return 'x-slack-request-timestamp is not a number of seconds';
  if (Math.abs(Number(timestamp) - nowSeconds) > maxClockSkewSeconds) {
    return 'x-slack-request-timestamp is more than five minutes from now';
  }
  if (!signaturePattern.test(signature)) return 'x-slack-signature is not a v0 signature';
  // Slack signs the timestamp exactly as it sends it in the header.
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  // Both are 67 ASCII characters here (the pattern above), as timingSafeEqual requires.
  if (!timingSafeEqual(Buffer.from(signature, 'latin1'), Buffer.from(`v0=${expected}`, 'latin1'))) {
    return 'signature mismatch';
  }
  return undefined;
}

/**
 * True when Bolt's JSON.parse of this text can only give an object or fail (which Bolt answers with 400): JSON
 * text whose first non-blank character is `{` is an object if it parses at all.
 */
function startsLikeAnObject(json: string): boolean {
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    // JSON's blanks: space, tab, line feed, carriage return.
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x7b;
  }
  return false;
}
