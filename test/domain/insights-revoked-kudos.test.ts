import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { recomputeInsights } from '../../src/domain/insights/compute-insights.ts';
import { createMigratedDatabase, seedWorkspace } from '../support/domain-db.ts';
import { seedInsightsPeople, seedKudos } from '../support/insights-activity.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600 * 1000);

/** Six people in Product (U0P0…U0P5), six in Sales (U0S0…U0S5). */
const people = ['P', 'S'].flatMap((dept) =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `U0${dept}${i}`,
    team: `Team ${dept}`,
    department: dept === 'P' ? 'Product' : 'Sales',
  })),
);

async function revoke(workspaceId: string, giftId: string) {
  await db
    .insertInto('kudos_revocations')
    .values({ gift_id: giftId, workspace_id: workspaceId, revoked_by: 'U0P0', reason: 'undo', revoked_at: now })
    .execute();
}

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const ws of ['TREVA', 'TREVB']) {
    await seedWorkspace(db, { id: ws, now });
    await seedInsightsPeople(db, ws, people);
  }
});
afterAll(async () => {
  await db?.destroy();
});

test('revoked kudos count neither between departments nor in recognition, and only in their workspace', async () => {
  // Every Product person thanks the Sales person of the same number; the last two take theirs back.
  for (const ws of ['TREVA', 'TREVB']) {
    for (let i = 0; i < 6; i += 1) {
      const gift = await seedKudos(db, ws, `U0P${i}`, `U0S${i}`, daysAgo(10 + i));
      if (ws === 'TREVA' && i >= 4) await revoke(ws, gift);
    }
  }
  for (const ws of ['TREVA', 'TREVB']) await recomputeInsights(db, { workspaceId: ws, now });

  const flows = await db
    .selectFrom('insights_department_kudos')
    .select(['workspace_id', 'from_department', 'to_department', 'kudos', 'givers', 'recipients'])
    .orderBy('workspace_id')
    .execute();
  expect(flows).toEqual([
    { workspace_id: 'TREVA', from_department: 'Product', to_department: 'Sales', kudos: 4, givers: 4, recipients: 4 },
    { workspace_id: 'TREVB', from_department: 'Product', to_department: 'Sales', kudos: 6, givers: 6, recipients: 6 },
  ]);
  const recognition = await db
    .selectFrom('insights_recognition')
    .select(['workspace_id', 'active_members', 'recipients', 'received_none', 'kudos'])
    .orderBy('workspace_id')
    .execute();
  expect(recognition).toEqual([
    { workspace_id: 'TREVA', active_members: 12, recipients: 4, received_none: 8, kudos: 4 },
    { workspace_id: 'TREVB', active_members: 12, recipients: 6, received_none: 6, kudos: 6 },
  ]);
});
