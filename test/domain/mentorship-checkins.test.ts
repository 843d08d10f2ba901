import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { answerCheckin, checkinToSend, recordCheckinSent } from '../../src/domain/mentorship/checkins.ts';
import { idleNoticeToSend, recordIdleNotice } from '../../src/domain/mentorship/idle.ts';
import { sweepMentorshipProgramme } from '../../src/domain/mentorship/sweep.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';
import {
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
const people = ['U0ANA', 'U0BEN', 'U0CY', 'U0DI', 'U0OUT'];
let programmeA: string;
let programmeB: string;
let idleProgramme: string;
let pairA: string;
let pairB: string;
let idlePair: string;

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const id of ['TA', 'TB']) {
    await seedWorkspace(db, { id, now: t0 });
    await seedMembers(db, id, people);
  }
  // The same people and channel in both workspaces, each with its own pair ANA → CY.
  ({ programmeA, programmeB, pairA, pairB } = await anaMentorsCyInBoth(db, t0));
  // A year-long programme, long enough for a quiet pair to be warned and ended before its cycle is.
  idleProgramme = await startProgramme(db, 'TA', t0, { cycleMonths: 12 }, 'C0IDLE');
  await signUp(db, 'TA', idleProgramme, 'U0BEN', t0, { role: 'mentor', teaches: ['Go'], capacity: 1 });
  await signUp(db, 'TA', idleProgramme, 'U0DI', t0, { learns: ['Go'] });
  idlePair = (await approveNextCycle(db, 'TA', idleProgramme, t0)).get('U0DI')!;
});
afterAll(async () => {
  await db?.destroy();
});

const sweep = (workspaceId: string, programmeId: string, now: Date) =>
  sweepMentorshipProgramme(db, { workspaceId, programmeId, now });

describe('check-ins every two weeks', () => {
  test('nothing is due before two weeks; then check-in 1, until it has reached both people', async () => {
    expect((await sweep('TA', programmeA, plus(t0, days(13)))).checkins).toEqual([]);
    const at = plus(t0, days(14) + 3600_000);
    expect((await sweep('TA', programmeA, at)).checkins).toEqual([{ pairId: pairA, number: 1 }]);
    const due = await checkinToSend(db, { workspaceId: 'TA', pairId: pairA, number: 1, now: at });
    expect(due).toMatchObject({ ok: true, number: 1, since: t0 });
    expect(due.ok && [...due.recipients].sort()).toEqual(['U0ANA', 'U0CY']);

    await recordCheckinSent(db, { workspaceId: 'TA', pairId: pairA, userId: 'U0ANA', number: 1, now: at });
    // Half sent (a crash between the two DMs): still due, for the other person only.
    expect((await sweep('TA', programmeA, at)).checkins).toEqual([{ pairId: pairA, number: 1 }]);
    expect(await checkinToSend(db, { workspaceId: 'TA', pairId: pairA, number: 1, now: at })).toMatchObject({
      recipients: ['U0CY'],
    });
    await recordCheckinSent(db, { workspaceId: 'TA', pairId: pairA, userId: 'U0CY', number: 1, now: at });
    expect((await sweep('TA', programmeA, at)).checkins).toEqual([]);
    expect(await checkinToSend(db, { workspaceId: 'TA', pairId: pairA, number: 1, now: at })).toEqual({
      ok: false,
      skipped: 'sent',
    });
  });

  test('a late job for an earlier check-in sends nothing once the next is due; the next asks since two weeks in', async () => {
    const at = plus(t0, days(28) + 60_000);
    expect(await checkinToSend(db, { workspaceId: 'TA', pairId: pairA, number: 1, now: at })).toEqual({
      ok: false,
      skipped: 'not_due',
    });
    expect(await checkinToSend(db, { workspaceId: 'TA', pairId: pairA, number: 2, now: at })).toMatchObject({
      ok: true,
      since: plus(t0, days(14)),
    });
  });

  test('answers are each person’s own; a meeting sets the first and last meeting; a score needs a meeting', async () => {
    const at = plus(t0, days(15));
    const answer = (userId: string, answer: { met: boolean } | { usefulness: number }, number = 1, ws = 'TA') =>
      answerCheckin(db, { workspaceId: ws, pairId: pairA, number, userId, answer, now: at });
    expect(await answer('U0OUT', { met: true })).toEqual({ ok: false, refused: 'not_found' });
    // The same person and pair id, asked from the other workspace: not theirs there.
    expect(await answer('U0CY', { met: true }, 1, 'TB')).toEqual({ ok: false, refused: 'not_found' });
    expect(await answer('U0CY', { met: true }, 2)).toEqual({ ok: false, refused: 'not_open' });
    expect(await answer('U0CY', { usefulness: 4 })).toEqual({ ok: false, refused: 'not_met' });
    expect(await answer('U0CY', { met: true })).toMatchObject({
      ok: true,
      met: true,
      firstMeeting: true,
      partnerId: 'U0ANA',
    });
    expect(await answer('U0CY', { usefulness: 9 })).toEqual({ ok: false, refused: 'bad_answer' });
    expect(await answer('U0CY', { usefulness: 4 })).toMatchObject({ ok: true, met: true, usefulness: 4 });
    expect(await answer('U0ANA', { met: true })).toMatchObject({ ok: true, firstMeeting: false, partnerId: 'U0CY' });

    const pair = await pairRow(db, 'TA', pairA);
    expect(pair.first_met_at).toEqual(at);
    expect(pair.last_met_at).toEqual(at);
    const rows = await db
      .selectFrom('mentorship_checkins')
      .select(['user_id', 'met', 'usefulness'])
      .where('workspace_id', '=', 'TA')
      .where('pair_id', '=', pairA)
      .orderBy('user_id')
      .execute();
    expect(rows).toEqual([
      { user_id: 'U0ANA', met: true, usefulness: null },
      { user_id: 'U0CY', met: true, usefulness: 4 },
    ]);
    // The same people's pair in the other workspace is untouched, and its sweep finds its own check-in only.
    expect((await pairRow(db, 'TB', pairB)).first_met_at).toBeNull();
    expect((await sweep('TB', programmeB, at)).checkins).toEqual([{ pairId: pairB, number: 1 }]);
    expect((await sweep('TB', programmeA, at)).checkins).toEqual([]);
  });

  test('the first meeting makes the fit check due, once', async () => {
    const at = plus(t0, days(15));
    expect((await sweep('TA', programmeA, at)).fitChecks).toEqual([pairA]);
    expect((await sweep('TB', programmeB, at)).fitChecks).toEqual([]);
  });
});

describe('a quiet pair', () => {
  const idle = (now: Date) =>
    sweep('TA', idleProgramme, now).then((w) => w.idleNotices.map(({ pairId, notice }) => ({ pairId, notice })));

  test('four quiet weeks earn one nudge; 90 days a warning; a meeting in between cancels it', async () => {
    expect(await idle(plus(t0, days(27)))).toEqual([]);
    const nudgeAt = plus(t0, days(28));
    expect(await idle(nudgeAt)).toEqual([{ pairId: idlePair, notice: 'nudge' }]);
    await recordIdleNotice(db, { workspaceId: 'TA', pairId: idlePair, notice: 'nudge', now: nudgeAt });
    expect(await idle(plus(t0, days(60)))).toEqual([]);
    expect(await idleNoticeToSend(db, { workspaceId: 'TA', pairId: idlePair, notice: 'nudge', now: nudgeAt })).toEqual({
      ok: false,
      skipped: 'not_due',
    });

    const warnAt = plus(t0, days(90));
    expect(await idle(warnAt)).toEqual([{ pairId: idlePair, notice: 'warn' }]);
    expect(
      await idleNoticeToSend(db, { workspaceId: 'TA', pairId: idlePair, notice: 'warn', now: warnAt }),
    ).toMatchObject({ ok: true, since: t0, endsAt: plus(t0, days(97)) });
    await recordIdleNotice(db, { workspaceId: 'TA', pairId: idlePair, notice: 'warn', now: warnAt });
    expect(await idle(plus(t0, days(91)))).toEqual([]);

    // Six days into the warning, the mentee reports a meeting: the pair stays, and a new quiet stretch begins.
    const metAt = plus(t0, days(96));
    expect(
      await answerCheckin(db, {
        workspaceId: 'TA',
        pairId: idlePair,
        number: 6,
        userId: 'U0DI',
        answer: { met: true },
        now: metAt,
      }),
    ).toMatchObject({ ok: true, firstMeeting: true });
    await sweep('TA', idleProgramme, plus(t0, days(98)));
    expect((await pairRow(db, 'TA', idlePair)).status).toBe('active');
    expect(await idle(plus(metAt, days(27)))).toEqual([]);
    expect(await idle(plus(metAt, days(28)))).toEqual([{ pairId: idlePair, notice: 'nudge' }]);
  });

  test('a warning left to run its 7 days ends the pair as idle, and its end notice falls due', async () => {
    const metAt = plus(t0, days(96));
    await recordIdleNotice(db, { workspaceId: 'TA', pairId: idlePair, notice: 'nudge', now: plus(metAt, days(28)) });
    const warnedAt = plus(metAt, days(90));
    expect(await idle(warnedAt)).toEqual([{ pairId: idlePair, notice: 'warn' }]);
    await recordIdleNotice(db, { workspaceId: 'TA', pairId: idlePair, notice: 'warn', now: warnedAt });
    await sweep('TA', idleProgramme, plus(warnedAt, days(6)));
    expect((await pairRow(db, 'TA', idlePair)).status).toBe('active');
    const work = await sweep('TA', idleProgramme, plus(warnedAt, days(7)));
    const ended = await pairRow(db, 'TA', idlePair);
    expect([ended.status, ended.end_reason]).toEqual(['ended', 'idle']);
    expect(work.endNotices).toEqual([idlePair]);
    expect((await sweep('TB', idleProgramme, plus(warnedAt, days(7)))).endNotices).toEqual([]);
  });

  test('a three-month cycle that ends before a warning could run out gets no warning: its end takes over', async () => {
    const warnAt = plus(t0, days(90));
    expect((await sweep('TB', programmeB, warnAt)).idleNotices).toEqual([
      { pairId: pairB, notice: 'nudge', since: t0 },
    ]);
    expect(await idleNoticeToSend(db, { workspaceId: 'TB', pairId: pairB, notice: 'warn', now: warnAt })).toEqual({
      ok: false,
      skipped: 'not_due',
    });
  });
});
