import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { WorkspaceSpec } from '../../src/sandbox/index.ts';
import { type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually } from '../support/wait.ts';

/**
 * Uninstalls through Slack's real events, then a clock moved past the 30 days: the daily purge job leaves nothing of
 * the uninstalled workspace in any table with a `workspace_id`, and a workspace reinstalled meanwhile keeps it all.
 */

const clock = {
  t: new Date(),
  now() {
    return new Date(this.t);
  },
};
let h: Harness;
const gone = 'T0LEFT';
const back = 'T0BACK';

function spec(teamId: string): WorkspaceSpec {
  return {
    teamId,
    name: teamId,
    users: [
      { id: 'U0ADMIN', name: 'ada', realName: 'Ada Admin', isAdmin: true },
      { id: 'U0BEN', name: 'ben', realName: 'Ben Brown', email: 'ben@example.com' },
    ],
    channels: [{ id: `C0${teamId.slice(2)}`, name: 'general', members: ['U0ADMIN', 'U0BEN'] }],
  };
}

async function rowsOf(workspaceId: string): Promise<Record<string, number>> {
  const db = h.service.deps.db;
  const tables = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'workspace_id' and t.table_type = 'BASE TABLE'`.execute(
    db,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const result = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(table_name)} where workspace_id = ${workspaceId}`.execute(db);
    const n = Number(result.rows[0]?.n ?? 0);
    if (n > 0) counts[table_name] = n;
  }
  return counts;
}

const workspaceRow = (id: string) =>
  h.service.deps.db.selectFrom('workspaces').select(['id', 'status']).where('id', '=', id).executeTakeFirst();

beforeAll(async () => {
  h = await startHarness({ oauth: true, label: 'retention-uninstall', workspaces: [spec(gone), spec(back)], clock });
  for (const id of [gone, back]) {
    expect((await installViaOAuth(h, id)).status).toBe(200);
    await waitForMember(h.service.deps.db, id, 'U0BEN');
    // Data through real flows: an audited settings change, and the events' dedupe claims.
    await h.driver.command({
      teamId: id,
      userId: 'U0ADMIN',
      channelId: `C0${id.slice(2)}`,
      command: '/nudge',
      text: 'audit',
    });
    await h.driver.event({ teamId: id, event: { type: 'app_home_opened', user: 'U0BEN', tab: 'home' } });
    // The sends are recorded by jobs after the event is answered: the test reads the tables only once they are.
    await eventually(async () => ((await rowsOf(id)).slack_sends ? true : undefined), `${id}'s sends recorded`);
  }
  await h.service.deps.db
    .insertInto('admin_audit_log')
    .values(
      [gone, back].map((id) => ({
        workspace_id: id,
        actor_id: 'U0ADMIN',
        action: 'kudos.settings_changed',
        changes: '{}',
        at: clock.now(),
      })),
    )
    .execute();
});
afterAll(async () => {
  await h?.stop();
});

test('an uninstalled workspace is purged everywhere after 30 days; one reinstalled meanwhile keeps everything', async () => {
  const before = await rowsOf(back);
  expect(Object.keys(before)).toEqual(
    expect.arrayContaining(['members', 'admin_audit_log', 'installations', 'slack_sends']),
  );
  expect(Object.keys(await rowsOf(gone)).sort()).toEqual(Object.keys(before).sort());

  for (const id of [gone, back]) {
    expect((await h.driver.event({ teamId: id, event: { type: 'app_uninstalled' } })).status).toBe(200);
    await eventually(async () => ((await workspaceRow(id))?.status === 'inactive' ? true : undefined), 'uninstall');
  }
  clock.t = new Date(clock.t.getTime() + 10 * 86_400_000);
  expect((await installViaOAuth(h, back)).status).toBe(200);
  const kept = await rowsOf(back);

  // 31 days after the uninstall (21 after the reinstall): the daily job purges what was left behind.
  clock.t = new Date(clock.t.getTime() + 21 * 86_400_000);
  await h.service.deps.queues.enqueue('retention.purge-uninstalled', {});
  await eventually(async () => ((await workspaceRow(gone)) ? undefined : true), 'purge');
  expect(await rowsOf(gone)).toEqual({});
  expect(await workspaceRow(back)).toEqual({ id: back, status: 'active' });
  // The reinstalled workspace's own daily sweep may expire its day-old event ids meanwhile; everything else stays.
  const withoutEventIds = ({ processed_events: _, ...rest }: Record<string, number>) => rest;
  expect(withoutEventIds(await rowsOf(back))).toEqual(withoutEventIds(kept));
});
