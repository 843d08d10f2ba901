import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { clientFor, errorOf, sandboxWithWorkspace } from './support.ts';

const CLIENT_ID = '1111.2222';
const CLIENT_SECRET = 'oauth-client-secret';
const REDIRECT_URI = 'http://127.0.0.1:9/slack/oauth_redirect';

let sandbox: Sandbox;

beforeEach(async () => {
  ({ sandbox } = await sandboxWithWorkspace({ oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } }));
});
afterEach(async () => {
  await sandbox.close();
});

async function authorize(params: Record<string, string>): Promise<URL> {
  const url = new URL(`${sandbox.url}/oauth/v2/authorize`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

describe('OAuth v2', () => {
  test('authorize redirects with code and state; oauth.v2.access exchanges the code for a working bot token', async () => {
    const location = await authorize({
      client_id: CLIENT_ID,
      scope: 'chat:write,users:read',
      redirect_uri: REDIRECT_URI,
      state: 'state-123',
      team: 'T0ACME0001',
    });
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('state-123');
    const code = location.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const noToken = clientFor(sandbox, undefined);
    const access = await noToken.oauth.v2.access({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      code,
      redirect_uri: REDIRECT_URI,
    });
    const seeded = sandbox.workspace('T0ACME0001');
    expect(access).toMatchObject({
      ok: true,
      token_type: 'bot',
      access_token: seeded?.botToken,
      scope: 'chat:write,users:read',
      bot_user_id: seeded?.botUserId,
      app_id: seeded?.appId,
      team: { id: 'T0ACME0001', name: 'Acme' },
      enterprise: { id: 'E0ACME0001' },
      is_enterprise_install: false,
      authed_user: { id: 'U0ALICE001' },
    });
    const whoAmI = await clientFor(sandbox, access.access_token).auth.test();
    expect(whoAmI.team_id).toBe('T0ACME0001');

    expect(
      await errorOf(
        noToken.oauth.v2.access({
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          code,
          redirect_uri: REDIRECT_URI,
        }),
      ),
    ).toBe('invalid_code');
  });

  test('client credentials and redirect_uri are checked', async () => {
    const code = async () =>
      (await authorize({ client_id: CLIENT_ID, scope: 'chat:write', redirect_uri: REDIRECT_URI })).searchParams.get(
        'code',
      ) ?? '';
    const noToken = clientFor(sandbox, undefined);
    expect(
      await errorOf(
        noToken.oauth.v2.access({
          client_id: 'nope',
          client_secret: CLIENT_SECRET,
          code: await code(),
          redirect_uri: REDIRECT_URI,
        }),
      ),
    ).toBe('invalid_client_id');
    expect(
      await errorOf(
        noToken.oauth.v2.access({
          client_id: CLIENT_ID,
          client_secret: 'wrong',
          code: await code(),
          redirect_uri: REDIRECT_URI,
        }),
      ),
    ).toBe('bad_client_secret');
    expect(
      await errorOf(
        noToken.oauth.v2.access({
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          code: await code(),
          redirect_uri: 'http://elsewhere.invalid/cb',
        }),
      ),
    ).toBe('bad_redirect_uri');
    const refused = await fetch(`${sandbox.url}/oauth/v2/authorize?client_id=nope&redirect_uri=${REDIRECT_URI}`, {
      redirect: 'manual',
    });
    expect(refused.status).toBe(400);
  });

  test('after revokeTokens the old token is token_revoked and a reinstall issues a new one', async () => {
    const old = sandbox.workspace('T0ACME0001')?.botToken ?? '';
    sandbox.revokeTokens('T0ACME0001');
    expect(await errorOf(clientFor(sandbox, old).auth.test())).toBe('token_revoked');

    const location = await authorize({ client_id: CLIENT_ID, scope: 'chat:write', redirect_uri: REDIRECT_URI });
    const access = await clientFor(sandbox, undefined).oauth.v2.access({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      code: location.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
    });
    expect(access.access_token).not.toBe(old);
    expect((await clientFor(sandbox, access.access_token).auth.test()).ok).toBe(true);
    expect(sandbox.workspace('T0ACME0001')?.botToken).toBe(access.access_token);
  });

  test('a user who cancels comes back with error=access_denied', async () => {
    const location = await authorize({
      client_id: CLIENT_ID,
      scope: 'chat:write',
      redirect_uri: REDIRECT_URI,
      state: 's',
      sandbox_deny: '1',
    });
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('code')).toBeNull();
  });
});
