import { WebAPIPlatformError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox, SeededWorkspace } from '../../src/sandbox/index.ts';
import { clientFor, sandboxWithWorkspace } from './support.ts';

let sandbox: Sandbox;
let workspace: SeededWorkspace;

beforeEach(async () => {
  ({ sandbox, workspace } = await sandboxWithWorkspace());
});
afterEach(async () => {
  await sandbox.close();
});

async function platformError(promise: Promise<unknown>): Promise<WebAPIPlatformError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return error as WebAPIPlatformError;
}

describe('auth', () => {
  test('auth.test identifies the bot of the workspace the token belongs to', async () => {
    const result = await clientFor(sandbox, workspace.botToken).auth.test();
    expect(result).toMatchObject({
      ok: true,
      team_id: 'T0ACME0001',
      user_id: workspace.botUserId,
      bot_id: workspace.botId,
      enterprise_id: 'E0ACME0001',
      is_enterprise_install: false,
    });
  });

  test('missing, unknown and revoked tokens get not_authed, invalid_auth and token_revoked', async () => {
    expect((await platformError(clientFor(sandbox, undefined).auth.test())).data.error).toBe('not_authed');
    expect((await platformError(clientFor(sandbox, 'xoxb-nope').auth.test())).data.error).toBe('invalid_auth');
    sandbox.revokeTokens('T0ACME0001');
    expect((await platformError(clientFor(sandbox, workspace.botToken).auth.test())).data.error).toBe('token_revoked');
  });

  test('a token sent as a form argument works too, and unknown methods are unknown_method', async () => {
    const response = await fetch(`${sandbox.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: workspace.botToken }).toString(),
    });
    expect(await response.json()).toMatchObject({ ok: true, team_id: 'T0ACME0001' });
    const unknown = await platformError(clientFor(sandbox, workspace.botToken).apiCall('users.nonsense'));
    expect(unknown.data.error).toBe('unknown_method');
  });

  test('team.info returns the team object', async () => {
    const result = await clientFor(sandbox, workspace.botToken).team.info();
    expect(result.team).toMatchObject({ id: 'T0ACME0001', name: 'Acme', domain: 'acme', enterprise_id: 'E0ACME0001' });
  });
});

describe('users', () => {
  test('users.list pages with limit and cursor until next_cursor is empty', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await client.users.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push((page.members ?? []).map((member) => member.id ?? ''));
      cursor = page.response_metadata?.next_cursor;
    } while (cursor);
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    expect(pages.flat()).toEqual([
      'USLACKBOT',
      workspace.botUserId,
      'U0ALICE001',
      'U0BOB00001',
      'U0CAROL001',
      'W0DAVE0001',
      'U0ERIN0001',
    ]);
  });

  test('the SDK paginator walks users.list the same way', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const ids: string[] = [];
    for await (const page of client.paginate('users.list', { limit: 3 })) {
      ids.push(...((page as { members?: Array<{ id: string }> }).members ?? []).map((member) => member.id));
    }
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
  });

  test('user objects carry tz, tz_offset, roles, bot and deleted flags and enterprise_user for W ids', async () => {
    const { members = [] } = await clientFor(sandbox, workspace.botToken).users.list({});
    const byId = new Map(members.map((member) => [member.id, member]));
    expect(byId.get('U0BOB00001')).toMatchObject({
      name: 'bob',
      real_name: 'Bob Brown',
      tz: 'Europe/Berlin',
      deleted: false,
      is_bot: false,
      is_admin: false,
      profile: { real_name: 'Bob Brown', email: 'bob@acme.example' },
    });
    expect([3600, 7200]).toContain(byId.get('U0BOB00001')?.tz_offset);
    expect(byId.get('U0ALICE001')).toMatchObject({ is_admin: true, tz: 'America/New_York' });
    expect(byId.get(workspace.botUserId)).toMatchObject({ is_bot: true, profile: { bot_id: workspace.botId } });
    expect(byId.get('W0DAVE0001')?.enterprise_user).toMatchObject({ id: 'W0DAVE0001', enterprise_id: 'E0ACME0001' });
    expect(byId.get('U0ERIN0001')).toMatchObject({ deleted: true });
    expect(byId.get('U0ERIN0001')?.tz).toBeUndefined();
    expect(byId.get('USLACKBOT')).toMatchObject({ is_bot: false });
  });

  test('setUserDeleted shows up in users.info', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    sandbox.setUserDeleted('T0ACME0001', 'U0BOB00001', true);
    expect((await client.users.info({ user: 'U0BOB00001' })).user?.deleted).toBe(true);
    expect((await platformError(client.users.info({ user: 'U0NOBODY01' }))).data.error).toBe('user_not_found');
  });

  test('users.lookupByEmail finds by email, case-insensitively, else users_not_found', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    expect((await client.users.lookupByEmail({ email: 'ALICE@acme.example' })).user?.id).toBe('U0ALICE001');
    const missing = await platformError(client.users.lookupByEmail({ email: 'zed@acme.example' }));
    expect(missing.data.error).toBe('users_not_found');
  });

  test('custom profile fields come from users.profile.get only', async () => {
    sandbox.addUser('T0ACME0001', {
      id: 'U0FRANK001',
      name: 'frank',
      profileFields: { Xf01: { value: 'Payments', label: 'Team' }, Xf02: 'Finance' },
    });
    const client = clientFor(sandbox, workspace.botToken);
    const { profile } = await client.users.profile.get({ user: 'U0FRANK001', include_labels: true });
    expect(profile?.fields).toEqual({
      Xf01: { value: 'Payments', alt: '', label: 'Team' },
      Xf02: { value: 'Finance', alt: '', label: 'Xf02' },
    });
    const { user } = await client.users.info({ user: 'U0FRANK001' });
    expect((user?.profile as Record<string, unknown> | undefined)?.fields).toBeNull();
  });
});

describe('conversations', () => {
  test('conversations.open returns the same DM for the same user, and a group DM for several', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const first = await client.conversations.open({ users: 'U0BOB00001' });
    const again = await client.conversations.open({ users: 'U0BOB00001' });
    expect(first.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(first.channel?.id);
    expect(again).toMatchObject({ already_open: true });

    const group = await client.conversations.open({ users: 'U0BOB00001,U0ALICE001' });
    const sameGroup = await client.conversations.open({ users: 'U0ALICE001,U0BOB00001' });
    expect(group.channel?.id).toMatch(/^G/);
    expect(sameGroup.channel?.id).toBe(group.channel?.id);
    expect(group.channel).toMatchObject({ is_mpim: true, is_private: true });
    const members = await client.conversations.members({ channel: group.channel?.id ?? '' });
    expect(new Set(members.members)).toEqual(new Set(['U0ALICE001', 'U0BOB00001', workspace.botUserId]));
  });

  test('conversations.open refuses bad user sets with Slack error names', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const nine = Array.from({ length: 9 }, (_, index) => `U0MANY${index}`).join(',');
    expect((await platformError(client.conversations.open({ users: nine }))).data.error).toBe('too_many_users');
    expect((await platformError(client.conversations.open({ users: 'U0GHOST001' }))).data.error).toBe('user_not_found');
    expect((await platformError(client.conversations.open({ users: 'U0ERIN0001' }))).data.error).toBe('user_disabled');
    expect((await platformError(client.conversations.open({ users: workspace.botUserId }))).data.error).toBe(
      'not_enough_users',
    );
    expect((await platformError(client.apiCall('conversations.open', {}))).data.error).toBe('users_list_not_supplied');
  });

  test('conversations.members pages; private channels the bot is not in are channel_not_found', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const first = await client.conversations.members({ channel: 'C0GENERAL1', limit: 2 });
    expect(first.members).toHaveLength(2);
    const rest = await client.conversations.members({
      channel: 'C0GENERAL1',
      cursor: first.response_metadata?.next_cursor ?? '',
    });
    expect([...(first.members ?? []), ...(rest.members ?? [])]).toEqual([
      'U0ALICE001',
      'U0BOB00001',
      'U0CAROL001',
      workspace.botUserId,
    ]);
    expect(rest.response_metadata?.next_cursor).toBe('');
    const hidden = await platformError(client.conversations.members({ channel: 'C0SECRET01' }));
    expect(hidden.data.error).toBe('channel_not_found');
  });

  test('conversations.info describes public and private channels', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const info = await client.conversations.info({ channel: 'C0CLUB0001', include_num_members: true });
    expect(info.channel).toMatchObject({
      id: 'C0CLUB0001',
      name: 'club',
      is_private: true,
      is_member: true,
      num_members: 2,
    });
    const general = await client.conversations.info({ channel: 'C0RANDOM01' });
    expect(general.channel).toMatchObject({ is_private: false, is_member: false, is_channel: true });
  });

  test('workspaces are isolated: a token never sees another team’s channels or users', async () => {
    const other = sandbox.createWorkspace({
      teamId: 'T0OTHER001',
      name: 'Other',
      users: [{ id: 'U0OTHER001', name: 'olga' }],
      channels: [{ id: 'C0OTHER001', name: 'general', members: ['U0OTHER001'], botIsMember: true }],
    });
    const client = clientFor(sandbox, other.botToken);
    expect((await platformError(client.conversations.info({ channel: 'C0GENERAL1' }))).data.error).toBe(
      'channel_not_found',
    );
    expect((await platformError(client.users.info({ user: 'U0ALICE001' }))).data.error).toBe('user_not_found');
    expect(sandbox.callsTo('users.info', { teamId: 'T0OTHER001' })).toHaveLength(1);
    expect(sandbox.callsTo('users.info', { teamId: 'T0ACME0001' })).toHaveLength(0);
  });

  test('usergroups.list and usergroups.users.list', async () => {
    sandbox.addUsergroup('T0ACME0001', {
      id: 'S0DESIGN01',
      handle: 'design',
      name: 'Design',
      users: ['U0CAROL001', 'U0ERIN0001'],
    });
    const client = clientFor(sandbox, workspace.botToken);
    const { usergroups } = await client.usergroups.list({ include_users: true, include_count: true });
    expect(usergroups).toEqual([
      expect.objectContaining({ id: 'S0DESIGN01', handle: 'design', users: ['U0CAROL001'], user_count: 1 }),
    ]);
    expect((await client.usergroups.users.list({ usergroup: 'S0DESIGN01' })).users).toEqual(['U0CAROL001']);
    expect((await platformError(client.usergroups.users.list({ usergroup: 'S0NONE0001' }))).data.error).toBe(
      'no_such_subteam',
    );
  });
});
