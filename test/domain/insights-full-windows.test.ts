import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { keptSetTables } from '../../src/db/queries/insights-kept-rows.ts';
import { findInsightsAggregates } from '../../src/db/queries/insights-reads.ts';
import { recomputeInsights, updateInsights } from '../../src/domain/insights/compute-insights.ts';
import { createMigratedDatabase, seedWorkspace } from '../support/domain-db.ts';
import { seedGroup, seedInsightsPeople, seedKudos, seedPairingRound } from '../support/insights-activity.ts';

let db: Db;
const now = new Date('2027-04-20T12:00:00Z');
const hours = (at: Date, h: number) => new Date(at.getTime() + h * 3600 * 1000);

/** One person in each of 70 departments (more than a 64-bit mask holds): U0D00…U0D69 in "Dept 00"…"Dept 69". */
const people = Array.from({ length: 70 }, (_, i) => {
  const n = String(i).padStart(2, '0');
  return { id: `U0D${n}`, team: `Team ${i % 3}`, department: `Dept ${n}` };
});

/** Every kept set of the workspace, each in a fixed order. */
async function keptSets(workspaceId: string): Promise<Record<string, unknown[]>> {
  const sets: Record<string, unknown[]> = {};
  for (const table of keptSetTables) {
    const rows = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} where workspace_id = ${workspaceId}`.execute(db);
    sets[table] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return sets;
}

beforeAll(async () => {
  db = await createMigratedDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

describe('the full recomputation of the windows', () => {
  test('counts kudos between any number of departments as the update adds them', async () => {
    const ws = 'TFULLD';
    await seedWorkspace(db, { id: ws, now });
    await seedInsightsPeople(db, ws, people);
    await recomputeInsights(db, { workspaceId: ws, now });
    // The first department thanks the last seven, the last thanks the first and one past the 63rd.
    for (const to of ['U0D63', 'U0D64', 'U0D65', 'U0D66', 'U0D67', 'U0D68', 'U0D69']) {
      await seedKudos(db, ws, 'U0D00', to, hours(now, 1));
    }
    await seedKudos(db, ws, 'U0D69', 'U0D00', hours(now, 1));
    await seedKudos(db, ws, 'U0D69', 'U0D64', hours(now, 1));
    await seedKudos(db, ws, 'U0D64', 'U0D69', hours(now, 1));
    const at = hours(now, 2);
    await updateInsights(db, { workspaceId: ws, now: at });
    const updated = (await findInsightsAggregates(db, ws)).departments;
    await recomputeInsights(db, { workspaceId: ws, now: at });
    const full = (await findInsightsAggregates(db, ws)).departments;
    expect(full).toEqual(updated);
    expect(full).toHaveLength(10);
    expect(full).toContainEqual(
      expect.objectContaining({
        from_department: 'Dept 00',
        to_department: 'Dept 69',
        kudos: 1,
        givers: 1,
        recipients: 1,
      }),
    );
    expect(full).toContainEqual(
      expect.objectContaining({
        from_department: 'Dept 69',
        to_department: 'Dept 64',
        kudos: 1,
        givers: 1,
        recipients: 1,
      }),
    );
    const givers = await db
      .selectFrom('insights_window_givers')
      .select(['giver_id', 'to_departments'])
      .where('workspace_id', '=', ws)
      .orderBy('giver_id')
      .execute();
    expect(givers.map((g) => [g.giver_id, [...g.to_departments].sort()])).toEqual([
      ['U0D00', ['Dept 63', 'Dept 64', 'Dept 65', 'Dept 66', 'Dept 67', 'Dept 68', 'Dept 69']],
      ['U0D64', ['Dept 69']],
      ['U0D69', ['Dept 00', 'Dept 64']],
    ]);
  });

  test('counts in the tie months, not in the window, a group delivered after the moment computed', async () => {
    const ws = 'TFULLT';
    await seedWorkspace(db, { id: ws, now });
    await seedInsightsPeople(db, ws, people.slice(0, 6));
    const { roundId } = await seedPairingRound(db, ws, hours(now, -24 * 40));
    await seedGroup(db, ws, roundId, ['U0D00', 'U0D01'], hours(now, -24 * 3), [
      { userId: 'U0D00', answer: 'met', at: hours(now, -24 * 2) },
    ]);
    // Delivered later this month: in April's tie months, which run to the month's end, but after `now`.
    await seedGroup(db, ws, roundId, ['U0D02', 'U0D04'], hours(now, 24), [
      { userId: 'U0D02', answer: 'met', at: hours(now, 25) },
    ]);
    await recomputeInsights(db, { workspaceId: ws, now });
    const { ties, teamPairs } = await findInsightsAggregates(db, ws);
    expect(ties.find((t) => t.month === '2027-04-01')).toMatchObject({ ties: 2, cross_ties: 2 });
    expect(teamPairs).toEqual([
      expect.objectContaining({ team_a: 'Team 0', team_b: 'Team 1', ties: 1, people_a: 1, people_b: 1 }),
    ]);
    const kept = await db
      .selectFrom('insights_window_ties')
      .select(['person_a', 'person_b', 'team_a', 'team_b'])
      .where('workspace_id', '=', ws)
      .execute();
    expect(kept).toEqual([{ person_a: 'U0D00', person_b: 'U0D01', team_a: 'Team 0', team_b: 'Team 1' }]);
  });

  test('a full recomputation over kept sets leaves exactly the sets one over nothing kept leaves', async () => {
    const ws = 'TFULLK';
    await seedWorkspace(db, { id: ws, now });
    await seedInsightsPeople(db, ws, people.slice(0, 8));
    const { roundId } = await seedPairingRound(db, ws, hours(now, -24 * 40));
    await seedGroup(db, ws, roundId, ['U0D00', 'U0D01'], hours(now, -24 * 3), [
      { userId: 'U0D00', answer: 'met', at: hours(now, -24 * 2) },
    ]);
    await seedGroup(db, ws, roundId, ['U0D02', 'U0D03'], hours(now, -24 * 3), [
      { userId: 'U0D02', answer: 'met', at: hours(now, -24 * 2) },
    ]);
    await seedKudos(db, ws, 'U0D00', 'U0D05', hours(now, -24 * 20));
    await seedKudos(db, ws, 'U0D06', 'U0D07', hours(now, -24 * 2));
    await recomputeInsights(db, { workspaceId: ws, now });

    // The next day: one person moved to another team and department, a tie and kudos added, one kudos revoked.
    const later = hours(now, 24);
    await db
      .updateTable('members')
      .set({ team: 'Team 2', department: 'Dept 07' })
      .where('workspace_id', '=', ws)
      .where('user_id', '=', 'U0D01')
      .execute();
    await seedGroup(db, ws, roundId, ['U0D04', 'U0D05'], hours(now, 1), [
      { userId: 'U0D04', answer: 'met', at: hours(now, 2) },
    ]);
    await seedKudos(db, ws, 'U0D01', 'U0D06', hours(now, 3));
    const revoked = await db
      .selectFrom('kudos')
      .select('gift_id')
      .where('workspace_id', '=', ws)
      .where('recipient_id', '=', 'U0D07')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('kudos_revocations')
      .values({
        workspace_id: ws,
        gift_id: revoked.gift_id,
        revoked_by: 'U0D06',
        reason: 'undo',
        revoked_at: hours(now, 4),
      })
      .execute();
    await recomputeInsights(db, { workspaceId: ws, now: later });
    const overKept = await keptSets(ws);
    expect(overKept.insights_window_ties).toContainEqual(
      JSON.stringify({ workspace_id: ws, person_a: 'U0D00', person_b: 'U0D01', team_a: 'Team 0', team_b: 'Team 2' }),
    );

    for (const table of Object.keys(overKept)) {
      await sql`delete from ${sql.table(table)} where workspace_id = ${ws}`.execute(db);
    }
    await recomputeInsights(db, { workspaceId: ws, now: later });
    expect(await keptSets(ws)).toEqual(overKept);
  });
});
