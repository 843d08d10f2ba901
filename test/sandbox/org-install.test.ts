import type { OauthV2AccessResponse } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { clientFor, errorOf, sandboxWithWorkspace } from './support.ts';

const CLIENT_ID = '1111.2222';
const CLIENT_SECRET = 'oauth-client-secret';
const REDIRECT_URI = 'http://127.0.0.1:9/slack/oauth_redirect';

let sandbox: Sandbox;

beforeEach(async () => {
  ({ sandbox } = await sandboxWithWorkspace({ oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } }));
  // A second workspace of the same organisation (E0ACME0001), with a user group of its own.
  sandbox.createWorkspace({
    teamId: 'T0ACME0002',
    name: 'Acme Labs',
    enterpriseId: 'E0ACME0001',
    users: [{ id: 'W0LAB00001', name: 'lab', realName: 'Lab Person' }],
    channels: [{ id: 'C0LABS0001', name: 'labs', members: ['W0LAB00001'], botIsMember: true }],
    usergroups: [{ id: 'S0LABS0001', handle: 'labs', name: 'Labs', users: ['W0LAB00001'] }],
  });
});
afterEach(async () => {
  await sandbox.close();
});

async function orgInstall(): Promise<OauthV2AccessResponse> {
  const url = new URL(`${sandbox.url}/oauth/v2/authorize`);
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('scope', 'users:read,usergroups:read');
  url.searchParams.set('redirect_uri', REDIRECT_URI);
  url.searchParams.set('team', 'E0ACME0001');
  const approved = await fetch(url, { redirect: 'manual' });
  const code = new URL(approved.headers.get('location') ?? '').searchParams.get('code') ?? '';
  return await clientFor(sandbox, undefined).oauth.v2.access({
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    code,
    redirect_uri: REDIRECT_URI,
  });
}

describe('org-wide installs', () => {
  test('installing on the organisation gives one org-level token and no team', async () => {
    const access = await orgInstall();
    expect(access).toMatchObject({
      ok: true,
      team: null,
      enterprise: { id: 'E0ACME0001' },
      is_enterprise_install: true,
    });
    expect(access.access_token).toMatch(/^xoxb-E0ACME0001-/);
    const slack = clientFor(sandbox, access.access_token);
    expect(await slack.auth.test()).toMatchObject({ enterprise_id: 'E0ACME0001', is_enterprise_install: true });
    const teams = await slack.auth.teams.list({});
    expect(teams.teams?.map((t) => t.id)).toEqual(['T0ACME0001', 'T0ACME0002']);
  });

  test('the org token refuses workspace listings without team_id (missing_argument), and serves them with it', async () => {
    const slack = clientFor(sandbox, (await orgInstall()).access_token);
    expect(await errorOf(slack.users.list({}))).toBe('missing_argument');
    expect(await errorOf(slack.usergroups.list({}))).toBe('missing_argument');
    expect(await errorOf(slack.usergroups.users.list({ usergroup: 'S0LABS0001' }))).toBe('missing_argument');

    const labs = await slack.users.list({ team_id: 'T0ACME0002' });
    expect(labs.members?.map((m) => m.id)).toContain('W0LAB00001');
    expect(labs.members?.map((m) => m.id)).not.toContain('U0ALICE001');
    const groups = await slack.usergroups.list({ team_id: 'T0ACME0002' });
    expect(groups.usergroups?.map((g) => g.id)).toEqual(['S0LABS0001']);
    const members = await slack.usergroups.users.list({ usergroup: 'S0LABS0001', team_id: 'T0ACME0002' });
    expect(members.users).toEqual(['W0LAB00001']);
    expect(await errorOf(slack.users.list({ team_id: 'T0ELSEWHERE' }))).toBe('team_access_not_granted');
  });

  test('calls about a channel or a person act in the workspace they belong to', async () => {
    const slack = clientFor(sandbox, (await orgInstall()).access_token);
    await slack.chat.postMessage({ channel: 'C0LABS0001', text: 'hello labs' });
    await slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'hello acme' });
    expect(sandbox.messages('C0LABS0001').map((m) => m.text)).toEqual(['hello labs']);
    expect(sandbox.messages('C0GENERAL1').map((m) => m.text)).toEqual(['hello acme']);
    expect((await slack.users.info({ user: 'W0LAB00001' })).user?.team_id).toBe('T0ACME0002');
  });

  test("a workspace's own token still lists its workspace without team_id", async () => {
    const own = clientFor(sandbox, sandbox.workspace('T0ACME0001')?.botToken);
    const listed = await own.users.list({});
    expect(listed.members?.map((m) => m.id)).toContain('U0ALICE001');
  });
});
