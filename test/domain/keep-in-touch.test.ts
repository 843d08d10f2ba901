import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import {
  addKeepInTouchContact,
  changeContactTimer,
  keepInTouchOverview,
  optOutOfKeepInTouch,
} from '../../src/domain/keep-in-touch/contacts.ts';
import {
  answerFollowUpPrompt,
  promptToSend,
  recordPromptSent,
  releasePrompt,
} from '../../src/domain/keep-in-touch/follow-up-prompts.ts';
import { reconnectToSend, recordReconnectSent, releaseReconnect } from '../../src/domain/keep-in-touch/reconnect.ts';
import { sweepKeepInTouch } from '../../src/domain/keep-in-touch/sweep.ts';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { answerCheckin, recordCheckinSent } from '../../src/domain/mentorship/checkins.ts';
import { findScheduledWork } from '../../src/domain/schedules/scheduled-work.ts';
import { createMigratedDatabase, seedMembers, seedWorkspaceSpec } from '../support/domain-db.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { approveNextCycle, signUp, startProgramme } from '../support/mentorship-programme.ts';
import { insertProgrammeRow } from '../support/programme-row.ts';

let db: Db;
const t0 = new Date('2027-03-10T12:00:00Z');
const day = 24 * 3600 * 1000;
const at = (days: number) => new Date(t0.getTime() + days * day);
/** The day a job queued at `at(days)` carries. */
const dayOf = (days: number) => at(days).toISOString().slice(0, 10);

beforeAll(async () => {
  db = await createMigratedDatabase();
  // Two workspaces with the same people and the same user IDs; U0ONLYB is a member of TB only.
  await seedWorkspaceSpec(db, kudosWorkspace('TA'), t0);
  await seedWorkspaceSpec(db, kudosWorkspace('TB'), t0);
  await seedMembers(db, 'TB', ['U0ONLYB']);
});
afterAll(async () => {
  await db?.destroy();
});

const contactsOf = async (workspaceId: string, ownerId: string) =>
  await db
    .selectFrom('keep_in_touch_contacts')
    .select(['contact_id', 'cadence_weeks'])
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', ownerId)
    .orderBy('contact_id')
    .execute();

async function acceptedLearning(workspaceId: string, askerId: string, expertId: string, when: Date) {
  await db
    .insertInto('learning_requests')
    .values({
      workspace_id: workspaceId,
      asker_id: askerId,
      expert_id: expertId,
      skill: 'Rust',
      skill_key: 'rust',
      kind: 'learn',
      status: 'accepted',
      requested_at: when,
      answered_at: when,
    })
    .execute();
}

describe('adding a contact', () => {
  test('yourself, a bot, someone who left, an id of another workspace, a bad cadence: refused, nothing saved', async () => {
    const add = (contactId: string, cadenceWeeks = 4) =>
      addKeepInTouchContact(db, { workspaceId: 'TA', ownerId: 'U0P10', contactId, cadenceWeeks, now: t0 });
    expect(await add('U0P10')).toEqual({ ok: false, refused: 'self' });
    expect(await add('U0ROBOT')).toEqual({ ok: false, refused: 'bot' });
    expect(await add('U0GONE')).toEqual({ ok: false, refused: 'left' });
    expect(await add('U0ONLYB')).toEqual({ ok: false, refused: 'not_member' });
    expect(await add('U0P11', 3)).toEqual({ ok: false, refused: 'bad_cadence' });
    expect(await contactsOf('TA', 'U0P10')).toEqual([]);
    const person = await db
      .selectFrom('keep_in_touch_people')
      .selectAll()
      .where('workspace_id', '=', 'TA')
      .where('user_id', '=', 'U0P10')
      .executeTakeFirst();
    expect(person).toBeUndefined();
  });

  test('a colleague is added and opts the owner in; the same ids in another workspace see nothing', async () => {
    expect(
      await addKeepInTouchContact(db, {
        workspaceId: 'TA',
        ownerId: 'U0P10',
        contactId: 'U0P11',
        cadenceWeeks: 4,
        now: t0,
      }),
    ).toEqual({ ok: true });
    expect(await contactsOf('TA', 'U0P10')).toEqual([{ contact_id: 'U0P11', cadence_weeks: 4 }]);
    expect((await keepInTouchOverview(db, { workspaceId: 'TA', userId: 'U0P10' })).contacts).toHaveLength(1);
    expect(await keepInTouchOverview(db, { workspaceId: 'TB', userId: 'U0P10' })).toEqual({
      optedOut: false,
      contacts: [],
    });
  });
});

describe('the follow-up prompt', () => {
  test('a day after an accepted learning request, once per person and partner, in its own workspace only', async () => {
    await acceptedLearning('TA', 'U0ALEX', 'U0BEA', t0);
    expect((await sweepKeepInTouch(db, { workspaceId: 'TA', now: at(0.5) })).prompts).toEqual([]);
    const owed = (await sweepKeepInTouch(db, { workspaceId: 'TA', now: at(1.1) })).prompts;
    expect(owed).toHaveLength(2);
    expect((await sweepKeepInTouch(db, { workspaceId: 'TA', now: at(1.2) })).prompts).toEqual(owed);
    expect((await sweepKeepInTouch(db, { workspaceId: 'TB', now: at(1.2) })).prompts).toEqual([]);
    const sends = await Promise.all(
      owed.map((promptId) => promptToSend(db, { workspaceId: 'TA', promptId, day: dayOf(1.1), now: at(1.1) })),
    );
    expect(sends.map((s) => ('userId' in s ? `${s.userId}->${s.partnerId}` : s.skipped)).sort()).toEqual([
      'U0ALEX->U0BEA',
      'U0BEA->U0ALEX',
    ]);
    // A second meeting of the same two never prompts again.
    await acceptedLearning('TA', 'U0BEA', 'U0ALEX', at(2));
    expect((await sweepKeepInTouch(db, { workspaceId: 'TA', now: at(3.1) })).prompts).toHaveLength(2);
    const count = await db
      .selectFrom('keep_in_touch_prompts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', 'TA')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  test('a cadence adds the partner, once; someone already a contact is never asked about', async () => {
    const [promptId] = (await sweepKeepInTouch(db, { workspaceId: 'TA', now: at(1.1) })).prompts;
    const prompt = await db
      .selectFrom('keep_in_touch_prompts')
      .selectAll()
      .where('workspace_id', '=', 'TA')
      .where('id', '=', promptId!)
      .executeTakeFirstOrThrow();
    const answer = (userId: string) =>
      answerFollowUpPrompt(db, {
        workspaceId: 'TA',
        promptId: prompt.id,
        userId,
        choice: { cadenceWeeks: 2 },
        now: at(1.2),
      });
    expect(await answer(prompt.partner_id)).toEqual({ ok: false, refused: 'not_found' });
    expect(await answer(prompt.user_id)).toMatchObject({ ok: true, partnerId: prompt.partner_id });
    expect(await answer(prompt.user_id)).toEqual({ ok: false, refused: 'answered' });
    expect(await contactsOf('TA', prompt.user_id)).toEqual([{ contact_id: prompt.partner_id, cadence_weeks: 2 }]);
  });

  test('never about someone already a contact, nor with someone who left', async () => {
    // U0P10 keeps in touch with U0P11 already; U0GONE left.
    await acceptedLearning('TA', 'U0P10', 'U0P11', at(4));
    await acceptedLearning('TA', 'U0P12', 'U0GONE', at(4));
    await sweepKeepInTouch(db, { workspaceId: 'TA', now: at(5.1) });
    const asked = await db
      .selectFrom('keep_in_touch_prompts')
      .select(['user_id', 'partner_id'])
      .where('workspace_id', '=', 'TA')
      .where('met_at', '=', at(4))
      .execute();
    expect(asked).toEqual([{ user_id: 'U0P11', partner_id: 'U0P10' }]);
  });
});

describe('the weekly reconnect', () => {
  test('a kudos between the two restarts the timer', async () => {
    await addKeepInTouchContact(db, {
      workspaceId: 'TA',
      ownerId: 'U0P00',
      contactId: 'U0P01',
      cadenceWeeks: 2,
      now: t0,
    });
    const overdue = async (now: Date) =>
      (await sweepKeepInTouch(db, { workspaceId: 'TA', now })).reconnects.some((r) => r.userId === 'U0P00');
    expect(await overdue(at(15))).toBe(true);
    const gift = await giveKudos(db, {
      workspaceId: 'TA',
      giverId: 'U0P01',
      recipientIds: ['U0P00'],
      reason: 'for the review',
      tags: [],
      channelId: 'C0TEAM',
      source: 'command',
      requestKey: 'kit-kudos',
      messageLink: null,
      now: at(10),
    });
    expect(gift.ok).toBe(true);
    expect(await overdue(at(15))).toBe(false);
    expect(await overdue(at(25))).toBe(true);
  });

  test('up to three, longest overdue first, away people left out, at most once a week, none after opting out', async () => {
    const owner = 'U0P02';
    for (const [contactId, added] of [
      ['U0P03', 5],
      ['U0P04', 1],
      ['U0P05', 3],
      ['U0P06', 2],
      ['U0P07', 4],
    ] as const)
      await addKeepInTouchContact(db, {
        workspaceId: 'TA',
        ownerId: owner,
        contactId,
        cadenceWeeks: 1,
        now: at(added),
      });
    await db
      .updateTable('members')
      .set({ status_text: 'On vacation', status_emoji: ':palm_tree:', status_expiration: at(60) })
      .where('workspace_id', '=', 'TA')
      .where('user_id', '=', 'U0P06')
      .execute();
    const due = await reconnectToSend(db, { workspaceId: 'TA', userId: owner, since: 0, day: dayOf(20), now: at(20) });
    expect(due).toEqual({
      contacts: ['U0P04', 'U0P05', 'U0P07'].map((contactId) => expect.objectContaining({ contactId })),
    });
    expect(await recordReconnectSent(db, { workspaceId: 'TA', userId: owner, since: 0, now: at(20) })).toBe(true);
    // Recorded: the same DM is not owed again, and the next one waits a week.
    expect(
      await reconnectToSend(db, { workspaceId: 'TA', userId: owner, since: 0, day: dayOf(20), now: at(20) }),
    ).toEqual({
      skipped: 'already sent',
    });
    const reconnects = async (now: Date) =>
      (await sweepKeepInTouch(db, { workspaceId: 'TA', now })).reconnects.filter((r) => r.userId === owner);
    expect(await reconnects(at(26))).toEqual([]);
    expect(await reconnects(at(27))).toEqual([{ userId: owner, since: at(20).getTime() }]);
    // Snooze and done take a contact off the list.
    await changeContactTimer(db, {
      workspaceId: 'TA',
      ownerId: owner,
      contactId: 'U0P04',
      change: 'snooze',
      now: at(27),
    });
    await changeContactTimer(db, {
      workspaceId: 'TA',
      ownerId: owner,
      contactId: 'U0P05',
      change: 'done',
      now: at(27),
    });
    const next = await reconnectToSend(db, {
      workspaceId: 'TA',
      userId: owner,
      since: at(20).getTime(),
      day: dayOf(27),
      now: at(27),
    });
    expect(next).toEqual({ contacts: ['U0P07', 'U0P03'].map((contactId) => expect.objectContaining({ contactId })) });
    // The same ids in another workspace owe nothing.
    expect((await sweepKeepInTouch(db, { workspaceId: 'TB', now: at(27) })).reconnects).toEqual([]);
    await optOutOfKeepInTouch(db, { workspaceId: 'TA', userId: owner, now: at(27) });
    expect(await reconnects(at(40))).toEqual([]);
  });
});

describe('mentorship', () => {
  test("a pair's first recorded meeting is followed up; a later meeting restarts the timer", async () => {
    const programme = await startProgramme(db, 'TA', at(30), {}, 'C0KIT');
    await signUp(db, 'TA', programme, 'U0P13', at(30), { role: 'mentor', teaches: ['Rust'], capacity: 1 });
    await signUp(db, 'TA', programme, 'U0P14', at(30));
    const pairId = (await approveNextCycle(db, 'TA', programme, at(30))).get('U0P14')!;
    const met = async (number: number, when: Date) => {
      for (const userId of ['U0P13', 'U0P14'])
        await recordCheckinSent(db, { workspaceId: 'TA', pairId, userId, number, now: when });
      const answered = await answerCheckin(db, {
        workspaceId: 'TA',
        pairId,
        number,
        userId: 'U0P14',
        answer: { met: true },
        now: when,
      });
      expect(answered.ok).toBe(true);
    };
    await met(1, at(44));
    await sweepKeepInTouch(db, { workspaceId: 'TA', now: at(45.1) });
    const prompts = await db
      .selectFrom('keep_in_touch_prompts')
      .select(['user_id', 'partner_id', 'source'])
      .where('workspace_id', '=', 'TA')
      .where('source', '=', 'mentorship')
      .orderBy('user_id')
      .execute();
    expect(prompts).toEqual([
      { user_id: 'U0P13', partner_id: 'U0P14', source: 'mentorship' },
      { user_id: 'U0P14', partner_id: 'U0P13', source: 'mentorship' },
    ]);
    // The mentee keeps in touch every 2 weeks from day 45; a check-in recording a meeting on day 59 moves it to day 73.
    await addKeepInTouchContact(db, {
      workspaceId: 'TA',
      ownerId: 'U0P14',
      contactId: 'U0P13',
      cadenceWeeks: 2,
      now: at(45),
    });
    await met(2, at(59));
    const owed = async (now: Date) =>
      (await sweepKeepInTouch(db, { workspaceId: 'TA', now })).reconnects.some((r) => r.userId === 'U0P14');
    expect(await owed(at(60))).toBe(false);
    expect(await owed(at(72))).toBe(false);
    expect(await owed(at(74))).toBe(true);
  });
});

describe('a learning intro', () => {
  test('between the two restarts the timer, whoever asked whom', async () => {
    await addKeepInTouchContact(db, {
      workspaceId: 'TA',
      ownerId: 'U0P15',
      contactId: 'U0P16',
      cadenceWeeks: 1,
      now: at(80),
    });
    await acceptedLearning('TA', 'U0P16', 'U0P15', at(85));
    const owed = async (now: Date) =>
      (await sweepKeepInTouch(db, { workspaceId: 'TA', now })).reconnects.some((r) => r.userId === 'U0P15');
    expect(await owed(at(88))).toBe(false);
    expect(await owed(at(93))).toBe(true);
  });
});

describe('pairing', () => {
  async function deliveredGroup(members: string[], when: Date): Promise<string> {
    const programmeId = await insertProgrammeRow(db, {
      workspaceId: 'TA',
      channelId: `C0KIT${members.length}${when.getTime() % 1000}`,
      createdAt: when,
    });
    const round = await db
      .insertInto('rounds')
      .values({
        workspace_id: 'TA',
        programme_id: programmeId,
        round_date: when.toISOString().slice(0, 10),
        number: 1,
        status: 'delivered',
        seed: 's',
        checkin_at: when,
        close_at: when,
        approved_by: null,
        created_at: when,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const group = await db
      .insertInto('round_groups')
      .values({
        workspace_id: 'TA',
        round_id: round.id,
        members,
        why: 'new faces',
        deliver_at: when,
        status: 'delivered',
        rescue_of: null,
        conversation_id: 'G0KIT',
        intro_ts: '1.2',
        delivered_at: when,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return group.id;
  }

  test('a trio whose check-in one of them answered "met": each is asked about each partner', async () => {
    const groupId = await deliveredGroup(['U0P17', 'U0P18', 'U0P19'], at(100));
    await db
      .insertInto('round_checkins')
      .values({ workspace_id: 'TA', group_id: groupId, user_id: 'U0P18', answer: 'met', answered_at: at(100.5) })
      .execute();
    await sweepKeepInTouch(db, { workspaceId: 'TA', now: at(101.6) });
    const asked = await db
      .selectFrom('keep_in_touch_prompts')
      .select(['user_id', 'partner_id'])
      .where('workspace_id', '=', 'TA')
      .where('source', '=', 'pairing')
      .orderBy('user_id')
      .orderBy('partner_id')
      .execute();
    expect(asked.map((a) => `${a.user_id}->${a.partner_id}`)).toEqual([
      'U0P17->U0P18',
      'U0P17->U0P19',
      'U0P18->U0P17',
      'U0P18->U0P19',
      'U0P19->U0P17',
      'U0P19->U0P18',
    ]);
  });

  test('a new group holding both restarts the timer', async () => {
    await addKeepInTouchContact(db, {
      workspaceId: 'TA',
      ownerId: 'U0P20',
      contactId: 'U0P21',
      cadenceWeeks: 1,
      now: at(101),
    });
    await deliveredGroup(['U0P21', 'U0P20'], at(105));
    const owed = async (now: Date) =>
      (await sweepKeepInTouch(db, { workspaceId: 'TA', now })).reconnects.some((r) => r.userId === 'U0P20');
    expect(await owed(at(109))).toBe(false);
    expect(await owed(at(113))).toBe(true);
  });
});

describe('the hourly sweep', () => {
  test('is scheduled for workspaces with a meeting to follow up or a keep-in-touch list, not for the others', async () => {
    expect((await findScheduledWork(db)).keepInTouch).toEqual(['TA']);
  });
});

describe('jobs of several days at once (the clock jumped)', () => {
  test('the weekly reconnect is claimed by one; a failed post gives it back to a later day; once sent, by none', async () => {
    const owner = 'U0P08';
    await addKeepInTouchContact(db, {
      workspaceId: 'TA',
      ownerId: owner,
      contactId: 'U0P09',
      cadenceWeeks: 1,
      now: at(100),
    });
    const job = (days: number) =>
      reconnectToSend(db, { workspaceId: 'TA', userId: owner, since: 0, day: dayOf(days), now: at(days) });
    const both = await Promise.all([job(108), job(109)]);
    const outcomes = both.map((d) => ('contacts' in d ? 'post' : d.skipped));
    expect(outcomes.sort()).toEqual(['being sent by another job', 'post']);
    const winner = 'contacts' in both[0]! ? 108 : 109;
    const loser = winner === 108 ? 109 : 108;
    // The claimant's retry may post; the other day's job still may not.
    expect(await job(winner)).toEqual({ contacts: [expect.objectContaining({ contactId: 'U0P09' })] });
    expect(await job(loser)).toEqual({ skipped: 'being sent by another job' });
    await releaseReconnect(db, { workspaceId: 'TA', userId: owner, day: dayOf(winner) });
    expect(await job(loser)).toEqual({ contacts: [expect.objectContaining({ contactId: 'U0P09' })] });
    expect(await recordReconnectSent(db, { workspaceId: 'TA', userId: owner, since: 0, now: at(loser) })).toBe(true);
    expect(await job(winner)).toEqual({ skipped: 'already sent' });
    expect(await job(110)).toEqual({ skipped: 'already sent' });
  });

  test('a follow-up prompt is claimed by one; a failed post gives it back to a later day; once sent, by none', async () => {
    await acceptedLearning('TA', 'U0P22', 'U0P23', at(100));
    await sweepKeepInTouch(db, { workspaceId: 'TA', now: at(101.1) });
    const { id: promptId } = await db
      .selectFrom('keep_in_touch_prompts')
      .select('id')
      .where('workspace_id', '=', 'TA')
      .where('user_id', '=', 'U0P22')
      .executeTakeFirstOrThrow();
    const job = (days: number) => promptToSend(db, { workspaceId: 'TA', promptId, day: dayOf(days), now: at(days) });
    const both = await Promise.all([job(102), job(103)]);
    const outcomes = both.map((d) => ('userId' in d ? 'post' : d.skipped));
    expect(outcomes.sort()).toEqual(['being sent by another job', 'post']);
    const winner = 'userId' in both[0]! ? 102 : 103;
    const loser = winner === 102 ? 103 : 102;
    expect(await job(winner)).toMatchObject({ promptId, userId: 'U0P22', partnerId: 'U0P23' });
    expect(await job(loser)).toEqual({ skipped: 'being sent by another job' });
    await releasePrompt(db, { workspaceId: 'TA', promptId, day: dayOf(winner) });
    expect(await job(loser)).toMatchObject({ promptId, userId: 'U0P22' });
    await recordPromptSent(db, { workspaceId: 'TA', promptId, now: at(loser) });
    expect(await job(winner)).toEqual({ skipped: 'already sent or settled' });
  });
});
