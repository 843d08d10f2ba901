import { afterEach, describe, expect, test } from 'vitest';
import { DEMO_PROFILE_FIELDS, type Sandbox, seedDemoWorkspace, startSandbox } from '../../src/sandbox/index.ts';
import { clientFor } from './support.ts';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('sandbox API', () => {
  test('url and apiUrl point at a live server', async () => {
    sandbox = await startSandbox();
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.apiUrl).toBe(`${sandbox.url}/api/`);
    expect((await fetch(`${sandbox.url}/healthz`)).status).toBe(200);
  });

  test('waitFor resolves with the probe value and times out with the recent calls in the message', async () => {
    sandbox = await startSandbox();
    const current = sandbox;
    let ready = false;
    setTimeout(() => {
      ready = true;
    }, 30);
    expect(await current.waitFor(() => ready && 'ready')).toBe('ready');

    await fetch(`${current.apiUrl}auth.test`, { method: 'POST' });
    const error = await current
      .waitFor(() => undefined, { timeoutMs: 50, description: 'a message that never comes' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('timed out after 50 ms waiting for: a message that never comes');
    expect((error as Error).message).toContain('auth.test - -> 200 not_authed');
  });

  test('calls is a snapshot callers cannot change', async () => {
    sandbox = await startSandbox();
    await fetch(`${sandbox.apiUrl}auth.test`, { method: 'POST' });
    const snapshot = sandbox.calls;
    expect(() => (snapshot as unknown[]).push({})).toThrow();
    expect(sandbox.calls).toHaveLength(1);
  });

  test('seedDemoWorkspace gives a varied directory with custom fields, a deactivated user and a W id', async () => {
    sandbox = await startSandbox();
    const demo = seedDemoWorkspace(sandbox);
    const client = clientFor(sandbox, demo.botToken);
    const { members = [] } = await client.users.list({});
    expect(members.filter((member) => member.deleted).map((member) => member.name)).toEqual(['oldtimer']);
    expect(members.find((member) => member.id === 'W0DEMOEVE1')?.enterprise_user?.enterprise_id).toBe('E0DEMO0001');
    expect(new Set(members.map((member) => member.tz).filter(Boolean)).size).toBeGreaterThan(4);
    const { profile } = await client.users.profile.get({ user: 'U0DEMOKTH1' });
    expect(profile?.fields?.[DEMO_PROFILE_FIELDS.department]?.value).toBe('Data');
  });

  test('seeding refuses duplicate ids and unknown time zones with clear errors', async () => {
    sandbox = await startSandbox();
    const current = sandbox;
    current.createWorkspace({
      teamId: 'T0ONE00001',
      name: 'One',
      channels: [{ id: 'C0SAME0001', name: 'a', members: [] }],
    });
    expect(() => current.createWorkspace({ teamId: 'T0ONE00001', name: 'Again' })).toThrow(/already exists/);
    expect(() => current.addChannel('T0ONE00001', { id: 'C0SAME0001', name: 'b', members: [] })).toThrow(
      /already exists/,
    );
    expect(() => current.addUser('T0ONE00001', { id: 'U0TZ000001', name: 'tz', tz: 'Mars/Olympus' })).toThrow(
      /unknown IANA time zone/,
    );
    expect(() => current.addUser('T0NOPE0001', { id: 'U0X0000001', name: 'x' })).toThrow(/no workspace T0NOPE0001/);
  });
});
