import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { insertBlock } from '../../src/db/queries/pairing-members.ts';
import { approveMentorshipCycle } from '../../src/domain/mentorship/approve-cycle.ts';
import { planMentorshipCycle } from '../../src/domain/mentorship/plan-cycle.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';
import { activePairs, signUp, startProgramme } from '../support/mentorship-programme.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const later = new Date('2027-06-10T12:00:00Z');
let programmeA: string;
let programmeB: string;

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const id of ['TA', 'TB']) {
    await seedWorkspace(db, { id, now });
    await seedMembers(db, id, [
      { user_id: 'U0ANA', team: 'Platform', time_zone: 'Europe/Paris' },
      { user_id: 'U0BEN', team: 'Payments' },
      { user_id: 'U0CY', team: 'Payments' },
      { user_id: 'U0DI', team: 'Platform' },
      { user_id: 'U0ED', team: 'Payments' },
      { user_id: 'U0FI', team: 'Growth' },
      { user_id: 'U0GONE', is_deleted: true },
    ]);
  }
  // The same channel and the same people in both workspaces; only TA has sign-ups beyond one mentee, and a block.
  programmeA = await startProgramme(db, 'TA', now);
  programmeB = await startProgramme(db, 'TB', now);
  await signUp(db, 'TA', programmeA, 'U0ANA', now, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
  await signUp(db, 'TA', programmeA, 'U0BEN', now, { role: 'mentor', teaches: ['golang'], capacity: 2 });
  await signUp(db, 'TA', programmeA, 'U0CY', now, { learns: ['rust'] });
  await signUp(db, 'TA', programmeA, 'U0DI', now, { learns: ['Go'] });
  await signUp(db, 'TA', programmeA, 'U0ED', now, { learns: ['Zig'] });
  await signUp(db, 'TA', programmeA, 'U0FI', now, { learns: ['Rust'] });
  await signUp(db, 'TA', programmeA, 'U0GONE', now, { learns: ['Go'] });
  await insertBlock(db, { workspaceId: 'TA', userId: 'U0FI', blockedUserId: 'U0ANA' }, now);
  await signUp(db, 'TB', programmeB, 'U0ANA', now, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
  await signUp(db, 'TB', programmeB, 'U0FI', now, { learns: ['Rust'] });
});
afterAll(async () => {
  await db?.destroy();
});

describe('planning a cycle', () => {
  let cycleId: string;

  test('the proposal holds the pairs with score and why, and everyone left out with a neutral reason', async () => {
    const planned = await planMentorshipCycle(db, { workspaceId: 'TA', programmeId: programmeA, now });
    if (!planned.ok) throw new Error('refused');
    cycleId = planned.cycleId;
    expect(planned.number).toBe(1);
    const pairs = planned.proposal.pairs.map((p) => [p.mentor, p.mentee]).sort();
    expect(pairs).toEqual([
      ['U0ANA', 'U0CY'],
      ['U0BEN', 'U0DI'],
    ]);
    for (const pair of planned.proposal.pairs) {
      expect(pair.score).toBeGreaterThan(0);
      expect(pair.why).toMatch(/^teaches /);
    }
    // Blocked from the only Rust mentor, FI hears what a full cycle says; the deleted member is not in the cohort.
    expect(planned.proposal.unmatched.map((u) => [u.id, u.code]).sort()).toEqual([
      ['U0ED', 'not-taught'],
      ['U0FI', 'no-room'],
    ]);
    const stored = await db
      .selectFrom('mentorship_cycles')
      .select(['status', 'proposal'])
      .where('workspace_id', '=', 'TA')
      .where('id', '=', cycleId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('proposed');
    expect(stored.proposal.pairs).toEqual(planned.proposal.pairs);
    expect(await activePairs(db, 'TA', programmeA)).toEqual([]);
  });

  test('planning again before approval replaces the proposal rather than adding a cycle', async () => {
    const again = await planMentorshipCycle(db, { workspaceId: 'TA', programmeId: programmeA, now });
    expect(again).toMatchObject({ ok: true, cycleId, number: 1 });
    const cycles = await db.selectFrom('mentorship_cycles').select('id').where('workspace_id', '=', 'TA').execute();
    expect(cycles).toHaveLength(1);
  });

  test('approving turns the proposal into active pairs exactly once, even when two approvals race', async () => {
    const [first, second] = await Promise.all([
      approveMentorshipCycle(db, { workspaceId: 'TA', cycleId, approvedBy: 'U0ADMIN', now }),
      approveMentorshipCycle(db, { workspaceId: 'TA', cycleId, approvedBy: 'U0OTHER', now }),
    ]);
    expect([first, second].map((r) => (r.ok ? r.pairsCreated : -1)).sort()).toEqual([0, 2]);
    expect([first, second].filter((r) => r.ok && r.alreadyApproved)).toHaveLength(1);
    const created = [first, second].flatMap((r) => (r.ok ? r.pairIds : []));
    const stored = await db
      .selectFrom('mentorship_pairs')
      .select(['id', 'started_at', 'ends_at'])
      .where('workspace_id', '=', 'TA')
      .where('programme_id', '=', programmeA)
      .execute();
    expect(stored.map((p) => p.id).sort()).toEqual([...created].sort());
    // The programme's default cycle is three months.
    for (const pair of stored) expect(pair.ends_at?.getUTCMonth()).toBe((pair.started_at.getUTCMonth() + 3) % 12);
    expect(await approveMentorshipCycle(db, { workspaceId: 'TA', cycleId, approvedBy: 'U0ADMIN', now: later })).toEqual(
      { ok: true, pairsCreated: 0, alreadyApproved: true, pairIds: [] },
    );
    expect(await activePairs(db, 'TA', programmeA)).toEqual([
      ['U0ANA', 'U0CY'],
      ['U0BEN', 'U0DI'],
    ]);
  });

  test('the next cycle remembers the pairs formed before, and its approval ends the previous pairs', async () => {
    const next = await planMentorshipCycle(db, { workspaceId: 'TA', programmeId: programmeA, now: later });
    if (!next.ok) throw new Error('refused');
    expect(next.number).toBe(2);
    const repeat = next.proposal.pairs.find((p) => p.mentee === 'U0CY');
    expect(repeat?.why).toContain('paired in an earlier cycle');
    await approveMentorshipCycle(db, { workspaceId: 'TA', cycleId: next.cycleId, approvedBy: 'U0ADMIN', now: later });
    const all = await db
      .selectFrom('mentorship_pairs')
      .select(['status', 'cycle_id'])
      .where('workspace_id', '=', 'TA')
      .execute();
    expect(all.filter((p) => p.status === 'active').every((p) => p.cycle_id === next.cycleId)).toBe(true);
    expect(all.filter((p) => p.status === 'ended')).toHaveLength(2);
  });
});

describe('workspace isolation', () => {
  test('the same people in another workspace are planned from that workspace’s sign-ups, blocks and history', async () => {
    const planned = await planMentorshipCycle(db, { workspaceId: 'TB', programmeId: programmeB, now });
    if (!planned.ok) throw new Error('refused');
    // TA's block between FI and ANA does not reach TB.
    expect(planned.proposal.pairs.map((p) => [p.mentor, p.mentee])).toEqual([['U0ANA', 'U0FI']]);
    expect(planned.proposal.unmatched).toEqual([]);
    expect(planned.proposal.pairs[0]?.why).not.toContain('earlier cycle');
  });

  test('a workspace cannot plan or approve another workspace’s programme or cycle', async () => {
    expect(await planMentorshipCycle(db, { workspaceId: 'TB', programmeId: programmeA, now })).toEqual({
      ok: false,
      refused: 'no_programme',
    });
    const cycleA = await db
      .selectFrom('mentorship_cycles')
      .select('id')
      .where('workspace_id', '=', 'TA')
      .executeTakeFirstOrThrow();
    expect(
      await approveMentorshipCycle(db, { workspaceId: 'TB', cycleId: cycleA.id, approvedBy: 'U0ADMIN', now }),
    ).toEqual({ ok: false, refused: 'no_cycle' });
    expect(await activePairs(db, 'TB', programmeB)).toEqual([]);
  });
});
