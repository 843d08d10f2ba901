import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { answerCheckin } from '../../src/domain/mentorship/checkins.ts';
import { askForRematch, fitCheckToSend, recordFitChecked } from '../../src/domain/mentorship/fit-check.ts';
import { recordRematchNotified, rematchAfterAsk } from '../../src/domain/mentorship/rematch.ts';
import { sweepMentorshipProgramme } from '../../src/domain/mentorship/sweep.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';
import { activePairs, anaMentorsCyInBoth, days, pairRow, plus, signUp } from '../support/mentorship-programme.ts';

let db: Db;
const t0 = new Date('2027-03-01T09:00:00Z');
const metAt = plus(t0, days(15));
const askedAt = plus(t0, days(16));
let programmeA: string;
let programmeB: string;
let pairA: string;
let pairB: string;

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const id of ['TA', 'TB']) {
    await seedWorkspace(db, { id, now: t0 });
    await seedMembers(db, id, ['U0ANA', 'U0BEN', 'U0CY', 'U0DI', 'U0FI', 'U0OUT']);
  }
  ({ programmeA, programmeB, pairA, pairB } = await anaMentorsCyInBoth(db, t0));
  // In TA only, after the cycle started: another Rust mentor with a seat, and two mentees waiting.
  await signUp(db, 'TA', programmeA, 'U0BEN', t0, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
  await signUp(db, 'TA', programmeA, 'U0FI', t0, { learns: ['Rust'] });
  await signUp(db, 'TA', programmeA, 'U0DI', t0, { learns: ['Cobol'] });
});
afterAll(async () => {
  await db?.destroy();
});

describe('the fit check', () => {
  test('is due only after the first recorded meeting, and once', async () => {
    expect(await fitCheckToSend(db, { workspaceId: 'TA', pairId: pairA })).toEqual({ ok: false, skipped: 'not_met' });
    for (const ws of ['TA', 'TB']) {
      const pairId = ws === 'TA' ? pairA : pairB;
      await answerCheckin(db, {
        workspaceId: ws,
        pairId,
        number: 1,
        userId: 'U0CY',
        answer: { met: true },
        now: metAt,
      });
    }
    expect(await fitCheckToSend(db, { workspaceId: 'TA', pairId: pairA })).toMatchObject({ ok: true });
    await recordFitChecked(db, { workspaceId: 'TA', pairId: pairA, now: metAt });
    expect(await fitCheckToSend(db, { workspaceId: 'TA', pairId: pairA })).toEqual({ ok: false, skipped: 'sent' });
    expect(
      (await sweepMentorshipProgramme(db, { workspaceId: 'TA', programmeId: programmeA, now: metAt })).fitChecks,
    ).toEqual([]);
    expect(await fitCheckToSend(db, { workspaceId: 'TB', pairId: pairB })).toMatchObject({ ok: true });
  });
});

describe('asking for a different match', () => {
  test('only the pair’s people may ask; two asks at once end the pair once; the other person cannot ask again', async () => {
    expect(await askForRematch(db, { workspaceId: 'TA', pairId: pairA, userId: 'U0OUT', now: askedAt })).toEqual({
      ok: false,
      refused: 'not_found',
    });
    expect(await askForRematch(db, { workspaceId: 'TB', pairId: pairA, userId: 'U0CY', now: askedAt })).toEqual({
      ok: false,
      refused: 'not_found',
    });
    const both = await Promise.all([
      askForRematch(db, { workspaceId: 'TA', pairId: pairA, userId: 'U0CY', now: askedAt }),
      askForRematch(db, { workspaceId: 'TA', pairId: pairA, userId: 'U0CY', now: askedAt }),
    ]);
    expect(both.map((r) => (r.ok ? r.duplicate : 'refused')).sort()).toEqual([false, true]);
    expect(await askForRematch(db, { workspaceId: 'TA', pairId: pairA, userId: 'U0ANA', now: askedAt })).toEqual({
      ok: false,
      refused: 'ended',
    });
    const pair = await pairRow(db, 'TA', pairA);
    expect([pair.status, pair.end_reason]).toEqual(['ended', 'rematch']);
    const asks = await db
      .selectFrom('mentorship_rematch_requests')
      .selectAll()
      .where('workspace_id', '=', 'TA')
      .execute();
    expect(asks.map((a) => [a.pair_id, a.asked_by])).toEqual([[pairA, 'U0CY']]);
    expect((await pairRow(db, 'TB', pairB)).status).toBe('active');
  });

  test('both people are re-matched exactly once: the mentee to another mentor, the mentor’s seat to a waiting mentee', async () => {
    const rematchAt = plus(askedAt, 3600_000);
    const sweep = await sweepMentorshipProgramme(db, { workspaceId: 'TA', programmeId: programmeA, now: rematchAt });
    expect(sweep.rematches).toEqual([pairA]);
    expect(sweep.endNotices).toEqual([pairA]);
    const runs = await Promise.all([
      rematchAfterAsk(db, { workspaceId: 'TA', pairId: pairA, now: rematchAt }),
      rematchAfterAsk(db, { workspaceId: 'TA', pairId: pairA, now: rematchAt }),
    ]);
    const first = runs.find((r) => r.ok && !r.repeated);
    const second = runs.find((r) => r.ok && r.repeated);
    expect(first).toMatchObject({ ok: true, unmatched: [], channelId: 'C0MENTOR' });
    expect(second).toMatchObject({ ok: true, unmatched: [] });
    expect(first?.ok && [...first.pairIds].sort()).toEqual(second?.ok && [...second.pairIds].sort());
    expect(await activePairs(db, 'TA', programmeA)).toEqual([
      ['U0BEN', 'U0CY'],
      ['U0ANA', 'U0FI'],
    ]);
    const started = await db
      .selectFrom('mentorship_pairs')
      .select(['started_at', 'ends_at', 'why'])
      .where('workspace_id', '=', 'TA')
      .where('status', '=', 'active')
      .execute();
    for (const pair of started) {
      expect(pair.started_at).toEqual(rematchAt);
      expect(pair.ends_at).toEqual(new Date('2027-06-17T10:00:00Z'));
      expect(pair.why).toMatch(/^teaches /);
    }
    // Until the outcome is told, the sweep keeps it on its list; then it is done.
    expect(
      (await sweepMentorshipProgramme(db, { workspaceId: 'TA', programmeId: programmeA, now: rematchAt })).rematches,
    ).toEqual([pairA]);
    await recordRematchNotified(db, { workspaceId: 'TA', pairId: pairA, now: rematchAt });
    expect(
      (await sweepMentorshipProgramme(db, { workspaceId: 'TA', programmeId: programmeA, now: rematchAt })).rematches,
    ).toEqual([]);
  });

  test('when nobody fits, both people are returned with the truth, and the other workspace’s people are untouched', async () => {
    await askForRematch(db, { workspaceId: 'TB', pairId: pairB, userId: 'U0ANA', now: askedAt });
    const result = await rematchAfterAsk(db, { workspaceId: 'TB', pairId: pairB, now: askedAt });
    expect(result).toMatchObject({ ok: true, pairIds: [], repeated: false });
    if (!result.ok) throw new Error('refused');
    expect(result.unmatched.map((u) => [u.userId, u.as])).toEqual([
      ['U0CY', 'mentee'],
      ['U0ANA', 'mentor'],
    ]);
    expect(result.unmatched[0]?.reason).toBeTruthy();
    expect(await activePairs(db, 'TB', programmeB)).toEqual([]);
    expect(await rematchAfterAsk(db, { workspaceId: 'TB', pairId: pairA, now: askedAt })).toEqual({
      ok: false,
      refused: 'no_request',
    });
  });
});
