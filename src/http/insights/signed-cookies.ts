import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Values kept in the browser and trusted when they come back: JSON, with an expiry, signed with HMAC-SHA256 under a key
 * derived from NUDGE_ENCRYPTION_KEY (HKDF, so the key that seals tokens is never used for anything else). Each kind of
 * cookie signs its own name in, so a sign-in cookie can never pass for a session.
 */
export interface CookieSigner {
  sign(purpose: string, value: object, expiresAt: Date): string;
  /** The value, or why it is refused; an expired value is refused like a forged one. */
  verify(purpose: string, signed: string, now: Date): { ok: true; value: Record<string, unknown> } | { ok: false };
}

export function createCookieSigner(encryptionKey: Buffer): CookieSigner {
  const key = Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'nudge insights cookies v1', 32));
  const mac = (purpose: string, payload: string) => createHmac('sha256', key).update(`${purpose}.${payload}`).digest();
  return {
    sign(purpose, value, expiresAt) {
      const payload = Buffer.from(JSON.stringify({ ...value, exp: expiresAt.getTime() })).toString('base64url');
      return `v1.${payload}.${mac(purpose, payload).toString('base64url')}`;
    },
    verify(purpose, signed, now) {
      const [version, payload, signature, ...rest] = signed.split('.');
      if (version !== 'v1' || !payload || !signature || rest.length > 0) return { ok: false };
      const expected = mac(purpose, payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false };
      let value: unknown;
      try {
        value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return { ok: false };
      }
      if (typeof value !== 'object' || value === null) return { ok: false };
      const exp = (value as { exp?: unknown }).exp;
      if (typeof exp !== 'number' || exp <= now.getTime()) return { ok: false };
      return { ok: true, value: value as Record<string, unknown> };
    },
  };
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** A cookie only the insights pages receive and no script can read; Secure whenever the page came over HTTPS. */
export function cookieHeader(name: string, value: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${name}=${value}`,
    'Path=/insights',
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
    `Max-Age=${options.maxAgeSeconds}`,
  ].join('; ');
}

export function clearedCookieHeader(name: string, options: { secure: boolean }): string {
  return cookieHeader(name, '', { secure: options.secure, maxAgeSeconds: 0 });
}
