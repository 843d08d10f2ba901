import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findMembers } from '../../src/db/queries/members.ts';
import { defaultWorkspace, type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { eventually } from '../support/wait.ts';

const globex = {
  teamId: 'T0GLOBEX',
  name: 'Globex',
  users: [
    { id: 'U0HANK', name: 'hank', realName: 'Hank Scorpio', tz: 'America/Los_Angeles', isOwner: true },
    { id: 'U0MARGE', name: 'marge', realName: 'Marge', tz: 'America/Chicago' },
  ],
  channels: [{ id: 'C0GLOBEX', name: 'general', members: ['U0HANK', 'U0MARGE'] }],
};
const initech = { teamId: 'T0INITECH', name: 'Initech', users: [{ id: 'U0PETER', name: 'peter' }] };

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ oauth: true, workspaces: [defaultWorkspace, globex, initech], label: 'oauth' });
});
afterAll(async () => {
  await h?.stop();
});

async function directory(workspaceId: string): Promise<string[]> {
  return (await findMembers(h.service.deps.db, workspaceId)).map((m) => m.user_id);
}

describe('OAuth installs', () => {
  test('two workspaces install through /slack/install; tokens are stored only as ciphertext', async () => {
    for (const teamId of ['T0ACME', 'T0GLOBEX']) {
      const response = await installViaOAuth(h, teamId);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Nudge is installed');
    }
    const rows = await h.service.deps.db.selectFrom('installations').selectAll().orderBy('workspace_id').execute();
    expect(rows.map((r) => r.workspace_id)).toEqual(['T0ACME', 'T0GLOBEX']);
    for (const row of rows) {
      expect(row.secret_ciphertext).not.toMatch(/xox[a-z]-/);
      const installation = JSON.parse(h.service.deps.secrets.open(row.secret_ciphertext));
      expect(installation.bot.token).toMatch(/^xoxb-/);
      expect(row.secret_ciphertext).not.toContain(installation.bot.token);
    }
  });

  test('each install syncs its own member directory, and only its own', async () => {
    await eventually(async () => ((await directory('T0GLOBEX')).includes('U0MARGE') ? true : undefined), 'globex sync');
    await eventually(async () => ((await directory('T0ACME')).includes('U0CARA') ? true : undefined), 'acme sync');
    expect(await directory('T0GLOBEX')).not.toContain('U0ALICE');
    expect(await directory('T0ACME')).not.toContain('U0HANK');
    const deleted = (await findMembers(h.service.deps.db, 'T0ACME')).find((m) => m.user_id === 'U0GONE');
    expect(deleted?.is_deleted).toBe(true);
    const robot = (await findMembers(h.service.deps.db, 'T0ACME')).find((m) => m.user_id === 'U0ROBOT');
    expect(robot?.is_bot).toBe(true);
  });

  test("an event from one workspace cannot change another workspace's directory", async () => {
    const response = await h.driver.event({
      teamId: 'T0GLOBEX',
      event: {
        type: 'user_change',
        user: { id: 'U0BOB', team_id: 'T0GLOBEX', name: 'intruder', profile: { title: 'Intruder' } },
      },
    });
    expect(response.status).toBe(200);
    await eventually(async () => ((await directory('T0GLOBEX')).includes('U0BOB') ? true : undefined), 'globex row');
    const acmeBob = (await findMembers(h.service.deps.db, 'T0ACME')).find((m) => m.user_id === 'U0BOB');
    expect(acmeBob?.title).toBe('Engineer');
  });

  test('a workspace that never installed gets 401 and leaves no trace', async () => {
    const response = await h.driver.command({
      teamId: 'T0INITECH',
      userId: 'U0PETER',
      channelId: 'C0X',
      command: '/nudge',
      text: 'help',
    });
    expect(response.status).toBe(401);
    const rows = await h.service.deps.db.selectFrom('workspaces').select('id').where('id', '=', 'T0INITECH').execute();
    expect(rows).toEqual([]);
  });

  test('uninstalling one workspace leaves the other served; reinstalling brings its data back', async () => {
    expect((await h.driver.event({ teamId: 'T0GLOBEX', event: { type: 'app_uninstalled' } })).status).toBe(200);
    await eventually(async () => {
      const row = await h.service.deps.db
        .selectFrom('workspaces')
        .select('status')
        .where('id', '=', 'T0GLOBEX')
        .executeTakeFirst();
      return row?.status === 'inactive' ? true : undefined;
    }, 'globex inactive');
    expect(await h.service.deps.db.selectFrom('installations').select('workspace_id').execute()).toEqual([
      { workspace_id: 'T0ACME' },
    ]);
    const refused = await h.driver.command({
      teamId: 'T0GLOBEX',
      userId: 'U0HANK',
      channelId: 'C0GLOBEX',
      command: '/nudge',
      text: 'help',
    });
    expect(refused.status).toBe(401);
    const served = await h.driver.command({
      teamId: 'T0ACME',
      userId: 'U0BOB',
      channelId: 'C0GENERAL',
      command: '/nudge',
      text: 'help',
    });
    expect(served.status).toBe(200);

    expect((await installViaOAuth(h, 'T0GLOBEX')).status).toBe(200);
    const back = await h.driver.command({
      teamId: 'T0GLOBEX',
      userId: 'U0HANK',
      channelId: 'C0GLOBEX',
      command: '/nudge',
      text: 'help',
    });
    expect(back.status).toBe(200);
    expect(await directory('T0GLOBEX')).toContain('U0MARGE');
  });
});
