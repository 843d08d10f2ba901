import { describe, expect, test } from 'vitest';
import { createCookieSigner } from '../../../src/http/insights/signed-cookies.ts';

const key = Buffer.alloc(32, 1);
const now = new Date('2026-12-07T10:00:00Z');
const later = new Date('2026-12-07T18:00:00Z');

describe('signed cookies', () => {
  const signer = createCookieSigner(key);
  const signed = signer.sign('nudge_insights_session', { workspaceId: 'T0ACME', userId: 'U0ALICE' }, later);

  test('a value comes back as it was signed, until it expires', () => {
    expect(signer.verify('nudge_insights_session', signed, now)).toEqual({
      ok: true,
      value: { workspaceId: 'T0ACME', userId: 'U0ALICE', exp: later.getTime() },
    });
    expect(signer.verify('nudge_insights_session', signed, later)).toEqual({ ok: false });
  });

  test('a cookie of one kind never passes for another kind', () => {
    expect(signer.verify('nudge_insights_sign_in', signed, now)).toEqual({ ok: false });
  });

  test('a changed value, a changed expiry or another key is refused', () => {
    const [version, payload, signature] = signed.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const rewrite = (changes: Record<string, unknown>) =>
      `${version}.${Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url')}.${signature}`;
    expect(signer.verify('nudge_insights_session', rewrite({ workspaceId: 'T0OTHER' }), now)).toEqual({ ok: false });
    expect(signer.verify('nudge_insights_session', rewrite({ exp: later.getTime() * 2 }), now)).toEqual({ ok: false });
    expect(createCookieSigner(Buffer.alloc(32, 2)).verify('nudge_insights_session', signed, now)).toEqual({
      ok: false,
    });
    expect(signer.verify('nudge_insights_session', `${signed}.extra`, now)).toEqual({ ok: false });
    expect(signer.verify('nudge_insights_session', 'v1..', now)).toEqual({ ok: false });
  });
});
