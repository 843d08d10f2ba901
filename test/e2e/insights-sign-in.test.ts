import { createHmac, hkdfSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adjustableClock } from '../../src/observability/clock.ts';
import { defaultWorkspace, type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { cookieNamed, otherWorkspace, signInToInsights } from '../support/insights-sign-in.ts';
import { waitForMember } from '../support/member-sync.ts';

const clock = adjustableClock();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ oauth: true, workspaces: [defaultWorkspace, otherWorkspace], clock, label: 'insights' });
  for (const teamId of ['T0ACME', 'T0OTHER']) expect((await installViaOAuth(h, teamId)).status).toBe(200);
  for (const [teamId, userId] of [
    ['T0ACME', 'U0ALICE'],
    ['T0ACME', 'U0BOB'],
    ['T0OTHER', 'U0ALICE'],
    ['T0OTHER', 'U0BOB'],
  ] as const) {
    await waitForMember(h.service.deps.db, teamId, userId);
  }
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
  fetch(`${h.appUrl}${path}`, { redirect: 'manual', headers: { ...headers, ...(cookie ? { cookie } : {}) } });

/** Nothing about any workspace: no name, no chart, no sign-out form. */
async function showsNothing(response: Response): Promise<void> {
  const body = await response.text();
  for (const text of ['Acme', 'Other Co', 'Insights ·', 'name="csrf"', '<figure', '<svg', 'No insights yet']) {
    expect(body).not.toContain(text);
  }
}

describe('the insights page: Sign in with Slack', () => {
  test('signed out: the page sends to sign-in, a CSV is 401', async () => {
    const page = await get('/insights');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/insights/login');
    const csv = await get('/insights/csv/participation.csv');
    expect(csv.status).toBe(401);
    await showsNothing(csv);
  });

  test('an admin signs in through Slack and gets a signed, HTTP-only, SameSite=Lax session for their workspace', async () => {
    const { callback, session } = await signInToInsights(h.appUrl, { teamId: 'T0ACME', userId: 'U0ALICE' });
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/insights');
    const cookie = cookieNamed(callback, 'nudge_insights_session');
    expect(cookie?.attributes).toEqual(
      expect.arrayContaining(['Path=/insights', 'HttpOnly', 'SameSite=Lax', 'Max-Age=28800']),
    );
    expect(cookie?.attributes).not.toContain('Secure');
    // The sign-in cookie (state, nonce, PKCE verifier) is spent.
    expect(cookieNamed(callback, 'nudge_insights_sign_in')?.attributes).toContain('Max-Age=0');

    const page = await get('/insights', session);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Insights · Acme');
    expect(html).toContain('No insights yet');
    expect(html).toContain('/coffee');
    expect(html).not.toContain('Other Co');
    // No report yet: a CSV of a chart that does not exist is a 404, not someone else's table.
    expect((await get('/insights/csv/participation.csv', session)).status).toBe(404);
    // Signed-in admin never sees the secret used to sign cookies in the logs.
    expect(h.logs.text()).not.toContain(h.config.encryptionKey.toString('base64'));
  });

  test('behind HTTPS (X-Forwarded-Proto) the cookies are Secure and Slack returns to the https address', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const login = await get('/insights/login?team=T0ACME', undefined, https);
    expect(new URL(login.headers.get('location') ?? '').searchParams.get('redirect_uri')).toBe(
      `${h.appUrl.replace('http:', 'https:')}/insights/callback`,
    );
    expect(cookieNamed(login, 'nudge_insights_sign_in')?.attributes).toContain('Secure');
    const { callback } = await signInToInsights(h.appUrl, { teamId: 'T0ACME', userId: 'U0ALICE', headers: https });
    expect(callback.status).toBe(303);
    expect(cookieNamed(callback, 'nudge_insights_session')?.attributes).toContain('Secure');
  });

  test('a member who is not an admin is refused (403) and gets no session', async () => {
    const { callback, session } = await signInToInsights(h.appUrl, { teamId: 'T0ACME', userId: 'U0BOB' });
    expect(callback.status).toBe(403);
    expect(session).toBeUndefined();
    await showsNothing(callback);
  });

  test('the same user ID is only an admin where that workspace says so', async () => {
    const alice = await signInToInsights(h.appUrl, { teamId: 'T0OTHER', userId: 'U0ALICE' });
    expect(alice.callback.status).toBe(403);
    expect(alice.session).toBeUndefined();
    const bob = await signInToInsights(h.appUrl, { teamId: 'T0OTHER', userId: 'U0BOB' });
    expect(bob.callback.status).toBe(303);
    const html = await (await get('/insights', bob.session)).text();
    expect(html).toContain('Insights · Other Co');
    expect(html).not.toContain('Acme');
  });

  test('a tampered, forged or expired session cookie is refused with nothing shown', async () => {
    const { session } = await signInToInsights(h.appUrl, { teamId: 'T0ACME', userId: 'U0ALICE' });
    const value = (session ?? '').slice('nudge_insights_session='.length);
    const [version, payload, signature] = value.split('.') as [string, string, string];

    // Alice is an admin of Acme only: pointing her session at the other workspace breaks the signature.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const moved = Buffer.from(JSON.stringify({ ...claims, workspaceId: 'T0OTHER', userId: 'U0BOB' })).toString(
      'base64url',
    );
    const tampered = await get('/insights', `nudge_insights_session=${version}.${moved}.${signature}`);
    expect(tampered.status).toBe(401);
    await showsNothing(tampered);
    expect(cookieNamed(tampered, 'nudge_insights_session')?.attributes).toContain('Max-Age=0');

    // Signed as Nudge signs, but with a key derived from another install's secret.
    const otherKey = Buffer.from(
      hkdfSync('sha256', Buffer.alloc(32, 7), Buffer.alloc(0), 'nudge insights cookies v1', 32),
    );
    const forgedSignature = createHmac('sha256', otherKey)
      .update(`nudge_insights_session.${moved}`)
      .digest('base64url');
    const forged = await get(
      '/insights/csv/participation.csv',
      `nudge_insights_session=v1.${moved}.${forgedSignature}`,
    );
    expect(forged.status).toBe(401);
    await showsNothing(forged);

    // Genuinely signed (with this install's key) for a workspace where Alice is no admin: the admin check is asked on
    // every request, not only at sign-in.
    const ownKey = Buffer.from(
      hkdfSync('sha256', h.config.encryptionKey, Buffer.alloc(0), 'nudge insights cookies v1', 32),
    );
    const elsewhere = Buffer.from(JSON.stringify({ ...claims, workspaceId: 'T0OTHER' })).toString('base64url');
    const elsewhereSignature = createHmac('sha256', ownKey)
      .update(`nudge_insights_session.${elsewhere}`)
      .digest('base64url');
    const notAdminThere = await get('/insights', `nudge_insights_session=v1.${elsewhere}.${elsewhereSignature}`);
    expect(notAdminThere.status).toBe(403);
    await showsNothing(notAdminThere);

    const garbage = await get('/insights', 'nudge_insights_session=not-a-session');
    expect(garbage.status).toBe(401);
    await showsNothing(garbage);

    clock.advance(8 * 60 * 60 * 1000 + 1000);
    try {
      const expired = await get('/insights', session);
      expect(expired.status).toBe(401);
      await showsNothing(expired);
    } finally {
      clock.advance(-(8 * 60 * 60 * 1000 + 1000));
    }
  });

  test('the callback refuses a replayed code, another browser’s sign-in and a cancelled sign-in', async () => {
    const login = await get('/insights/login?team=T0ACME');
    const signInCookie = cookieNamed(login, 'nudge_insights_sign_in')?.pair ?? '';
    const authorize = new URL(login.headers.get('location') ?? '');
    expect(authorize.searchParams.get('scope')).toBe('openid profile email');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).not.toBeNull();
    authorize.searchParams.set('sandbox_user', 'U0ALICE');
    const back = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '');
    const path = `${back.pathname}${back.search}`;

    const noCookie = await get(path);
    expect(noCookie.status).toBe(400);
    expect(cookieNamed(noCookie, 'nudge_insights_session')).toBeUndefined();

    // Another sign-in's cookie carries another state, nonce and verifier.
    const otherLogin = await get('/insights/login?team=T0ACME');
    const otherCookie = cookieNamed(otherLogin, 'nudge_insights_sign_in')?.pair ?? '';
    const mixed = await get(path, otherCookie);
    expect(mixed.status).toBe(401);
    expect(cookieNamed(mixed, 'nudge_insights_session')).toBeUndefined();

    const first = await get(path, signInCookie);
    expect(first.status).toBe(303);
    const replay = await get(path, signInCookie);
    expect(replay.status).toBe(401);
    expect(cookieNamed(replay, 'nudge_insights_session')).toBeUndefined();

    const cancelled = await get('/insights/callback?error=access_denied&state=x', signInCookie);
    expect(cancelled.status).toBe(403);
    expect(cookieNamed(cancelled, 'nudge_insights_session')).toBeUndefined();
  });

  test('the browser copy of ECharts and the page script are served by Nudge itself', async () => {
    const bundle = await get('/insights/assets/echarts.min.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect(await bundle.text()).toContain('echarts');
    const script = await get('/insights/assets/insights.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('echarts.init');
  });

  test('sign-out is a POST with the page’s CSRF token', async () => {
    const { session } = await signInToInsights(h.appUrl, { teamId: 'T0ACME', userId: 'U0ALICE' });
    const html = await (await get('/insights', session)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csrf).not.toBe('');
    const post = (body: string, cookie?: string) =>
      fetch(`${h.appUrl}/insights/logout`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body,
      });
    const noToken = await post('', session);
    expect(noToken.status).toBe(403);
    expect(cookieNamed(noToken, 'nudge_insights_session')).toBeUndefined();
    expect((await post(`csrf=${csrf}`)).status).toBe(401);
    const out = await post(`csrf=${encodeURIComponent(csrf)}`, session);
    expect(out.status).toBe(200);
    expect(cookieNamed(out, 'nudge_insights_session')?.attributes).toContain('Max-Age=0');
  });
});
