import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { findInsightsAggregates } from '../../src/db/queries/insights-reads.ts';
import { upsertCheckin } from '../../src/db/queries/pairing-checkins.ts';
import { recomputeInsights, updateInsights } from '../../src/domain/insights/compute-insights.ts';
import { erasePerson } from '../../src/domain/privacy/erase-person.ts';
import { createMigratedDatabase, seedWorkspace } from '../support/domain-db.ts';
import { seedGroup, seedInsightsPeople, seedKudos, seedPairingRound } from '../support/insights-activity.ts';

let db: Db;
const now = new Date('2027-04-20T12:00:00Z');
const hours = (at: Date, h: number) => new Date(at.getTime() + h * 3600 * 1000);
const days = (at: Date, d: number) => hours(at, 24 * d);

/** Six people in each of three teams, two departments: U0A0…U0C5. */
const people = ['A', 'B', 'C'].flatMap((team) =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `U0${team}${i}`,
    team: `Team ${team}`,
    department: team === 'C' ? 'Sales' : 'Product',
  })),
);

/** The figures that cover a window, as the report reads them. */
async function windows(workspaceId: string) {
  const { teamPairs, teams, departments, recognition } = await findInsightsAggregates(db, workspaceId);
  return { pairs: teamPairs, teams, departments, recognition };
}

/**
 * A workspace with a year of ties and kudos (every person of team A met someone of B or C, and thanked them), its
 * full computation at `at`, and a first update a day later so the kept sets have been extended once.
 */
async function computedWorkspace(ws: string, at: Date) {
  await seedWorkspace(db, { id: ws, now: at });
  await seedInsightsPeople(db, ws, people);
  const { roundId } = await seedPairingRound(db, ws, days(at, -300));
  const groups: Record<string, string> = {};
  for (let i = 0; i < 6; i++) {
    const other = i % 2 === 0 ? `U0B${i}` : `U0C${i}`;
    const delivered = days(at, -20 - 10 * i);
    groups[`U0A${i}`] = await seedGroup(db, ws, roundId, [`U0A${i}`, other], delivered, [
      { userId: `U0A${i}`, answer: 'met', at: hours(delivered, 48) },
    ]);
    await seedKudos(db, ws, `U0A${i}`, other, days(at, -5 - i));
    await seedKudos(db, ws, other, `U0A${i}`, days(at, -5 - i));
  }
  await recomputeInsights(db, { workspaceId: ws, now: at });
  await seedKudos(db, ws, 'U0B0', 'U0C0', hours(at, 2));
  await updateInsights(db, { workspaceId: ws, now: days(at, 1) });
  return { roundId, groups };
}

/** An update, then the same update again (a retried job), end exactly where a full recomputation does. */
async function expectUpdateEqualsFull(ws: string, at: Date) {
  await updateInsights(db, { workspaceId: ws, now: at });
  const once = await windows(ws);
  await updateInsights(db, { workspaceId: ws, now: at });
  expect(await windows(ws)).toEqual(once);
  await recomputeInsights(db, { workspaceId: ws, now: at });
  expect(await windows(ws)).toEqual(once);
  return once;
}

beforeAll(async () => {
  db = await createMigratedDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

describe('the windows kept for the update', () => {
  test('new ties and kudos extend them exactly as a full recomputation counts them', async () => {
    const ws = 'TWINA';
    const { roundId } = await computedWorkspace(ws, now);
    const at = days(now, 2);
    await seedGroup(db, ws, roundId, ['U0B1', 'U0C1'], hours(at, -3), [
      { userId: 'U0C1', answer: 'met', at: hours(at, -2) },
    ]);
    await seedKudos(db, ws, 'U0C2', 'U0C3', hours(at, -1));
    await seedKudos(db, ws, 'U0A1', 'U0C1', hours(at, -1));
    const after = await expectUpdateEqualsFull(ws, at);
    expect(after.pairs.find((p) => p.team_a === 'Team B' && p.team_b === 'Team C')).toMatchObject({ ties: 1 });
    expect(after.departments.find((d) => d.from_department === 'Sales' && d.to_department === 'Sales')).toMatchObject({
      kudos: 1,
      givers: 1,
      recipients: 1,
    });
  });

  test('a kudos revoked takes it out of the kudos between departments', async () => {
    const ws = 'TWINB';
    await computedWorkspace(ws, now);
    const only = await seedKudos(db, ws, 'U0A2', 'U0C3', days(now, -9));
    await recomputeInsights(db, { workspaceId: ws, now: days(now, 1) });
    await db
      .insertInto('kudos_revocations')
      .values({ gift_id: only, workspace_id: ws, revoked_by: 'U0A2', reason: 'undo', revoked_at: days(now, 2) })
      .execute();
    const after = await expectUpdateEqualsFull(ws, days(now, 2));
    expect(after.departments.find((d) => d.from_department === 'Product' && d.to_department === 'Sales')).toMatchObject(
      { kudos: 4 },
    );
  });

  test('a person who changes department or team is counted with their new ones', async () => {
    const ws = 'TWINC';
    await computedWorkspace(ws, now);
    await db
      .updateTable('members')
      .set({ department: 'Sales', team: 'Team C' })
      .where('workspace_id', '=', ws)
      .where('user_id', '=', 'U0A1')
      .execute();
    const after = await expectUpdateEqualsFull(ws, days(now, 2));
    expect(after.pairs.find((p) => p.team_a === 'Team C' && p.team_b === 'Team C')).toMatchObject({ ties: 1 });
  });

  test('a person who leaves, or is erased, drops out of the windows', async () => {
    const ws = 'TWIND';
    await computedWorkspace(ws, now);
    await db
      .updateTable('members')
      .set({ departed_at: days(now, 1) })
      .where('workspace_id', '=', ws)
      .where('user_id', '=', 'U0A0')
      .execute();
    await expectUpdateEqualsFull(ws, days(now, 2));
    await erasePerson(db, { workspaceId: ws, userId: 'U0A3', now: days(now, 2) });
    const after = await expectUpdateEqualsFull(ws, days(now, 3));
    expect(after.pairs.find((p) => p.team_a === 'Team A' && p.team_b === 'Team C')).toMatchObject({ ties: 2 });
  });

  test('a new month takes the oldest month out of the windows', async () => {
    const ws = 'TWINE';
    const { roundId } = await computedWorkspace(ws, now);
    // In the oldest month shown in April (May 2026), out of the window from May on.
    await seedGroup(db, ws, roundId, ['U0B5', 'U0C5'], new Date('2026-05-10T12:00:00Z'), [
      { userId: 'U0B5', answer: 'met', at: new Date('2026-05-12T12:00:00Z') },
    ]);
    await seedKudos(db, ws, 'U0B5', 'U0C5', new Date('2026-05-10T12:00:00Z'));
    const month = new Date('2027-04-28T12:00:00Z');
    await recomputeInsights(db, { workspaceId: ws, now: month });
    await updateInsights(db, { workspaceId: ws, now: hours(month, 2) });
    expect((await windows(ws)).pairs.find((p) => p.team_a === 'Team B' && p.team_b === 'Team C')).toMatchObject({
      ties: 1,
    });
    const after = await expectUpdateEqualsFull(ws, new Date('2027-05-02T12:00:00Z'));
    expect(after.pairs.find((p) => p.team_a === 'Team B' && p.team_b === 'Team C')).toBeUndefined();
  });

  test('a group whose "met" answer is changed no longer ties its people', async () => {
    const ws = 'TWINF';
    const { groups } = await computedWorkspace(ws, now);
    await upsertCheckin(
      db,
      { workspaceId: ws, groupId: groups.U0A4 as string, userId: 'U0A4', answer: 'not_this_time' },
      days(now, 2),
    );
    const after = await expectUpdateEqualsFull(ws, hours(days(now, 2), 1));
    expect(after.pairs.find((p) => p.team_a === 'Team A' && p.team_b === 'Team B')).toMatchObject({ ties: 2 });
  });

  test("recognition's kept counts slide with the 90 days: kudos leave them, re-read days join them", async () => {
    const ws = 'TWING';
    await computedWorkspace(ws, now);
    const full = days(now, 1);
    // 88.5 days before the full computation: in its 90 days, out of them two days later.
    await seedKudos(db, ws, 'U0B2', 'U0C2', days(full, -88.5));
    // Re-read by the next update, then older than what the one after re-reads: kept from then on.
    await seedKudos(db, ws, 'U0C4', 'U0B4', hours(full, -3));
    await recomputeInsights(db, { workspaceId: ws, now: full });
    expect((await windows(ws)).recognition).toMatchObject({ kudos: 15, recipients: 14 });

    await seedKudos(db, ws, 'U0C4', 'U0A4', hours(days(full, 1), -2));
    const next = await expectUpdateEqualsFull(ws, days(full, 1));
    expect(next.recognition).toMatchObject({ kudos: 16, recipients: 14 });

    await seedKudos(db, ws, 'U0A5', 'U0C4', hours(days(full, 2), -1));
    const after = await expectUpdateEqualsFull(ws, days(full, 2));
    expect(after.recognition).toMatchObject({ kudos: 16, recipients: 14, received_none: 4 });

    // Day after day, each update moving the kept counts on from the one before.
    for (const d of [3, 4, 5]) {
      await seedKudos(db, ws, `U0B${d}`, `U0A${d}`, hours(days(full, d), -1));
      await updateInsights(db, { workspaceId: ws, now: days(full, d) });
    }
    const updated = await windows(ws);
    expect(updated.recognition).toMatchObject({ kudos: 19, recipients: 14 });
    await recomputeInsights(db, { workspaceId: ws, now: days(full, 5) });
    expect(await windows(ws)).toEqual(updated);
  });

  test('recognition with no counts kept (before they were first kept) is rebuilt whole by the update', async () => {
    const ws = 'TWINH';
    await computedWorkspace(ws, now);
    await db.deleteFrom('insights_recognition_state').where('workspace_id', '=', ws).execute();
    await db.deleteFrom('insights_recognition_received').where('workspace_id', '=', ws).execute();
    await seedKudos(db, ws, 'U0C5', 'U0C1', hours(days(now, 2), -1));
    const after = await expectUpdateEqualsFull(ws, days(now, 2));
    expect(after.recognition).toMatchObject({ kudos: 14, recipients: 13 });
  });
});

describe('the parts computed at the same time', () => {
  /** The row versions of the kept ties: a part rebuilt whole writes every row again. */
  async function tieVersions(ws: string) {
    const rows = await sql<{ v: string }>`select xmin::text as v from insights_window_ties where workspace_id = ${ws}
      order by person_a, person_b`.execute(db);
    return rows.rows.map((r) => r.v);
  }

  test('a kudos revoked rebuilds the kudos part only; a move rebuilds the ties too', async () => {
    const ws = 'TWINP';
    await computedWorkspace(ws, now);
    const gift = await seedKudos(db, ws, 'U0A4', 'U0B4', hours(days(now, 2), -5));
    await expectUpdateEqualsFull(ws, days(now, 2));
    const kept = await tieVersions(ws);
    expect(kept.length).toBeGreaterThan(0);
    await db
      .insertInto('kudos_revocations')
      .values({ gift_id: gift, workspace_id: ws, revoked_by: 'U0A4', reason: 'undo', revoked_at: days(now, 3) })
      .execute();
    await updateInsights(db, { workspaceId: ws, now: days(now, 3) });
    expect(await tieVersions(ws)).toEqual(kept);
    const revoked = await db
      .selectFrom('insights_window_state')
      .select(['part', 'revocations'])
      .where('workspace_id', '=', ws)
      .orderBy('part')
      .execute();
    expect(revoked).toEqual([
      { part: 'kudos', revocations: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { part: 'ties', revocations: '' },
    ]);

    await db
      .updateTable('members')
      .set({ team: 'Team C' })
      .where('workspace_id', '=', ws)
      .where('user_id', '=', 'U0A5')
      .execute();
    await updateInsights(db, { workspaceId: ws, now: days(now, 4) });
    expect(await tieVersions(ws)).not.toEqual(kept);
    await expectUpdateEqualsFull(ws, days(now, 4));
  });

  test('two updates at once, and an update during a full recomputation, end where one full recomputation does', async () => {
    const ws = 'TWINQ';
    const { roundId } = await computedWorkspace(ws, now);
    const at = days(now, 2);
    await seedGroup(db, ws, roundId, ['U0B3', 'U0C3'], hours(at, -3), [
      { userId: 'U0B3', answer: 'met', at: hours(at, -2) },
    ]);
    await seedKudos(db, ws, 'U0C4', 'U0A4', hours(at, -1));
    await Promise.all([
      updateInsights(db, { workspaceId: ws, now: at }),
      updateInsights(db, { workspaceId: ws, now: at }),
      recomputeInsights(db, { workspaceId: ws, now: at }),
    ]);
    const together = await windows(ws);
    await recomputeInsights(db, { workspaceId: ws, now: at });
    expect(await windows(ws)).toEqual(together);
    expect(together.pairs.find((p) => p.team_a === 'Team B' && p.team_b === 'Team C')).toMatchObject({ ties: 1 });
  });
});
