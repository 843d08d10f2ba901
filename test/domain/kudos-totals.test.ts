import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { kudosLeaderboard } from '../../src/domain/kudos/leaderboard.ts';
import { rebuildKudosTotals } from '../../src/domain/kudos/rebuild-totals.ts';
import { undoLastKudos } from '../../src/domain/kudos/revoke-kudos.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';

let db: Db;
const people = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'];

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const [id, tz] of [
    ['TA', 'Pacific/Auckland'],
    ['TB', 'America/Los_Angeles'],
  ] as const) {
    await seedWorkspace(db, { id, timeZone: tz });
    await seedMembers(
      db,
      id,
      people.map((user_id, i) => ({ user_id, team: i % 2 === 0 ? 'red' : 'blue', department: null })),
    );
  }
});
afterAll(async () => {
  await db?.destroy();
});

async function totals(workspaceId: string) {
  return await db
    .selectFrom('kudos_totals')
    .select(['board', 'period', 'period_start', 'user_id', 'total'])
    .where('workspace_id', '=', workspaceId)
    .where('total', '<>', 0)
    .orderBy(['board', 'period', 'period_start', 'user_id'])
    .execute();
}

test('running totals kept on every gift and undo equal a rebuild from the ledger, per workspace time zone', async () => {
  // Gifts spread over 70 days, some across midnight and week boundaries in Auckland and Los Angeles.
  const start = Date.UTC(2026, 8, 1, 10, 30);
  let n = 0;
  for (let day = 0; day < 70; day += 3) {
    for (const workspaceId of ['TA', 'TB']) {
      const giver = people[n % people.length]!;
      const recipients = [people[(n + 1) % people.length]!, people[(n + 3) % people.length]!];
      const now = new Date(start + day * 24 * 3600 * 1000 + (n % 5) * 5 * 3600 * 1000);
      const result = await giveKudos(db, {
        workspaceId,
        giverId: giver,
        recipientIds: recipients,
        reason: 'for the work',
        tags: [],
        channelId: null,
        source: 'command',
        requestKey: `k${n}`,
        messageLink: null,
        now,
      });
      expect(result.ok).toBe(true);
      if (n % 4 === 0) expect((await undoLastKudos(db, { workspaceId, giverId: giver, now })).ok).toBe(true);
      n += 1;
    }
  }
  for (const workspaceId of ['TA', 'TB']) {
    const incremental = await totals(workspaceId);
    expect(incremental.length).toBeGreaterThan(50);
    await rebuildKudosTotals(db, workspaceId);
    expect(await totals(workspaceId)).toEqual(incremental);
  }
  // Workspace A's boards never show workspace B's kudos.
  const boardA = await kudosLeaderboard(db, { workspaceId: 'TA', board: 'given', period: 'all', now: new Date(start) });
  const givenA = await db
    .selectFrom('kudos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', 'TA')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('kudos_revocations')
            .select('gift_id')
            .whereRef('kudos_revocations.gift_id', '=', 'kudos.gift_id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  expect(boardA.reduce((sum, e) => sum + e.total, 0)).toBe(Number(givenA.n));
});
