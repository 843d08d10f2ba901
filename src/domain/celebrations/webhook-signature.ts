import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Inbound webhook signatures. Nudge's own format (documented in docs/celebrations.md):
 *   X-Nudge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * accepted within `toleranceSeconds` of now. GitHub's: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>.
 */

export const signatureToleranceSeconds = 5 * 60;
export const webhookSecretPrefix = 'nudge_whsec_';

export function generateWebhookSecret(): string {
  return `${webhookSecretPrefix}${randomBytes(32).toString('base64url')}`;
}

function hmacHex(secret: string, payload: string | Buffer): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** The header value a sender puts on a request (used by the docs' example and the tests). */
export function signNudgeWebhook(secret: string, timestamp: number, body: string | Buffer): string {
  return `t=${timestamp},v1=${hmacHex(secret, Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(body)]))}`;
}

export function signGithubWebhook(secret: string, body: string | Buffer): string {
  return `sha256=${hmacHex(secret, body)}`;
}

function sameHex(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given.toLowerCase(), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export type SignatureCheck = { ok: true; signature: string } | { ok: false; reason: string };

export function verifyNudgeSignature(input: {
  secret: string;
  header: string | undefined;
  body: Buffer;
  now: Date;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!input.header) return { ok: false, reason: 'missing X-Nudge-Signature header' };
  const parts = new Map<string, string[]>();
  for (const piece of input.header.split(',')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const name = piece.slice(0, eq).trim();
    parts.set(name, [...(parts.get(name) ?? []), piece.slice(eq + 1).trim()]);
  }
  const t = parts.get('t')?.[0];
  const candidates = parts.get('v1') ?? [];
  if (!t || !/^\d{1,12}$/.test(t) || candidates.length === 0) {
    return { ok: false, reason: 'X-Nudge-Signature must look like t=<unix seconds>,v1=<hex>' };
  }
  const tolerance = input.toleranceSeconds ?? signatureToleranceSeconds;
  if (Math.abs(input.now.getTime() / 1000 - Number(t)) > tolerance) {
    return { ok: false, reason: `timestamp is more than ${tolerance / 60} minutes away from now` };
  }
  const expected = hmacHex(input.secret, Buffer.concat([Buffer.from(`${t}.`), input.body]));
  const match = candidates.find((v1) => sameHex(expected, v1));
  if (!match) return { ok: false, reason: 'signature does not match' };
  return { ok: true, signature: match.toLowerCase() };
}

export function verifyGithubSignature(input: {
  secret: string;
  header: string | undefined;
  body: Buffer;
}): SignatureCheck {
  if (!input.header) return { ok: false, reason: 'missing X-Hub-Signature-256 header' };
  const given = input.header.trim();
  if (!given.startsWith('sha256=')) return { ok: false, reason: 'X-Hub-Signature-256 must look like sha256=<hex>' };
  const hex = given.slice('sha256='.length);
  if (!sameHex(hmacHex(input.secret, input.body), hex)) return { ok: false, reason: 'signature does not match' };
  return { ok: true, signature: hex.toLowerCase() };
}
