import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { findRoundGroups } from '../../src/db/queries/pairing.ts';
import { applyUserChange } from '../../src/domain/directory/apply-user-change.ts';
import { updateAwayMarkers } from '../../src/domain/directory/update-away-markers.ts';
import { expireLearningRequests } from '../../src/domain/learning/expire-learning-requests.ts';
import { planLearningHandoff } from '../../src/domain/learning/learning-handoff.ts';
import { requestLearning } from '../../src/domain/learning/request-learning.ts';
import { saveSkillProfile } from '../../src/domain/learning/save-skill-profile.ts';
import { expireRequests } from '../../src/domain/mentorship/expire-requests.ts';
import { planHandoff, requestsToRedrive } from '../../src/domain/mentorship/handoff.ts';
import { requestMentor } from '../../src/domain/mentorship/requests.ts';
import { suggestMentors } from '../../src/domain/mentorship/suggest-mentors.ts';
import { applyGhostStrikes } from '../../src/domain/pairing/ghosts.ts';
import { createProgramme } from '../../src/domain/pairing/programmes.ts';
import { recordIntroDelivered } from '../../src/domain/pairing/rounds.ts';
import { startRound } from '../../src/domain/pairing/start-round.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace, seedWorkspaceSpec } from '../support/domain-db.ts';
import { signUp, startProgramme } from '../support/mentorship-programme.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const backOn = new Date('2027-03-20T00:00:00Z');
const afterward = new Date('2027-03-22T12:00:00Z');
const people = ['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN', 'U0EVE', 'U0FAY', 'U0GUS', 'U0HAL'];

/** Sets a person's Slack status the way Slack reports it, through the directory's own user_change path. */
async function setStatus(workspaceId: string, userId: string, text: string, emoji: string, until: Date | null) {
  await applyUserChange(db, {
    workspaceId,
    now,
    user: {
      id: userId,
      team_id: workspaceId,
      name: userId,
      tz: 'Europe/London',
      profile: {
        real_name: userId,
        status_text: text,
        status_emoji: emoji,
        status_expiration: until ? until.getTime() / 1000 : 0,
      },
    },
  });
}

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const teamId of ['T0COFFEE', 'T0OTHER']) await seedWorkspaceSpec(db, pairingWorkspace(teamId), now);
});
afterAll(async () => {
  await db?.destroy();
});

async function roundMembers(workspaceId: string, roundDate: string, at: Date): Promise<string[]> {
  const { groups } = await makeRound(workspaceId, roundDate, at);
  return groups.flatMap((g) => g.members).sort();
}

async function makeRound(workspaceId: string, roundDate: string, at: Date) {
  const created = await createProgramme(db, {
    workspaceId,
    channelId: `C0${roundDate.replaceAll('-', '')}`,
    kind: 'coffee',
    hostUserId: null,
    createdBy: 'U0ADA',
    now: at,
  });
  if (!created.ok) throw new Error(`no programme: ${created.refusal}`);
  const started = await startRound(db, {
    workspaceId,
    programmeId: created.programme.id,
    roundDate,
    channelMemberIds: people,
    now: at,
  });
  if (!started.ok) throw new Error(`no round: ${started.reason}`);
  const groups = await findRoundGroups(db, workspaceId, started.round.id);
  return { round: started.round, groups };
}

describe('pairing rounds', () => {
  test('a person on holiday is in no group of the round, and is back once the status expires', async () => {
    await setStatus('T0COFFEE', 'U0BEN', 'Back on the 20th', ':palm_tree:', backOn);
    await setStatus('T0COFFEE', 'U0CAT', 'Out of office', '', backOn);

    expect(await roundMembers('T0COFFEE', '2027-03-11', now)).toEqual(
      people.filter((p) => p !== 'U0BEN' && p !== 'U0CAT'),
    );
    // The same people in another workspace, with no status there, all take part.
    expect(await roundMembers('T0OTHER', '2027-03-11', now)).toEqual([...people].sort());
    // The clock moves past the expiry before Slack's user_change clears the status: they are back.
    expect(await roundMembers('T0COFFEE', '2027-03-23', afterward)).toEqual([...people].sort());
  });

  test('silence at the check-in while away is no strike; the partner who was there and silent gets one', async () => {
    await seedWorkspaceSpec(db, pairingWorkspace('T0GHOST'), now);
    const { round, groups } = await makeRound('T0GHOST', '2027-03-11', now);
    for (const [i, group] of groups.entries()) {
      await recordIntroDelivered(
        db,
        { workspaceId: 'T0GHOST', roundId: round.id, groupId: group.id, conversationId: `D0${i}`, ts: `1.${i}` },
        now,
      );
    }
    const [first] = groups;
    const [awayOne, presentOne] = first!.members;
    await setStatus('T0GHOST', awayOne!, 'Vacation', ':palm_tree:', backOn);
    await applyGhostStrikes(db, { workspaceId: 'T0GHOST', roundId: round.id, now: new Date('2027-03-16T12:00:00Z') });
    const strikes = await db
      .selectFrom('programme_members')
      .select(['user_id', 'ghost_strikes'])
      .where('workspace_id', '=', 'T0GHOST')
      .where('user_id', 'in', [awayOne!, presentOne!])
      .execute();
    expect(Object.fromEntries(strikes.map((s) => [s.user_id, s.ghost_strikes]))).toEqual({ [presentOne!]: 1 });
  });
});

describe('mentorship', () => {
  const mentors = ['U0T1', 'U0T2', 'U0T3'];

  async function choiceProgramme(workspaceId: string): Promise<string> {
    const id = await startProgramme(db, workspaceId, now, { matchingMode: 'choice', maxCapacity: 5 }, 'C0MENTOR');
    for (const mentor of mentors) {
      await signUp(db, workspaceId, id, mentor, now, { role: 'mentor', teaches: ['Rust'], capacity: 2 });
    }
    await signUp(db, workspaceId, id, 'U0M1', now, { learns: ['Rust'] });
    return id;
  }

  test('a mentor on sick leave is neither suggested nor can be asked, until the status expires', async () => {
    for (const id of ['TM', 'TN']) {
      await seedWorkspace(db, { id, now });
      await seedMembers(db, id, [...mentors, 'U0M1']);
    }
    const inTm = await choiceProgramme('TM');
    const inTn = await choiceProgramme('TN');
    await setStatus('TM', 'U0T2', 'Sick', ':face_with_thermometer:', backOn);

    const suggested = async (workspaceId: string, programmeId: string, at: Date) => {
      const result = await suggestMentors(db, { workspaceId, programmeId, menteeId: 'U0M1', now: at });
      if (!result.ok) throw new Error(`no suggestions: ${result.refused}`);
      return result.mentors.map((m) => m.mentor).sort();
    };
    expect(await suggested('TM', inTm, now)).toEqual(['U0T1', 'U0T3']);
    expect(await suggested('TN', inTn, now)).toEqual(mentors);
    // Refused exactly like a full mentor, so the mentee learns nothing of the absence.
    expect(
      await requestMentor(db, { workspaceId: 'TM', programmeId: inTm, menteeId: 'U0M1', mentorId: 'U0T2', now }),
    ).toEqual({ ok: false, refused: 'mentor_unavailable' });

    expect(await suggested('TM', inTm, afterward)).toEqual(mentors);
    const asked = await requestMentor(db, {
      workspaceId: 'TM',
      programmeId: inTm,
      menteeId: 'U0M1',
      mentorId: 'U0T2',
      now: afterward,
    });
    expect(asked.ok).toBe(true);
  });
});

describe('open requests to someone who goes away', () => {
  const hour = 3_600_000;
  const later = new Date(now.getTime() + hour);

  test('a learning request to an expert who went away closes as expired, and the asker is handed on to someone not away', async () => {
    for (const id of ['TL', 'TLB']) {
      await seedWorkspace(db, { id, now });
      await seedMembers(db, id, ['U0ASK', 'U0EXA', 'U0EXB', 'U0EXC']);
      for (const expert of ['U0EXA', 'U0EXB', 'U0EXC']) {
        const lists = { ask_me_about: ['Rust'], can_mentor: [], want_to_learn: [], want_to_improve: [] };
        expect((await saveSkillProfile(db, { workspaceId: id, userId: expert, lists, now })).ok).toBe(true);
      }
    }
    const ask = (workspaceId: string, expertId: string, at: Date) =>
      requestLearning(db, {
        workspaceId,
        askerId: 'U0ASK',
        expertId,
        skill: 'Rust',
        kind: 'learn',
        proposedDate: null,
        now: at,
      });
    const inTl = await ask('TL', 'U0EXA', now);
    const inTlb = await ask('TLB', 'U0EXA', now);
    if (!inTl.ok || !inTlb.ok) throw new Error('not asked');
    await setStatus('TL', 'U0EXA', 'On vacation', ':palm_tree:', backOn);
    await setStatus('TL', 'U0EXB', 'OOO', ':airplane:', backOn);

    const swept = await expireLearningRequests(db, { workspaceId: 'TL', now: later });
    expect(swept.expired).toBe(1);
    expect(swept.handoffs).toEqual([inTl.requestId]);
    const plan = await planLearningHandoff(db, { workspaceId: 'TL', requestId: inTl.requestId, now: later });
    // Never the expert asked, never the other away one.
    expect(plan.kind === 'offer' && plan.suggestions.suggestions.map((s) => s.expertId)).toEqual(['U0EXC']);
    // Asked directly, an away expert is refused like one at their cap.
    expect(await ask('TL', 'U0EXB', later)).toEqual({ ok: false, refused: 'unavailable' });
    // The same ids in another workspace, where nobody is away: still waiting on its expert.
    const b = await expireLearningRequests(db, { workspaceId: 'TLB', now: later });
    expect(b).toEqual({ expired: 0, handoffs: [], open: [inTlb.requestId] });
    // Back from holiday: asked again like anyone.
    expect((await ask('TL', 'U0EXB', afterward)).ok).toBe(true);
  });

  test('a mentorship request to a mentor who went away closes as expired, and the mentee is offered mentors who are not away', async () => {
    const mentors = ['U0T1', 'U0T2', 'U0T3'];
    for (const id of ['TO', 'TOB']) {
      await seedWorkspace(db, { id, now });
      await seedMembers(db, id, [...mentors, 'U0M1']);
    }
    const programme = async (workspaceId: string) => {
      const id = await startProgramme(db, workspaceId, now, { matchingMode: 'choice', maxCapacity: 5 }, 'C0MENTOR');
      for (const mentor of mentors) {
        await signUp(db, workspaceId, id, mentor, now, { role: 'mentor', teaches: ['Rust'], capacity: 2 });
      }
      await signUp(db, workspaceId, id, 'U0M1', now, { learns: ['Rust'] });
      return id;
    };
    const inTo = await programme('TO');
    const inTob = await programme('TOB');
    const ask = (workspaceId: string, programmeId: string) =>
      requestMentor(db, { workspaceId, programmeId, menteeId: 'U0M1', mentorId: 'U0T1', now });
    const asked = await ask('TO', inTo);
    const askedB = await ask('TOB', inTob);
    if (!asked.ok || !askedB.ok) throw new Error('not asked');
    await setStatus('TO', 'U0T1', 'Parental leave', ':baby:', null);
    await setStatus('TO', 'U0T2', 'Sick', ':face_with_thermometer:', backOn);

    expect((await expireRequests(db, { workspaceId: 'TO', now: later })).expired).toBe(1);
    const owed = await requestsToRedrive(db, { workspaceId: 'TO' });
    expect(owed).toEqual({ open: [], handoffs: [asked.requestId] });
    const plan = await planHandoff(db, { workspaceId: 'TO', requestId: asked.requestId, now: later });
    expect(plan.kind === 'offer' && plan.choices.suggestions.map((s) => s.mentorId)).toEqual(['U0T3']);
    // The other workspace's request to the same id still waits on its mentor.
    expect((await expireRequests(db, { workspaceId: 'TOB', now: later })).expired).toBe(0);
    expect((await requestsToRedrive(db, { workspaceId: 'TOB' })).open).toEqual([askedB.requestId]);
  });
});

describe("the workspace's away words", () => {
  test('an admin replaces the list, audited; anyone else is refused and nothing changes', async () => {
    await setStatus('T0OTHER', 'U0DAN', 'Sabbatical', ':mountain:', backOn);
    const text = 'sabbatical, :mountain:';
    expect(await updateAwayMarkers(db, { workspaceId: 'T0OTHER', actorId: 'U0BEN', text, now })).toEqual({
      ok: false,
      refused: 'not_admin',
    });
    expect(await roundMembers('T0OTHER', '2027-03-12', now)).toContain('U0DAN');

    const tooLong = `${'x'.repeat(41)}, ooo`;
    expect(await updateAwayMarkers(db, { workspaceId: 'T0OTHER', actorId: 'U0ADA', text: tooLong, now })).toEqual({
      ok: false,
      error: 'Each word or emoji is at most 40 characters.',
    });

    expect(await updateAwayMarkers(db, { workspaceId: 'T0OTHER', actorId: 'U0ADA', text, now })).toEqual({
      ok: true,
      markers: ['sabbatical', ':mountain:'],
    });
    expect(await roundMembers('T0OTHER', '2027-03-13', now)).not.toContain('U0DAN');
    // The other workspace keeps the default list, in which a sabbatical means nothing.
    await setStatus('T0COFFEE', 'U0DAN', 'Sabbatical', ':mountain:', backOn);
    expect(await roundMembers('T0COFFEE', '2027-03-13', now)).toContain('U0DAN');

    const audit = await db
      .selectFrom('admin_audit_log')
      .select(['workspace_id', 'actor_id', 'action', 'changes'])
      .where('action', '=', 'directory.away_markers_changed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ workspace_id: 'T0OTHER', actor_id: 'U0ADA' });
    expect(audit[0]!.changes).toMatchObject({ awayMarkers: { to: ['sabbatical', ':mountain:'] } });
  });
});
