import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ProcessorContext, ProcessorDeps } from '../../jobs/processor.ts';
import { processInsightsUpdate } from '../../jobs/processors/insights-update.ts';
import type { Db } from '../../src/db/database.ts';
import { upsertCheckin } from '../../src/db/queries/pairing-checkins.ts';
import { deleteWorkspaceRow, deleteWorkspaceRows, findWorkspaceScopedTables } from '../../src/db/queries/retention.ts';
import { buildInsightsReport } from '../../src/domain/insights/build-insights-report.ts';
import { recomputeInsights, updateInsights } from '../../src/domain/insights/compute-insights.ts';
import type { InsightChart, InsightsReport } from '../../src/domain/insights/insights-report.ts';
import { recordIntroDelivered } from '../../src/domain/pairing/rounds.ts';
import { fewerThanFive } from '../../src/domain/privacy/small-groups.ts';
import { createMigratedDatabase, seedWorkspace } from '../support/domain-db.ts';
import {
  seedCheckin,
  seedGroup,
  seedInsightsPeople,
  seedKudos,
  seedLearningRequest,
  seedMentorshipPair,
  seedMentorshipProgramme,
  seedPairingRound,
} from '../support/insights-activity.ts';

let db: Db;
const march = new Date('2027-03-10T12:00:00Z');
const april = new Date('2027-04-12T12:00:00Z');
const hours = (at: Date, h: number) => new Date(at.getTime() + h * 3600 * 1000);

/** Six people in each of three teams, two departments: U0A0…U0C5. */
const people = ['A', 'B', 'C'].flatMap((team) =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `U0${team}${i}`,
    team: `Team ${team}`,
    department: team === 'C' ? 'Sales' : 'Product',
  })),
);

async function tables(workspaceId: string) {
  const of = <T extends { workspace_id: string }>(rows: T[]) => rows.filter((r) => r.workspace_id === workspaceId);
  return {
    programmes: of(
      await db.selectFrom('insights_programme_months').selectAll().orderBy('month').orderBy('programme_id').execute(),
    ),
    ties: of(await db.selectFrom('insights_tie_months').selectAll().orderBy('month').execute()),
    pairs: of(await db.selectFrom('insights_team_pairs').selectAll().orderBy('team_a').orderBy('team_b').execute()),
    teams: of(await db.selectFrom('insights_teams').selectAll().orderBy('team').execute()),
    departments: of(
      await db
        .selectFrom('insights_department_kudos')
        .selectAll()
        .orderBy('from_department')
        .orderBy('to_department')
        .execute(),
    ),
    recognition: of(await db.selectFrom('insights_recognition').selectAll().execute()),
    mentorship: of(await db.selectFrom('insights_mentorship_months').selectAll().orderBy('month').execute()),
    learning: of(await db.selectFrom('insights_learning_months').selectAll().orderBy('month').execute()),
  };
}

function chart(report: InsightsReport, id: string): InsightChart {
  const found = report.sections.flatMap((s) => s.charts).find((c) => c.id === id);
  if (!found) throw new Error(`no chart ${id}`);
  return found;
}

/** A met coffee group for every pair (A_i, B_i) and (A_i, A_i+1): cross-team and same-team ties. */
async function seedMeetings(workspaceId: string, roundId: string, at: Date) {
  for (let i = 0; i < 6; i++) {
    await seedGroup(db, workspaceId, roundId, [`U0A${i}`, `U0B${i}`], at, [{ userId: `U0A${i}`, answer: 'met', at }]);
    await seedGroup(db, workspaceId, roundId, [`U0A${i}`, `U0C${i}`], at, [
      { userId: `U0C${i}`, answer: 'not_this_time', at },
    ]);
  }
  for (let i = 0; i < 5; i++) {
    await seedGroup(db, workspaceId, roundId, [`U0A${i}`, `U0A${i + 1}`], at, [
      { userId: `U0A${i}`, answer: 'met', at },
    ]);
  }
}

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const ws of ['TINSA', 'TINSB']) {
    await seedWorkspace(db, { id: ws, now: march });
    await seedInsightsPeople(db, ws, people);
  }
});
afterAll(async () => {
  await db?.destroy();
});

describe('insights computation', () => {
  test('a workspace with nothing computed, or nothing to measure, reads as the empty report', async () => {
    await seedWorkspace(db, { id: 'TEMPTY', now: march });
    await seedInsightsPeople(db, 'TEMPTY', people);
    expect(await buildInsightsReport(db, 'TEMPTY', march)).toEqual({ computedAt: null, hasData: false, sections: [] });
    await recomputeInsights(db, { workspaceId: 'TEMPTY', now: march });
    expect(await buildInsightsReport(db, 'TEMPTY', march)).toEqual({ computedAt: null, hasData: false, sections: [] });
  });

  test('the full recomputation counts ties, met groups and kudos of each workspace only', async () => {
    const { roundId } = await seedPairingRound(db, 'TINSA', march);
    await seedMeetings('TINSA', roundId, march);
    // The same user ids in another workspace: one met group only.
    const other = await seedPairingRound(db, 'TINSB', march);
    await seedGroup(db, 'TINSB', other.roundId, ['U0A0', 'U0B0'], march, [
      { userId: 'U0B0', answer: 'met', at: march },
    ]);
    for (let i = 0; i < 6; i++) await seedKudos(db, 'TINSA', `U0A${i}`, `U0C${i}`, march);

    await recomputeInsights(db, { workspaceId: 'TINSA', now: hours(march, 1) });
    await recomputeInsights(db, { workspaceId: 'TINSB', now: hours(march, 1) });
    const a = await tables('TINSA');
    expect(a.ties).toEqual([
      expect.objectContaining({
        month: '2027-03-01',
        ties: 11,
        cross_ties: 6,
        people: 12,
        cross_people: 12,
        same_people: 6,
      }),
    ]);
    expect(a.programmes).toEqual([
      expect.objectContaining({ groups: 17, participants: 18, met_groups: 11, met_people: 12, unmet_people: 12 }),
    ]);
    expect(a.pairs.map((p) => [p.team_a, p.team_b, p.ties, p.people_a, p.people_b])).toEqual([
      ['Team A', 'Team A', 5, 6, 6],
      ['Team A', 'Team B', 6, 6, 6],
    ]);
    expect(a.teams.find((t) => t.team === 'Team A')).toMatchObject({ members: 6, internal_ties: 5, external_ties: 6 });
    expect(a.departments).toEqual([
      expect.objectContaining({
        from_department: 'Product',
        to_department: 'Sales',
        kudos: 6,
        givers: 6,
        recipients: 6,
      }),
    ]);
    expect(a.recognition[0]).toMatchObject({ active_members: 18, recipients: 6, received_none: 12, kudos: 6 });
    const b = await tables('TINSB');
    expect(b.ties).toEqual([expect.objectContaining({ ties: 1, cross_ties: 1, people: 2 })]);
    expect(b.departments).toEqual([]);
    expect(b.recognition[0]).toMatchObject({ active_members: 18, recipients: 0, kudos: 0 });

    const report = await buildInsightsReport(db, 'TINSA', hours(march, 2));
    expect(report).toMatchObject({ hasData: true, computedAt: hours(march, 1) });
    expect(report.sections.map((s) => s.id)).toEqual([
      'participation',
      'connections',
      'recognition',
      'mentorship-learning',
    ]);
    expect(chart(report, 'programme-participants').table.rows).toEqual([['2027-03', 18]]);
    expect(chart(report, 'programme-met-share').table.rows).toEqual([['2027-03', 11 / 17]]);
    expect(chart(report, 'cross-team-share').table.rows).toEqual([['2027-03', 6 / 11]]);
    expect(chart(report, 'recognition-reach').table.rows).toEqual([
      ['People counted', 18],
      ['Received kudos', 6],
      ['Received none', 12],
    ]);
    // Workspace B's one met pair is two people: every figure about it is hidden.
    const reportB = await buildInsightsReport(db, 'TINSB', hours(march, 2));
    expect(chart(reportB, 'programme-participants').table.rows).toEqual([['2027-03', fewerThanFive]]);
  });

  test('updates as events arrive end where a full recomputation does, a retried run included', async () => {
    const ws = 'TINSC';
    await seedWorkspace(db, { id: ws, now: march });
    await seedInsightsPeople(db, ws, people);
    const { roundId } = await seedPairingRound(db, ws, march);
    const mentorship = await seedMentorshipProgramme(db, ws, march);
    await seedMeetings(ws, roundId, march);
    await recomputeInsights(db, { workspaceId: ws, now: hours(march, 1) });

    const deps = { db, clock: { now: () => april } } as unknown as ProcessorDeps;
    const context = { deps, jobId: undefined, finalAttempt: false, saveProgress: async () => {} };
    const run = async (now: Date) => {
      (deps as { clock: { now: () => Date } }).clock.now = () => now;
      await processInsightsUpdate({ workspaceId: ws, bucket: 1 }, context as ProcessorContext<'insights.update'>);
    };

    // March's last group is answered in April: March's figures change, from an event stamped in April.
    const late = await seedGroup(db, ws, roundId, ['U0B1', 'U0C1'], hours(march, 20));
    await run(hours(march, 72));
    await seedCheckin(db, ws, late, 'U0C1', 'met', april);
    for (let i = 0; i < 6; i++) await seedKudos(db, ws, `U0B${i}`, `U0A${i}`, april);
    await run(hours(april, 1));
    await seedMentorshipPair(db, ws, mentorship, {
      mentor: 'U0C0',
      mentee: 'U0B2',
      startedAt: april,
      firstMetAt: hours(april, 2),
    });
    await seedLearningRequest(db, ws, {
      asker: 'U0A3',
      expert: 'U0C3',
      status: 'accepted',
      requestedAt: hours(april, 2),
      answeredAt: hours(april, 3),
    });
    // Groups of three are read member by member: every pair of a met one is a tie, a member dropped from it is not.
    await seedGroup(db, ws, roundId, ['U0A4', 'U0B4', 'U0C4'], hours(april, 2), [
      { userId: 'U0C4', answer: 'met', at: hours(april, 3) },
    ]);
    const dropped = await seedGroup(db, ws, roundId, ['U0B5', 'U0A5', 'U0C5'], hours(april, 2), [
      { userId: 'U0B5', answer: 'met', at: hours(april, 3) },
    ]);
    await db
      .updateTable('round_groups')
      .set({ dropped: ['U0A5'] })
      .where('id', '=', dropped)
      .execute();
    // A crash after the update committed and before the job was marked done: the job runs again, same watermark.
    await run(hours(april, 4));
    await run(hours(april, 4));
    const incremental = await tables(ws);
    expect(incremental.ties.map((t) => [t.month, t.ties, t.cross_ties, t.people])).toEqual([
      ['2027-03-01', 12, 7, 13],
      ['2027-04-01', 6, 6, 9],
    ]);
    expect(incremental.programmes.map((p) => [p.month, p.groups, p.participants, p.met_groups, p.met_people])).toEqual([
      ['2027-03-01', 18, 18, 12, 13],
      ['2027-04-01', 2, 5, 2, 5],
    ]);
    expect(incremental.mentorship).toEqual([expect.objectContaining({ month: '2027-04-01', pairs: 1, met_pairs: 1 })]);

    await recomputeInsights(db, { workspaceId: ws, now: hours(april, 4) });
    expect(await tables(ws)).toEqual(incremental);
  });

  test('an update before any full computation computes everything', async () => {
    const ws = 'TINSD';
    await seedWorkspace(db, { id: ws, now: march });
    await seedInsightsPeople(db, ws, people);
    for (let i = 0; i < 6; i++) await seedKudos(db, ws, `U0B${i}`, `U0A${i}`, march);
    const result = await updateInsights(db, { workspaceId: ws, now: hours(march, 1) });
    expect(result.mode).toBe('full');
    expect((await tables(ws)).recognition[0]).toMatchObject({ recipients: 6, kudos: 6 });
  });

  test('the Gini of recognition ranks everyone counted, people with equal counts included, on both paths', async () => {
    const ws = 'TINSH';
    await seedWorkspace(db, { id: ws, now: march });
    await seedInsightsPeople(db, ws, people);
    const received = { U0A0: 3, U0A1: 1, U0A2: 1, U0B0: 2 };
    for (const [to, n] of Object.entries(received)) {
      for (let i = 0; i < n; i++) await seedKudos(db, ws, 'U0C0', to, hours(march, -24 * (i + 1)));
    }
    // Counts sorted: fourteen 0s, then 1, 1, 2, 3; sum over ranks i of (2i - 18 - 1) * count, over 18 people * 7 kudos.
    const gini = ((2 * 15 - 19) * 1 + (2 * 16 - 19) * 1 + (2 * 17 - 19) * 2 + (2 * 18 - 19) * 3) / (18 * 7);
    await recomputeInsights(db, { workspaceId: ws, now: march });
    const full = (await tables(ws)).recognition[0];
    expect(full).toMatchObject({ active_members: 18, recipients: 4, received_none: 14, kudos: 7 });
    expect(full?.gini).toBeCloseTo(gini, 12);
    await seedKudos(db, ws, 'U0C0', 'U0A1', hours(march, 1));
    await updateInsights(db, { workspaceId: ws, now: hours(march, 2) });
    const updated = (await tables(ws)).recognition[0];
    // Now 0 ×14, 1, 2, 2, 3 over 8 kudos.
    const next = ((2 * 15 - 19) * 1 + (2 * 16 - 19) * 2 + (2 * 17 - 19) * 2 + (2 * 18 - 19) * 3) / (18 * 8);
    expect(updated).toMatchObject({ recipients: 4, received_none: 14, kudos: 8 });
    expect(updated?.gini).toBeCloseTo(next, 12);
  });

  test('a computation for a workspace purged before it writes nothing and says why', async () => {
    const ws = 'TINSG';
    await seedWorkspace(db, { id: ws, now: march });
    await seedInsightsPeople(db, ws, people);
    for (let i = 0; i < 6; i++) await seedKudos(db, ws, `U0B${i}`, `U0A${i}`, march);
    await recomputeInsights(db, { workspaceId: ws, now: hours(march, 1) });
    const scoped = await findWorkspaceScopedTables(db);
    for (const table of scoped) await deleteWorkspaceRows(db, table, ws);
    await deleteWorkspaceRow(db, ws);

    await expect(recomputeInsights(db, { workspaceId: ws, now: hours(march, 2) })).rejects.toThrow(
      `insights not computed: workspace ${ws} no longer exists`,
    );
    for (const table of scoped) {
      const left = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
        where workspace_id = ${ws}`.execute(db);
      expect({ table, rows: left.rows[0]?.n }).toEqual({ table, rows: 0 });
    }
  });

  test('an update rebuilding two months with one between them counts each group in its own month only', async () => {
    const ws = 'TINSI';
    const february = new Date('2027-02-10T12:00:00Z');
    await seedWorkspace(db, { id: ws, now: february });
    await seedInsightsPeople(db, ws, people);
    const { roundId } = await seedPairingRound(db, ws, february);
    const unanswered = await seedGroup(db, ws, roundId, ['U0A0', 'U0B0'], february);
    await seedGroup(db, ws, roundId, ['U0A1', 'U0B1'], march, [{ userId: 'U0A1', answer: 'met', at: hours(march, 1) }]);
    await recomputeInsights(db, { workspaceId: ws, now: april });

    await upsertCheckin(db, { workspaceId: ws, groupId: unanswered, userId: 'U0A0', answer: 'met' }, hours(april, 1));
    await seedGroup(db, ws, roundId, ['U0A2', 'U0C2'], hours(april, 1), [
      { userId: 'U0C2', answer: 'met', at: hours(april, 1) },
    ]);
    expect(await updateInsights(db, { workspaceId: ws, now: hours(april, 2) })).toMatchObject({
      months: ['2027-02-01', '2027-04-01'],
    });
    const updated = await tables(ws);
    expect(updated.ties.map((t) => [t.month, t.ties])).toEqual([
      ['2027-02-01', 1],
      ['2027-03-01', 1],
      ['2027-04-01', 1],
    ]);
    expect(updated.programmes.map((p) => [p.month, p.groups, p.met_groups])).toEqual([
      ['2027-02-01', 1, 1],
      ['2027-03-01', 1, 1],
      ['2027-04-01', 1, 1],
    ]);
    await recomputeInsights(db, { workspaceId: ws, now: hours(april, 2) });
    expect(await tables(ws)).toEqual(updated);
  });

  test("a check-in is written with its group's first delivery time, which the index of met answers holds", async () => {
    const ws = 'TINSK';
    await seedWorkspace(db, { id: ws, now: march });
    await seedInsightsPeople(db, ws, people);
    const { roundId } = await seedPairingRound(db, ws, march);
    const group = await seedGroup(db, ws, roundId, ['U0A0', 'U0C0'], march);
    // A delivery job retried after the intro went out records it again, later.
    const intro = { workspaceId: ws, roundId, groupId: group, conversationId: 'G0MPIM', ts: '1.2' };
    await recordIntroDelivered(db, intro, hours(march, 5));
    await upsertCheckin(db, { workspaceId: ws, groupId: group, userId: 'U0A0', answer: 'met' }, april);
    await upsertCheckin(db, { workspaceId: ws, groupId: group, userId: 'U0C0', answer: 'not_this_time' }, april);
    const rows = await db
      .selectFrom('round_checkins')
      .select(['user_id', 'group_delivered_at'])
      .where('workspace_id', '=', ws)
      .orderBy('user_id')
      .execute();
    expect(rows).toEqual([
      { user_id: 'U0A0', group_delivered_at: march },
      { user_id: 'U0C0', group_delivered_at: march },
    ]);
    const index = await sql<{ definition: string }>`
      select pg_get_indexdef('round_checkins_met_delivery'::regclass) as definition`.execute(db);
    expect(index.rows[0]?.definition).toContain('INCLUDE (group_id, group_delivered_at)');
  });

  test("an answer written before answers carried their group's delivery still rebuilds its month and ties its people", async () => {
    const ws = 'TINSJ';
    const february = new Date('2027-02-10T12:00:00Z');
    await seedWorkspace(db, { id: ws, now: february });
    await seedInsightsPeople(db, ws, people);
    const { roundId } = await seedPairingRound(db, ws, february);
    const group = await seedGroup(db, ws, roundId, ['U0A0', 'U0C0'], february);
    await recomputeInsights(db, { workspaceId: ws, now: april });

    // As a process of the version before writes it, during a rolling upgrade: no group_delivered_at.
    await db
      .insertInto('round_checkins')
      .values({ workspace_id: ws, group_id: group, user_id: 'U0A0', answer: 'met', answered_at: hours(april, 1) })
      .execute();
    expect(await updateInsights(db, { workspaceId: ws, now: hours(april, 2) })).toMatchObject({
      months: ['2027-02-01'],
    });
    const updated = await tables(ws);
    expect(updated.ties.map((t) => [t.month, t.ties, t.cross_ties])).toEqual([['2027-02-01', 1, 1]]);
    expect(updated.pairs.map((p) => [p.team_a, p.team_b, p.ties])).toEqual([['Team A', 'Team C', 1]]);
    await recomputeInsights(db, { workspaceId: ws, now: hours(april, 2) });
    expect(await tables(ws)).toEqual(updated);
  });

  test('a check-in answer rebuilds its group\'s month only when it gives or withdraws "met"', async () => {
    const ws = 'TINSE';
    await seedWorkspace(db, { id: ws, now: march });
    await seedInsightsPeople(db, ws, people);
    const { roundId } = await seedPairingRound(db, ws, march);
    // Delivered and answered before what the update re-reads.
    const delivered = hours(march, -48);
    const kept = await seedGroup(db, ws, roundId, ['U0A0', 'U0B0'], delivered, [
      { userId: 'U0A0', answer: 'met', at: delivered },
    ]);
    const withdrawn = await seedGroup(db, ws, roundId, ['U0A1', 'U0C1'], delivered, [
      { userId: 'U0A1', answer: 'met', at: delivered },
    ]);
    await recomputeInsights(db, { workspaceId: ws, now: hours(march, 1) });
    const before = await tables(ws);

    // The group already met: another answer changes none of March's figures.
    await upsertCheckin(db, { workspaceId: ws, groupId: kept, userId: 'U0B0', answer: 'not_this_time' }, april);
    expect(await updateInsights(db, { workspaceId: ws, now: hours(april, 1) })).toMatchObject({ months: [] });
    expect((await tables(ws)).ties).toEqual(before.ties);

    await upsertCheckin(
      db,
      { workspaceId: ws, groupId: withdrawn, userId: 'U0A1', answer: 'not_this_time' },
      hours(april, 2),
    );
    expect(await updateInsights(db, { workspaceId: ws, now: hours(april, 3) })).toMatchObject({
      months: ['2027-03-01'],
    });
    const updated = await tables(ws);
    expect(updated.ties.map((t) => [t.month, t.ties, t.cross_ties])).toEqual([['2027-03-01', 1, 1]]);
    await recomputeInsights(db, { workspaceId: ws, now: hours(april, 3) });
    expect(await tables(ws)).toEqual(updated);
  });
});
