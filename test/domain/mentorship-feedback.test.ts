import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { endNoticeFor, recordEndNotified } from '../../src/domain/mentorship/end-notice.ts';
import {
  feedbackForm,
  feedbackToAsk,
  recordFeedbackAsked,
  saveFeedback,
} from '../../src/domain/mentorship/feedback.ts';
import { sweepMentorshipProgramme } from '../../src/domain/mentorship/sweep.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';
import {
  activePairs,
  anaMentorsCyInBoth,
  approveNextCycle,
  days,
  pairRow,
  plus,
  signUp,
  startProgramme,
} from '../support/mentorship-programme.ts';

let db: Db;
const t0 = new Date('2027-03-01T09:00:00Z');
const cycleEnd = new Date('2027-06-01T09:00:00Z');
const feedbackAt = plus(cycleEnd, 3600_000);
let programmeA: string;
let programmeB: string;
let pairA: string;
let pairB: string;
let quietProgramme: string;
let quietPair: string;

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const id of ['TA', 'TB']) {
    await seedWorkspace(db, { id, now: t0 });
    await seedMembers(db, id, ['U0ANA', 'U0BEN', 'U0CY', 'U0DI', 'U0OUT']);
  }
  ({ programmeA, programmeB, pairA, pairB } = await anaMentorsCyInBoth(db, t0));
  quietProgramme = await startProgramme(db, 'TA', t0, {}, 'C0QUIET');
  await signUp(db, 'TA', quietProgramme, 'U0BEN', t0, { role: 'mentor', teaches: ['Go'], capacity: 1 });
  await signUp(db, 'TA', quietProgramme, 'U0DI', t0, { learns: ['Go'] });
  quietPair = (await approveNextCycle(db, 'TA', quietProgramme, t0)).get('U0DI')!;
});
afterAll(async () => {
  await db?.destroy();
});

const give = (
  workspaceId: string,
  pairId: string,
  userId: string,
  answer: { rating: unknown; comment?: string; continueNext?: boolean },
  now = feedbackAt,
) =>
  saveFeedback(db, {
    workspaceId,
    pairId,
    userId,
    rating: answer.rating,
    comment: answer.comment,
    continueNext: answer.continueNext,
    now,
  });

describe('the cycle’s end', () => {
  test('feedback is asked of both people once the cycle is over, and only then', async () => {
    const before = plus(cycleEnd, -60_000);
    expect(
      (await sweepMentorshipProgramme(db, { workspaceId: 'TA', programmeId: programmeA, now: before })).feedbackAsks,
    ).toEqual([]);
    expect(await feedbackToAsk(db, { workspaceId: 'TA', pairId: pairA, now: before })).toEqual({
      ok: false,
      skipped: 'not_due',
    });
    expect(await feedbackForm(db, { workspaceId: 'TA', pairId: pairA, userId: 'U0CY', now: before })).toEqual({
      ok: false,
      refused: 'not_open',
    });
    // No check-ins or idle steps once the cycle is over.
    const due = await sweepMentorshipProgramme(db, { workspaceId: 'TA', programmeId: programmeA, now: feedbackAt });
    expect(due).toMatchObject({ feedbackAsks: [pairA], checkins: [], idleNotices: [] });
    const ask = await feedbackToAsk(db, { workspaceId: 'TA', pairId: pairA, now: feedbackAt });
    expect(ask).toMatchObject({ ok: true, closesAt: plus(feedbackAt, days(7)) });
    for (const userId of ['U0ANA', 'U0CY'])
      await recordFeedbackAsked(db, { workspaceId: 'TA', pairId: pairA, userId, now: feedbackAt });
    expect(
      (await sweepMentorshipProgramme(db, { workspaceId: 'TA', programmeId: programmeA, now: feedbackAt }))
        .feedbackAsks,
    ).toEqual([]);
    expect(await feedbackForm(db, { workspaceId: 'TA', pairId: pairA, userId: 'U0CY', now: feedbackAt })).toEqual({
      ok: true,
      partnerId: 'U0ANA',
      pairId: pairA,
    });
    expect(await feedbackForm(db, { workspaceId: 'TA', pairId: pairA, userId: 'U0OUT', now: feedbackAt })).toEqual({
      ok: false,
      refused: 'not_found',
    });
  });

  test('bad feedback gets every problem at once and saves nothing', async () => {
    const result = await give('TA', pairA, 'U0CY', { rating: '0', comment: 'x'.repeat(1001) });
    expect(result).toEqual({
      ok: false,
      errors: {
        rating: 'Choose how the cycle went, from 1 to 5.',
        comment: 'Keep the comment to 1000 characters (it has 1001).',
        continueNext: 'Say whether you would like another cycle together.',
      },
    });
    expect(await give('TA', pairA, 'U0CY', { rating: 'five', continueNext: true })).toMatchObject({ ok: false });
    expect(await give('TA', pairA, 'U0OUT', { rating: 5, continueNext: true })).toEqual({
      ok: false,
      refused: 'not_found',
    });
    expect(await give('TB', pairA, 'U0CY', { rating: 5, continueNext: true })).toEqual({
      ok: false,
      refused: 'not_found',
    });
    const answered = await db
      .selectFrom('mentorship_feedback')
      .select('user_id')
      .where('answered_at', 'is not', null)
      .execute();
    expect(answered).toEqual([]);
  });

  test('both say yes: the pair goes on as a new pair for another cycle, with no intro, and both are told', async () => {
    expect(await give('TA', pairA, 'U0CY', { rating: '5', comment: '  Very helpful.  ', continueNext: true })).toEqual({
      ok: true,
      outcome: 'waiting',
      pairId: pairA,
    });
    expect((await pairRow(db, 'TA', pairA)).status).toBe('active');
    expect(await give('TA', pairA, 'U0ANA', { rating: 4, continueNext: true })).toEqual({
      ok: true,
      outcome: 'continued',
      pairId: pairA,
    });
    const old = await pairRow(db, 'TA', pairA);
    expect([old.status, old.end_reason]).toEqual(['ended', 'cycle_end']);
    expect(await activePairs(db, 'TA', programmeA)).toEqual([['U0ANA', 'U0CY']]);
    const next = await db
      .selectFrom('mentorship_pairs')
      .selectAll()
      .where('workspace_id', '=', 'TA')
      .where('programme_id', '=', programmeA)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(next.started_at).toEqual(feedbackAt);
    expect(next.ends_at).toEqual(new Date('2027-09-01T10:00:00Z'));
    expect(next.intro_sent_at).toEqual(feedbackAt);
    const stored = await db
      .selectFrom('mentorship_feedback')
      .select(['user_id', 'rating', 'comment', 'continue_next'])
      .where('workspace_id', '=', 'TA')
      .where('pair_id', '=', pairA)
      .orderBy('user_id')
      .execute();
    expect(stored).toEqual([
      { user_id: 'U0ANA', rating: 4, comment: null, continue_next: true },
      { user_id: 'U0CY', rating: 5, comment: 'Very helpful.', continue_next: true },
    ]);
    expect(await endNoticeFor(db, { workspaceId: 'TA', pairId: pairA })).toMatchObject({
      ok: true,
      reason: 'cycle_end',
      continuedUntil: next.ends_at,
    });
    await recordEndNotified(db, { workspaceId: 'TA', pairId: pairA, now: feedbackAt });
    expect(await endNoticeFor(db, { workspaceId: 'TA', pairId: pairA })).toEqual({ ok: false, skipped: 'sent' });
  });

  test('one says no: the pair ends once both answered, and the notice does not say it continues', async () => {
    expect(await give('TB', pairB, 'U0CY', { rating: 2, continueNext: false })).toMatchObject({ outcome: 'waiting' });
    // The other person has not answered: the pair does not end on their partner's "no" yet.
    expect((await pairRow(db, 'TB', pairB)).status).toBe('active');
    expect(await give('TB', pairB, 'U0ANA', { rating: 4, continueNext: true })).toMatchObject({ outcome: 'ended' });
    expect(await activePairs(db, 'TB', programmeB)).toEqual([]);
    const notice = await endNoticeFor(db, { workspaceId: 'TB', pairId: pairB });
    expect(notice).toMatchObject({ ok: true, reason: 'cycle_end' });
    expect(notice.ok && notice.continuedUntil).toBeUndefined();
  });

  test('a yes with a silent partner ends a week after both were asked, however late that was', async () => {
    // Nudge was away at the cycle's end: nobody was asked, so nothing ends on time that nobody had.
    const late = plus(cycleEnd, days(10));
    await sweepMentorshipProgramme(db, { workspaceId: 'TA', programmeId: quietProgramme, now: late });
    expect((await pairRow(db, 'TA', quietPair)).status).toBe('active');
    expect(await feedbackToAsk(db, { workspaceId: 'TA', pairId: quietPair, now: late })).toMatchObject({
      ok: true,
      closesAt: plus(late, days(7)),
    });
    for (const userId of ['U0BEN', 'U0DI'])
      await recordFeedbackAsked(db, { workspaceId: 'TA', pairId: quietPair, userId, now: late });
    expect(await give('TA', quietPair, 'U0DI', { rating: 3, continueNext: true }, late)).toMatchObject({
      outcome: 'waiting',
    });
    await sweepMentorshipProgramme(db, {
      workspaceId: 'TA',
      programmeId: quietProgramme,
      now: plus(late, days(7) - 1),
    });
    expect((await pairRow(db, 'TA', quietPair)).status).toBe('active');
    const work = await sweepMentorshipProgramme(db, {
      workspaceId: 'TA',
      programmeId: quietProgramme,
      now: plus(late, days(7)),
    });
    const ended = await pairRow(db, 'TA', quietPair);
    expect([ended.status, ended.end_reason]).toEqual(['ended', 'cycle_end']);
    expect(work.endNotices).toEqual([quietPair]);
  });
});
