import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { manualClock, sandboxWithWorkspace } from './support.ts';

const CLIENT_ID = '1111.2222';
const CLIENT_SECRET = 'oauth-client-secret';
const REDIRECT_URI = 'http://127.0.0.1:9/insights/callback';
const VERIFIER = 'a-pkce-verifier-that-is-long-enough-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

let sandbox: Sandbox;
const clock = manualClock();

beforeEach(async () => {
  ({ sandbox } = await sandboxWithWorkspace({
    now: clock.now,
    oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  }));
});
afterEach(async () => {
  await sandbox.close();
});

function authorizeUrl(params: Record<string, string> = {}): URL {
  const url = new URL(`${sandbox.url}/openid/connect/authorize`);
  const all = {
    response_type: 'code',
    scope: 'openid profile email',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...params,
  };
  for (const [key, value] of Object.entries(all)) url.searchParams.set(key, value);
  return url;
}

async function redirectOf(url: URL): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

async function codeFor(userId: string, params: Record<string, string> = {}): Promise<string> {
  const location = await redirectOf(authorizeUrl({ sandbox_user: userId, ...params }));
  expect(location.searchParams.get('state')).toBe('state-1');
  return location.searchParams.get('code') ?? '';
}

async function api(method: string, form: Record<string, string>, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.apiUrl}${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: new URLSearchParams(form),
  });
  return (await response.json()) as Record<string, unknown>;
}

const exchange = (code: string, extra: Record<string, string> = {}) =>
  api('openid.connect.token', {
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: VERIFIER,
    grant_type: 'authorization_code',
    ...extra,
  });

function decodeJwt(jwt: string) {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
    signed: Buffer.from(`${header}.${payload}`),
    signature: Buffer.from(signature, 'base64url'),
  };
}

describe('Sign in with Slack (OpenID Connect)', () => {
  test('discovery names the sandbox as issuer and its endpoints, as Slack publishes them', async () => {
    const discovery = (await (await fetch(`${sandbox.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery).toMatchObject({
      issuer: sandbox.url,
      authorization_endpoint: `${sandbox.url}/openid/connect/authorize`,
      token_endpoint: `${sandbox.url}/api/openid.connect.token`,
      userinfo_endpoint: `${sandbox.url}/api/openid.connect.userInfo`,
      jwks_uri: `${sandbox.url}/openid/connect/keys`,
      scopes_supported: ['openid', 'profile', 'email'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  test('the authorize page lets one choose who signs in, people only', async () => {
    const response = await fetch(authorizeUrl());
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Alice Anders');
    expect(html).toContain('data-user="U0BOB00001"');
    expect(html).not.toContain('Erin Ex');
  });

  test('a chosen person gets a code whose exchange returns an RS256 id_token with Slack claims, verified by the JWKS', async () => {
    const token = await exchange(await codeFor('U0ALICE001'));
    expect(token).toMatchObject({ ok: true, token_type: 'Bearer' });
    const { header, claims, signed, signature } = decodeJwt(String(token.id_token));
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(claims).toMatchObject({
      iss: sandbox.url,
      sub: 'U0ALICE001',
      aud: CLIENT_ID,
      nonce: 'nonce-1',
      'https://slack.com/user_id': 'U0ALICE001',
      'https://slack.com/team_id': 'T0ACME0001',
      email: 'alice@acme.example',
      name: 'Alice Anders',
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(300);
    const keys = (await (await fetch(`${sandbox.url}/openid/connect/keys`)).json()) as {
      keys: Array<Record<string, string>>;
    };
    const jwk = keys.keys.find((key) => key.kid === header.kid);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    const publicKey = createPublicKey({ key: jwk as never, format: 'jwk' });
    expect(verify('sha256', signed, publicKey, signature)).toBe(true);
    const tampered = Buffer.from(
      signed
        .toString()
        .replace(/\.[^.]+$/, `.${Buffer.from(JSON.stringify({ ...claims, sub: 'U0BOB00001' })).toString('base64url')}`),
    );
    expect(verify('sha256', tampered, publicKey, signature)).toBe(false);

    const info = await api('openid.connect.userInfo', {}, String(token.access_token));
    expect(info).toMatchObject({ ok: true, sub: 'U0ALICE001', 'https://slack.com/team_id': 'T0ACME0001' });
    expect(await api('openid.connect.userInfo', {}, 'xoxp-made-up')).toEqual({ ok: false, error: 'invalid_auth' });
  });

  test('a code works once, for ten minutes, for its client, redirect_uri and PKCE verifier', async () => {
    const once = await codeFor('U0BOB00001');
    expect(await exchange(once)).toMatchObject({ ok: true });
    expect(await exchange(once)).toEqual({ ok: false, error: 'invalid_code' });

    expect(await exchange(await codeFor('U0BOB00001'), { redirect_uri: 'http://127.0.0.1:9/elsewhere' })).toEqual({
      ok: false,
      error: 'bad_redirect_uri',
    });
    expect(await exchange(await codeFor('U0BOB00001'), { client_secret: 'wrong' })).toEqual({
      ok: false,
      error: 'bad_client_secret',
    });
    expect(await exchange(await codeFor('U0BOB00001'), { client_id: '9.9' })).toEqual({
      ok: false,
      error: 'invalid_client_id',
    });
    expect(await exchange(await codeFor('U0BOB00001'), { code_verifier: 'another-verifier' })).toEqual({
      ok: false,
      error: 'invalid_code_verifier',
    });
    const late = await codeFor('U0BOB00001');
    clock.advance(10 * 60_000 + 1);
    expect(await exchange(late)).toEqual({ ok: false, error: 'invalid_code' });
  });

  test('bad requests are refused: unknown client on the page, bad scope or response type back to the app', async () => {
    const unknownClient = await fetch(authorizeUrl({ client_id: '9.9' }), { redirect: 'manual' });
    expect(unknownClient.status).toBe(400);
    expect(await unknownClient.text()).toContain('invalid_client_id');
    expect((await redirectOf(authorizeUrl({ scope: 'profile email' }))).searchParams.get('error')).toBe(
      'invalid_scope',
    );
    expect((await redirectOf(authorizeUrl({ scope: 'openid chat:write' }))).searchParams.get('error')).toBe(
      'invalid_scope',
    );
    expect((await redirectOf(authorizeUrl({ response_type: 'token' }))).searchParams.get('error')).toBe(
      'unsupported_response_type',
    );
    expect((await redirectOf(authorizeUrl({ sandbox_deny: '1' }))).searchParams.get('error')).toBe('access_denied');
  });
});
