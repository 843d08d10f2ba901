import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { answerRequest } from '../../src/domain/mentorship/answer-request.ts';
import { expireRequests } from '../../src/domain/mentorship/expire-requests.ts';
import { menteeRequests, requestMentor } from '../../src/domain/mentorship/requests.ts';
import { suggestMentors } from '../../src/domain/mentorship/suggest-mentors.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';
import { activePairs, signUp, startProgramme } from '../support/mentorship-programme.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
const mentees = ['U0M1', 'U0M2', 'U0M3', 'U0M4', 'U0M5', 'U0M6', 'U0M7', 'U0M8'];
const mentors = ['U0T1', 'U0T2', 'U0T3', 'U0T4', 'U0T5'];

beforeAll(async () => {
  db = await createMigratedDatabase();
  // TC holds only the expiry test's requests, since expiry sweeps a whole workspace.
  for (const id of ['TA', 'TB', 'TC']) {
    await seedWorkspace(db, { id, now });
    await seedMembers(db, id, [...mentees, ...mentors]);
  }
});
afterAll(async () => {
  await db?.destroy();
});

/** A mentee-choice programme in its own channel: mentors T1..T5 teach Rust (T1 takes `firstCapacity`), mentees learn it. */
async function choiceProgramme(workspaceId: string, channelId: string, firstCapacity = 2): Promise<string> {
  const id = await startProgramme(db, workspaceId, now, { matchingMode: 'choice', maxCapacity: 5 }, channelId);
  for (const [i, mentor] of mentors.entries()) {
    await signUp(db, workspaceId, id, mentor, now, {
      role: 'mentor',
      teaches: i === 0 ? ['Rust'] : ['Rust', 'Go'].slice(0, 1 + (i % 2)),
      capacity: i === 0 ? firstCapacity : 1,
    });
  }
  for (const mentee of mentees) await signUp(db, workspaceId, id, mentee, now, { learns: ['Rust'] });
  return id;
}

async function ask(workspaceId: string, programmeId: string, menteeId: string, mentorId: string, at = now) {
  const asked = await requestMentor(db, { workspaceId, programmeId, menteeId, mentorId, now: at });
  if (!asked.ok) throw new Error(`request refused: ${asked.refused}`);
  return asked.requestId;
}

describe('accepting', () => {
  test('eight accepts racing for a mentor with two seats leave exactly two pairs', async () => {
    const programmeId = await choiceProgramme('TA', 'C0RACE', 2);
    const requestIds = [];
    for (const mentee of mentees) requestIds.push(await ask('TA', programmeId, mentee, 'U0T1'));
    // Each answer runs in its own transaction on its own pooled connection.
    const answers = await Promise.all(
      requestIds.map((requestId) =>
        answerRequest(db, { workspaceId: 'TA', requestId, mentorId: 'U0T1', answer: 'accept', now: hours(1) }),
      ),
    );
    expect(answers.filter((a) => a.ok && a.outcome === 'accepted')).toHaveLength(2);
    expect(answers.filter((a) => !a.ok && a.refused === 'full')).toHaveLength(6);
    const pairs = await activePairs(db, 'TA', programmeId);
    expect(pairs).toHaveLength(2);
    expect(pairs.every(([mentor]) => mentor === 'U0T1')).toBe(true);
  });

  test('a double-clicked Accept records one pair', async () => {
    const programmeId = await choiceProgramme('TA', 'C0DOUBLE');
    const requestId = await ask('TA', programmeId, 'U0M1', 'U0T2');
    const otherId = await ask('TA', programmeId, 'U0M1', 'U0T3');
    const clicks = await Promise.all([
      answerRequest(db, { workspaceId: 'TA', requestId, mentorId: 'U0T2', answer: 'accept', now: hours(1) }),
      answerRequest(db, { workspaceId: 'TA', requestId, mentorId: 'U0T2', answer: 'accept', now: hours(1) }),
    ]);
    expect(clicks.map((c) => c.ok && c.outcome === 'accepted' && c.duplicate).sort()).toEqual([false, true]);
    expect(await activePairs(db, 'TA', programmeId)).toEqual([['U0T2', 'U0M1']]);
    // With a mentor, the mentee's other open request closes.
    expect(
      await answerRequest(db, { workspaceId: 'TA', requestId: otherId, mentorId: 'U0T3', answer: 'accept', now }),
    ).toEqual({ ok: false, refused: 'no_longer_open' });
    expect(await activePairs(db, 'TA', programmeId)).toEqual([['U0T2', 'U0M1']]);
  });

  test('only the mentor asked may answer', async () => {
    const programmeId = await choiceProgramme('TA', 'C0WHO');
    const requestId = await ask('TA', programmeId, 'U0M1', 'U0T2');
    for (const someone of ['U0M1', 'U0T3']) {
      expect(
        await answerRequest(db, { workspaceId: 'TA', requestId, mentorId: someone, answer: 'accept', now }),
      ).toEqual({ ok: false, refused: 'not_found' });
    }
    expect(await activePairs(db, 'TA', programmeId)).toEqual([]);
  });
});

describe('asking', () => {
  test('a mentee holds at most three open requests, never to themselves, only to a mentor with a free seat', async () => {
    const programmeId = await choiceProgramme('TA', 'C0ASK', 1);
    // T1's only seat goes to M8.
    const seat = await ask('TA', programmeId, 'U0M8', 'U0T1');
    await answerRequest(db, { workspaceId: 'TA', requestId: seat, mentorId: 'U0T1', answer: 'accept', now });

    expect(
      await requestMentor(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M1', mentorId: 'U0T1', now }),
    ).toEqual({ ok: false, refused: 'mentor_unavailable' });
    expect(
      await requestMentor(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M1', mentorId: 'U0M1', now }),
    ).toEqual({ ok: false, refused: 'self' });
    const first = await ask('TA', programmeId, 'U0M1', 'U0T2');
    await ask('TA', programmeId, 'U0M1', 'U0T3');
    await ask('TA', programmeId, 'U0M1', 'U0T4');
    expect(
      await requestMentor(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M1', mentorId: 'U0T5', now }),
    ).toEqual({ ok: false, refused: 'too_many_open' });
    // Asking the same mentor again is the same request.
    expect(
      await requestMentor(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M1', mentorId: 'U0T2', now }),
    ).toEqual({ ok: true, requestId: first, duplicate: true });
    const view = await menteeRequests(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M1' });
    expect(view).toMatchObject({ open: 3, canRequest: false });
  });

  test('four requests at once from one mentee leave three open', async () => {
    const programmeId = await choiceProgramme('TA', 'C0ASKRACE');
    const results = await Promise.all(
      ['U0T2', 'U0T3', 'U0T4', 'U0T5'].map((mentorId) =>
        requestMentor(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M2', mentorId, now }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.refused === 'too_many_open')).toHaveLength(1);
  });

  test('suggestions are the top three mentors with a free seat', async () => {
    const programmeId = await choiceProgramme('TA', 'C0SUGGEST', 1);
    const seat = await ask('TA', programmeId, 'U0M8', 'U0T1');
    await answerRequest(db, { workspaceId: 'TA', requestId: seat, mentorId: 'U0T1', answer: 'accept', now });
    const suggested = await suggestMentors(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M1', now });
    if (!suggested.ok) throw new Error(suggested.refused);
    expect(suggested.mentors).toHaveLength(3);
    expect(suggested.mentors.map((m) => m.mentor)).not.toContain('U0T1');
    expect(await suggestMentors(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M8', now })).toEqual({
      ok: false,
      refused: 'already_matched',
    });
  });
});

describe('declining', () => {
  test('a decline is recorded, and the mentee only sees the request as no longer open', async () => {
    const programmeId = await choiceProgramme('TA', 'C0DECLINE');
    const before = await suggestMentors(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M3', now });
    if (!before.ok) throw new Error(before.refused);
    const declining = before.mentors[0]!.mentor;
    const requestId = await ask('TA', programmeId, 'U0M3', declining);
    expect(
      await answerRequest(db, { workspaceId: 'TA', requestId, mentorId: declining, answer: 'decline', now: hours(2) }),
    ).toEqual({ ok: true, outcome: 'declined', menteeId: 'U0M3', duplicate: false });

    const stored = await db
      .selectFrom('mentorship_requests')
      .select('status')
      .where('workspace_id', '=', 'TA')
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('declined');

    const view = await menteeRequests(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M3' });
    expect(view.requests.map((r) => [r.mentorId, r.state])).toEqual([[declining, 'closed']]);
    expect(view).toMatchObject({ open: 0, canRequest: true });
    expect(JSON.stringify(view)).not.toMatch(/declin/i);

    // The next suggestion takes its place; asking again is refused just as for a full mentor.
    const after = await suggestMentors(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M3', now: hours(2) });
    if (!after.ok) throw new Error(after.refused);
    expect(after.mentors.map((m) => m.mentor)).not.toContain(declining);
    expect(after.mentors).toHaveLength(3);
    expect(
      await requestMentor(db, { workspaceId: 'TA', programmeId, menteeId: 'U0M3', mentorId: declining, now }),
    ).toEqual({ ok: false, refused: 'mentor_unavailable' });
  });
});

describe('expiry', () => {
  test('requests unanswered for 72 hours expire and their mentees are offered the next suggestion once', async () => {
    const programmeId = await choiceProgramme('TC', 'C0EXPIRE');
    await ask('TC', programmeId, 'U0M4', 'U0T2');
    await ask('TC', programmeId, 'U0M4', 'U0T3');
    await ask('TC', programmeId, 'U0M5', 'U0T4');
    const answeredLater = await ask('TC', programmeId, 'U0M6', 'U0T5');
    const fresh = await ask('TC', programmeId, 'U0M7', 'U0T2', hours(10));
    await answerRequest(db, {
      workspaceId: 'TC',
      requestId: answeredLater,
      mentorId: 'U0T5',
      answer: 'accept',
      now: hours(1),
    });

    expect(await expireRequests(db, { workspaceId: 'TC', now: hours(71) })).toEqual({ expired: 0, offerNext: [] });
    expect(await expireRequests(db, { workspaceId: 'TC', now: hours(72) })).toEqual({
      expired: 3,
      offerNext: [
        { programmeId, menteeId: 'U0M4' },
        { programmeId, menteeId: 'U0M5' },
      ],
    });
    expect(await expireRequests(db, { workspaceId: 'TC', now: hours(72) })).toEqual({ expired: 0, offerNext: [] });
    const view = await menteeRequests(db, { workspaceId: 'TC', programmeId, menteeId: 'U0M4' });
    expect(view.requests.map((r) => r.state)).toEqual(['closed', 'closed']);
    expect(
      await answerRequest(db, {
        workspaceId: 'TC',
        requestId: fresh,
        mentorId: 'U0T2',
        answer: 'accept',
        now: hours(73),
      }),
    ).toMatchObject({ ok: true, outcome: 'accepted' });
  });
});

describe('workspace isolation', () => {
  test('the same people and channel in two workspaces never see each other’s requests or pairs', async () => {
    const programmeA = await choiceProgramme('TA', 'C0TWIN');
    const programmeB = await choiceProgramme('TB', 'C0TWIN');
    const requestA = await ask('TA', programmeA, 'U0M1', 'U0T2');

    expect(
      (await menteeRequests(db, { workspaceId: 'TB', programmeId: programmeB, menteeId: 'U0M1' })).requests,
    ).toEqual([]);
    // TA's request id means nothing in TB, and TA's programme id cannot be asked through TB.
    expect(
      await answerRequest(db, { workspaceId: 'TB', requestId: requestA, mentorId: 'U0T2', answer: 'accept', now }),
    ).toEqual({ ok: false, refused: 'not_found' });
    expect(
      await requestMentor(db, { workspaceId: 'TB', programmeId: programmeA, menteeId: 'U0M1', mentorId: 'U0T3', now }),
    ).toEqual({ ok: false, refused: 'no_programme' });
    // Expiring TB leaves TA's open request alone.
    expect(await expireRequests(db, { workspaceId: 'TB', now: hours(100) })).toEqual({ expired: 0, offerNext: [] });
    expect((await menteeRequests(db, { workspaceId: 'TA', programmeId: programmeA, menteeId: 'U0M1' })).open).toBe(1);
    // A pair in TA does not take a seat in TB.
    await answerRequest(db, { workspaceId: 'TA', requestId: requestA, mentorId: 'U0T2', answer: 'accept', now });
    const requestB = await ask('TB', programmeB, 'U0M2', 'U0T2');
    expect(
      await answerRequest(db, { workspaceId: 'TB', requestId: requestB, mentorId: 'U0T2', answer: 'accept', now }),
    ).toMatchObject({ ok: true, outcome: 'accepted' });
    expect(await activePairs(db, 'TA', programmeA)).toEqual([['U0T2', 'U0M1']]);
    expect(await activePairs(db, 'TB', programmeB)).toEqual([['U0T2', 'U0M2']]);
  });
});
