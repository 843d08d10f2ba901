import { WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { clientFor, manualClock, sandboxWithWorkspace } from './support.ts';

/**
 * The methods pairing programmes read teams with: team.profile.get (Tier 3), users.profile.get (Tier 4),
 * usergroups.list and usergroups.users.list (Tier 2), in Slack's shapes and within Slack's per-minute tiers.
 */

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function seeded() {
  const clock = manualClock();
  const seed = await sandboxWithWorkspace({ now: clock.now });
  sandbox = seed.sandbox;
  seed.sandbox.addUser('T0ACME0001', {
    id: 'U0FRANK001',
    name: 'frank',
    profileFields: {
      Xf0TEAM001: { value: 'Payments', label: 'Team' },
      Xf0DEPT001: { value: 'Finance', label: 'Department' },
    },
  });
  seed.sandbox.addUsergroup('T0ACME0001', {
    id: 'S0PAY00001',
    handle: 'payments',
    name: 'Payments',
    users: ['U0FRANK001'],
  });
  const client = clientFor(seed.sandbox, seed.workspace.botToken, { rejectRateLimitedCalls: true });
  return { clock, client };
}

async function callsUntilRefused(call: () => Promise<unknown>, atMost: number): Promise<number> {
  for (let n = 0; n < atMost; n += 1) {
    const refused = await call().then(
      () => false,
      (error: unknown) => error instanceof WebAPIRateLimitedError,
    );
    if (refused) return n;
  }
  return atMost;
}

describe('team sources in the sandbox', () => {
  test('team.profile.get lists the custom fields with ids and labels, as Slack shapes them', async () => {
    const { client } = await seeded();
    const { profile } = (await client.team.profile.get({})) as {
      profile?: { fields?: Array<Record<string, unknown>>; sections?: unknown[] };
    };
    expect(profile?.fields).toEqual([
      expect.objectContaining({ id: 'Xf0TEAM001', label: 'Team', ordering: 0, type: 'text', is_hidden: false }),
      expect.objectContaining({ id: 'Xf0DEPT001', label: 'Department', ordering: 1, type: 'text' }),
    ]);
    expect(profile?.sections).toEqual([]);
    const { profile: frank } = await client.users.profile.get({ user: 'U0FRANK001' });
    expect(frank?.fields).toEqual({
      Xf0TEAM001: { value: 'Payments', alt: '' },
      Xf0DEPT001: { value: 'Finance', alt: '' },
    });
  });

  test.each([
    ['team.profile.get', 50],
    ['users.profile.get', 100],
    ['usergroups.list', 20],
    ['usergroups.users.list', 20],
  ] as const)(
    '%s: %i calls a minute, then 429 with Retry-After until the window moves on',
    async (method, perMinute) => {
      const { clock, client } = await seeded();
      const args: Record<string, Record<string, unknown>> = {
        'users.profile.get': { user: 'U0FRANK001' },
        'usergroups.users.list': { usergroup: 'S0PAY00001' },
      };
      const call = () => client.apiCall(method, args[method] ?? {});
      expect(await callsUntilRefused(call, perMinute + 5)).toBe(perMinute);
      const refused = sandbox!.callsTo(method).filter((c) => c.status === 429);
      expect(refused[0]).toMatchObject({ rateLimited: true, response: { ok: false, error: 'ratelimited' } });
      clock.advance(60_000);
      await expect(call()).resolves.toMatchObject({ ok: true });
    },
  );
});
