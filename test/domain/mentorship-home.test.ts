import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { answerRequest } from '../../src/domain/mentorship/answer-request.ts';
import { approveMentorshipCycle } from '../../src/domain/mentorship/approve-cycle.ts';
import { mentorshipCohortSummary } from '../../src/domain/mentorship/cohort-summary.ts';
import { mentorshipOfPerson, nextMentorshipCheckin } from '../../src/domain/mentorship/person-mentorship.ts';
import { planMentorshipCycle } from '../../src/domain/mentorship/plan-cycle.ts';
import { requestMentor } from '../../src/domain/mentorship/requests.ts';
import { fewerThanFive, withheld } from '../../src/domain/privacy/small-groups.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';
import { signUp, startProgramme } from '../support/mentorship-programme.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
// Ten Rust mentors with one seat each; fifteen want Rust, three Zig; two both mentor (Go) and want Zig.
const mentors = ids('U0M', 10);
const rustMentees = ids('U0R', 15);
const zigMentees = ids('U0Z', 3);
const both = ['U0B01', 'U0B02'];
const everyone = [...mentors, ...rustMentees, ...zigMentees, ...both, 'U0NEW', 'U0GONE'];
let cohortId: string;
let choiceId: string;
let openId: string;
let closedId: string;
let pairIds: string[];

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const workspaceId of ['TA', 'TB']) {
    await seedWorkspace(db, { id: workspaceId, now });
    await seedMembers(db, workspaceId, [
      ...everyone.filter((id) => id !== 'U0GONE'),
      { user_id: 'U0GONE', is_deleted: true },
    ]);
  }
  cohortId = await startProgramme(db, 'TA', now, { maxCapacity: 5 }, 'C0COHORT');
  for (const m of mentors) await signUp(db, 'TA', cohortId, m, now, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
  for (const m of rustMentees) await signUp(db, 'TA', cohortId, m, now, { learns: ['Rust'], goals: `goals of ${m}` });
  for (const m of zigMentees) await signUp(db, 'TA', cohortId, m, now, { learns: ['Zig'] });
  for (const m of both) {
    await signUp(db, 'TA', cohortId, m, now, { role: 'both', teaches: ['Go'], learns: ['Zig'], capacity: 1 });
  }
  // Someone who left the workspace is no longer in the cohort.
  await signUp(db, 'TA', cohortId, 'U0GONE', now, { learns: ['Rust'] });

  choiceId = await startProgramme(db, 'TA', now, { matchingMode: 'choice' }, 'C0CHOICE');
  openId = await startProgramme(db, 'TA', now, {}, 'C0OPEN');
  closedId = await startProgramme(db, 'TA', now, { signupDeadline: days(1) }, 'C0CLOSED');

  // The other workspace: the same channel and people, one small programme of its own.
  const other = await startProgramme(db, 'TB', now, {}, 'C0COHORT');
  await signUp(db, 'TB', other, 'U0M01', now, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
  await signUp(db, 'TB', other, 'U0R01', now, { learns: ['Rust'] });
});
afterAll(async () => {
  await db?.destroy();
});

const summary = async (at = now, workspaceId = 'TA', programmeId = cohortId) =>
  await mentorshipCohortSummary(db, { workspaceId, programmeId, now: at });

describe('the admin cohort summary', () => {
  test('before any plan: signed up by role, everyone waiting, never a group under 5 by subtraction', async () => {
    const s = await summary();
    expect(s).toMatchObject({
      signedUp: 30,
      mentorsOnly: 10,
      lookingForMentor: 20,
      // Two people in both roles are fewer than 5; showing the 18 mentees beside the 20 would count them.
      menteesOnly: withheld,
      both: fewerThanFive,
      matched: fewerThanFive,
      waiting: 20,
      waitingReasons: [{ reason: 'not-planned', people: 20 }],
      meetingRate: fewerThanFive,
      checkinUsefulness: fewerThanFive,
      feedbackRating: fewerThanFive,
    });
  });

  test('a plan waiting for approval: its pairs wait for the approval, the rest by the engine’s reason', async () => {
    const planned = await planMentorshipCycle(db, { workspaceId: 'TA', programmeId: cohortId, now });
    if (!planned.ok) throw new Error('refused');
    const s = await summary();
    expect(s?.waitingReasons).toEqual([
      { reason: 'not-taught', people: 5 },
      { reason: 'no-room', people: 5 },
      { reason: 'awaiting-approval', people: 10 },
    ]);
    const approved = await approveMentorshipCycle(db, {
      workspaceId: 'TA',
      cycleId: planned.cycleId,
      approvedBy: 'U0ADMIN',
      now,
    });
    if (!approved.ok) throw new Error('refused');
    pairIds = approved.pairIds;
    expect(await summary()).toMatchObject({
      matched: 10,
      waiting: 10,
      waitingReasons: [
        { reason: 'not-taught', people: 5 },
        { reason: 'no-room', people: 5 },
      ],
    });
  });

  test('a reason held by fewer than 5 is hidden, and another reason with it so the waiting total cannot count it', async () => {
    await signUp(db, 'TA', cohortId, 'U0NEW', now, { learns: ['Rust'] });
    const s = await summary();
    expect(s).toMatchObject({ lookingForMentor: 21, waiting: 11 });
    expect(s?.waitingReasons).toEqual([
      { reason: 'not-taught', people: withheld },
      { reason: 'no-room', people: 5 },
      { reason: 'not-planned', people: fewerThanFive },
    ]);
  });

  test('the meeting rate is shown once at least 5 pairs met and 5 did not', async () => {
    const meet = async (pairId: string) =>
      await db
        .updateTable('mentorship_pairs')
        .set({ first_met_at: days(10) })
        .where('workspace_id', '=', 'TA')
        .where('id', '=', pairId)
        .execute();
    for (const pairId of pairIds.slice(0, 4)) await meet(pairId);
    expect((await summary())?.meetingRate).toBe(fewerThanFive);
    // A check-in that says they met counts as a meeting too.
    await db
      .insertInto('mentorship_checkins')
      .values({ workspace_id: 'TA', pair_id: pairIds[4]!, user_id: 'x', number: 1, sent_at: days(14), met: true })
      .execute();
    expect((await summary())?.meetingRate).toBe(0.5);
    // The same pair in the other workspace's data changes nothing here.
    expect(await summary(now, 'TB', cohortId)).toBeUndefined();
  });

  test('satisfaction: 4 people’s answers are hidden, 5 people’s are shown as a mean', async () => {
    const pairs = await db
      .selectFrom('mentorship_pairs')
      .select(['id', 'mentee_id'])
      .where('workspace_id', '=', 'TA')
      .where('programme_id', '=', cohortId)
      .orderBy('mentee_id')
      .execute();
    const answer = async (i: number, usefulness: number, rating: number) => {
      const pair = pairs[i]!;
      await db
        .insertInto('mentorship_checkins')
        .values(
          [1, 2].map((number) => ({
            workspace_id: 'TA',
            pair_id: pair.id,
            user_id: pair.mentee_id,
            number,
            sent_at: days(14 * number),
            answered_at: days(14 * number),
            met: true,
            usefulness,
          })),
        )
        .execute();
      await db
        .insertInto('mentorship_feedback')
        .values({
          workspace_id: 'TA',
          pair_id: pair.id,
          user_id: pair.mentee_id,
          asked_at: days(90),
          answered_at: days(90),
          rating,
        })
        .execute();
    };
    for (const i of [0, 1, 2, 3]) await answer(i, 4, 5);
    expect(await summary()).toMatchObject({ checkinUsefulness: fewerThanFive, feedbackRating: fewerThanFive });
    await answer(4, 2, 0 + 3);
    expect(await summary()).toMatchObject({ checkinUsefulness: 3.6, feedbackRating: 4.6 });
  });

  test('requests pending count once 5 mentees wait on 5 mentors', async () => {
    const mentorsHere = mentors.slice(0, 5);
    const menteesHere = rustMentees.slice(0, 5);
    for (const m of mentorsHere)
      await signUp(db, 'TA', choiceId, m, now, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
    for (const m of menteesHere) await signUp(db, 'TA', choiceId, m, now, { learns: ['Rust'] });
    const ask = async (i: number) => {
      const asked = await requestMentor(db, {
        workspaceId: 'TA',
        programmeId: choiceId,
        menteeId: menteesHere[i]!,
        mentorId: mentorsHere[i]!,
        now,
      });
      if (!asked.ok) throw new Error(asked.refused);
      return asked.requestId;
    };
    for (const i of [0, 1, 2, 3]) await ask(i);
    let s = await summary(now, 'TA', choiceId);
    expect(s).toMatchObject({
      signedUp: 10,
      waiting: 5,
      requestsPending: fewerThanFive,
      waitingReasons: [
        { reason: 'awaiting-answer', people: fewerThanFive },
        { reason: 'choosing', people: fewerThanFive },
      ],
    });
    await ask(4);
    s = await summary(now, 'TA', choiceId);
    expect(s).toMatchObject({
      requestsPending: 5,
      waiting: 5,
      waitingReasons: [{ reason: 'awaiting-answer', people: 5 }],
    });
  });

  test('another workspace with the same people and channel counts only its own', async () => {
    const programmes = await db
      .selectFrom('mentorship_programmes')
      .select('id')
      .where('workspace_id', '=', 'TB')
      .execute();
    const s = await summary(now, 'TB', programmes[0]!.id);
    expect(s).toMatchObject({ signedUp: fewerThanFive, waiting: fewerThanFive, matched: fewerThanFive });
  });
});

describe('a person’s own mentorship', () => {
  test('check-ins come every two weeks from the start, and stop at the cycle’s end', () => {
    expect(nextMentorshipCheckin(now, days(1), days(90))).toEqual(days(14));
    expect(nextMentorshipCheckin(now, days(14), days(90))).toEqual(days(28));
    expect(nextMentorshipCheckin(now, days(85), days(90))).toBeNull();
    // A check-in falling on the cycle's last day is not sent: the cycle is over by then.
    expect(nextMentorshipCheckin(now, days(80), days(84))).toBeNull();
  });

  test('a mentee sees their mentor, their goals, the next check-in and the cycle’s end', async () => {
    const me = await mentorshipOfPerson(db, { workspaceId: 'TA', userId: 'U0R01', now: days(3) });
    const cohort = me.programmes.find((p) => p.programmeId === cohortId);
    expect(cohort).toMatchObject({
      role: 'mentee',
      goals: 'goals of U0R01',
      mentees: [],
      mentor: { goals: 'goals of U0R01', nextCheckinAt: days(14), endsAt: new Date('2027-06-10T12:00:00Z') },
    });
    expect(mentors).toContain(cohort?.mentor?.userId);
    // Open to join: programmes they are not in whose sign-up has not closed.
    expect(me.open.map((p) => p.programmeId)).toEqual([openId]);
    const before = await mentorshipOfPerson(db, { workspaceId: 'TA', userId: 'U0R01', now });
    expect(before.open.map((p) => p.programmeId)).toEqual([closedId, openId]);
  });

  test('a mentor sees each mentee with the mentee’s goals', async () => {
    const pair = await db
      .selectFrom('mentorship_pairs')
      .select(['mentor_id', 'mentee_id', 'id'])
      .where('workspace_id', '=', 'TA')
      .where('programme_id', '=', cohortId)
      .where('mentee_id', '=', 'U0R02')
      .executeTakeFirstOrThrow();
    const me = await mentorshipOfPerson(db, { workspaceId: 'TA', userId: pair.mentor_id, now: days(3) });
    const cohort = me.programmes.find((p) => p.programmeId === cohortId);
    expect(cohort).toMatchObject({
      role: 'mentor',
      mentor: null,
      mentees: [{ pairId: pair.id, userId: 'U0R02', goals: 'goals of U0R02', nextCheckinAt: days(14) }],
      openRequests: [],
      canRequest: false,
    });
  });

  test('in mentee choice, a mentee sees the requests still open, never a decline', async () => {
    const me = async () =>
      (await mentorshipOfPerson(db, { workspaceId: 'TA', userId: 'U0R01', now })).programmes.find(
        (p) => p.programmeId === choiceId,
      );
    expect(await me()).toMatchObject({
      mentor: null,
      canRequest: true,
      openRequests: [{ mentorId: 'U0M01', state: 'open' }],
    });
    const asked = await requestMentor(db, {
      workspaceId: 'TA',
      programmeId: choiceId,
      menteeId: 'U0R01',
      mentorId: 'U0M02',
      now,
    });
    if (!asked.ok) throw new Error(asked.refused);
    await answerRequest(db, {
      workspaceId: 'TA',
      requestId: asked.requestId,
      mentorId: 'U0M02',
      answer: 'decline',
      now,
    });
    expect((await me())?.openRequests.map((r) => r.mentorId)).toEqual(['U0M01']);
  });

  test('someone in no programme sees only the ones open to join; another workspace sees none of these', async () => {
    const outsider = await mentorshipOfPerson(db, { workspaceId: 'TA', userId: 'U0OUT', now });
    expect(outsider.programmes).toEqual([]);
    expect(outsider.open.map((p) => p.channelId)).toEqual(['C0CHOICE', 'C0CLOSED', 'C0COHORT', 'C0OPEN']);
    const elsewhere = await mentorshipOfPerson(db, { workspaceId: 'TB', userId: 'U0R02', now });
    expect(elsewhere.programmes).toEqual([]);
    const tbMentee = await mentorshipOfPerson(db, { workspaceId: 'TB', userId: 'U0R01', now });
    expect(tbMentee.programmes).toMatchObject([{ channelId: 'C0COHORT', role: 'mentee', mentor: null }]);
    expect(tbMentee.open).toEqual([]);
  });
});
