import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { answerLearningRequest } from '../../src/domain/learning/answer-learning-request.ts';
import { expertSuggestions } from '../../src/domain/learning/expert-suggestions.ts';
import { expireLearningRequests } from '../../src/domain/learning/expire-learning-requests.ts';
import { planLearningHandoff } from '../../src/domain/learning/learning-handoff.ts';
import { setWeeklyRequestCap, weeklyRequestCap } from '../../src/domain/learning/learning-settings.ts';
import { requestLearning } from '../../src/domain/learning/request-learning.ts';
import { saveSkillProfile } from '../../src/domain/learning/save-skill-profile.ts';
import type { SkillListName } from '../../src/domain/learning/skill-lists.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const hour = 3_600_000;

const lists = (given: Partial<Record<SkillListName, string[]>>): Record<SkillListName, string[]> => ({
  ask_me_about: [],
  can_mentor: [],
  want_to_learn: [],
  want_to_improve: [],
  ...given,
});

async function profile(workspaceId: string, userId: string, given: Partial<Record<SkillListName, string[]>>) {
  expect((await saveSkillProfile(db, { workspaceId, userId, lists: lists(given), now })).ok).toBe(true);
}

beforeAll(async () => {
  db = await createMigratedDatabase();
  await seedWorkspace(db, { id: 'TC', now });
  for (const ws of ['TA', 'TB']) {
    await seedWorkspace(db, { id: ws, now });
    await seedMembers(db, ws, [
      { user_id: 'UASK', team: 'eng' },
      { user_id: 'UASK2', team: 'eng' },
      { user_id: 'UASK3', team: 'eng' },
      { user_id: 'UASK4', team: 'eng' },
      { user_id: 'UEXP1', team: 'eng' },
      { user_id: 'UEXP2', team: 'design' },
      { user_id: 'UEXP3', team: 'design', tz_offset_seconds: 10 * 3600 },
      { user_id: 'UEXP4', team: 'ops' },
      { user_id: 'UEXP5', team: 'ops' },
      { user_id: 'ULEARNER', team: 'ops' },
      { user_id: 'UGONE', team: 'ops', is_deleted: true },
      { user_id: 'UADMIN', is_admin: true },
    ]);
  }
  // The asker lists Rust too (they must never be suggested to themself); ULEARNER only wants to learn it.
  await profile('TA', 'UASK', { ask_me_about: ['Rust'] });
  await profile('TA', 'UEXP1', { ask_me_about: ['rust', 'Go'] });
  await profile('TA', 'UEXP2', { ask_me_about: ['SQL', 'Rust'] });
  await profile('TA', 'UEXP4', { ask_me_about: ['Rust'] });
  await profile('TA', 'UEXP5', { ask_me_about: ['Rust'] });
  await profile('TA', 'ULEARNER', { want_to_learn: ['Rust'], can_mentor: ['Rust'] });
  await profile('TA', 'UGONE', { ask_me_about: ['Rust'] });
  // The only ones who can be asked about Elixir and COBOL.
  await profile('TA', 'UEXP3', { ask_me_about: ['RUST', 'Elixir'] });
  await profile('TA', 'UASK4', { ask_me_about: ['COBOL'] });
  // The second workspace, same user ids: only UEXP1 can be asked about Rust there.
  await profile('TB', 'UEXP1', { ask_me_about: ['Rust'] });
});
afterAll(async () => {
  await db?.destroy();
});

const ask = (workspaceId: string, askerId: string, expertId: string, at = now) =>
  requestLearning(db, { workspaceId, askerId, expertId, skill: 'Rust', kind: 'learn', proposedDate: null, now: at });

const suggested = async (workspaceId: string, askerId: string, skill = 'rust', at = now) => {
  const result = await expertSuggestions(db, { workspaceId, askerId, skill, now: at });
  if (!result.ok) throw new Error(result.refused);
  return result.suggestions;
};

describe('who can teach me X', () => {
  test('suggests only people who opted in under ask me about (folded), never the asker, nobody who left; other teams first, with why', async () => {
    const s = await expertSuggestions(db, { workspaceId: 'TA', askerId: 'UASK', skill: '  RUST ', now });
    expect(s).toMatchObject({ ok: true, skill: 'RUST', skillKey: 'rust' });
    if (!s.ok) return;
    expect(s.suggestions).toEqual([
      { expertId: 'UEXP2', tags: ['Rust', 'SQL'], otherTeam: true, overlappingHours: true },
      { expertId: 'UEXP4', tags: ['Rust'], otherTeam: true, overlappingHours: true },
      { expertId: 'UEXP5', tags: ['Rust'], otherTeam: true, overlappingHours: true },
    ]);
    // For someone in ops: other teams first, overlapping hours before a far time zone, their own team not in the top three.
    expect((await suggested('TA', 'UEXP4')).map((x) => x.expertId)).toEqual(['UASK', 'UEXP1', 'UEXP2']);
    // The second workspace has its own profiles, whatever the first holds for the same ids.
    expect((await suggested('TB', 'UASK')).map((x) => x.expertId)).toEqual(['UEXP1']);
  });

  test('never the asker: the only COBOL expert is suggested to others, never to themself', async () => {
    expect(await suggested('TA', 'UASK4', 'cobol')).toEqual([]);
    expect((await suggested('TA', 'UASK', 'cobol')).map((x) => x.expertId)).toEqual(['UASK4']);
  });

  test('an expert whose Slack status says they are away is not suggested until it clears', async () => {
    const back = new Date(now.getTime() + 7 * 24 * hour);
    await db
      .updateTable('members')
      .set({ status_text: 'On vacation', status_emoji: ':palm_tree:', status_expiration: back })
      .where('workspace_id', '=', 'TA')
      .where('user_id', '=', 'UASK4')
      .execute();
    expect(await suggested('TA', 'UASK', 'cobol')).toEqual([]);
    const later = new Date(back.getTime() + hour);
    expect((await suggested('TA', 'UASK', 'cobol', later)).map((x) => x.expertId)).toEqual(['UASK4']);
  });

  test('an expert at their weekly cap is not suggested, even as the only one', async () => {
    expect((await suggested('TA', 'UASK', 'elixir')).map((x) => x.expertId)).toEqual(['UEXP3']);
    const elixir = (askerId: string) =>
      requestLearning(db, {
        workspaceId: 'TA',
        askerId,
        expertId: 'UEXP3',
        skill: 'Elixir',
        kind: 'learn',
        proposedDate: null,
        now,
      });
    expect(await elixir('UASK')).toMatchObject({ ok: true });
    expect(await elixir('UASK2')).toMatchObject({ ok: true });
    expect(await suggested('TA', 'UASK3', 'elixir')).toEqual([]);
    expect(await elixir('UASK3')).toEqual({ ok: false, refused: 'unavailable' });
    // A week later they are free again.
    const later = new Date(now.getTime() + 7 * 24 * hour + 1);
    expect((await suggested('TA', 'UASK3', 'elixir', later)).map((x) => x.expertId)).toEqual(['UEXP3']);
  });

  test('among many experts, the first three are the other-team, overlapping, never-asked ones in id order, skipping anyone away', async () => {
    const experts = Array.from({ length: 40 }, (_, i) => ({
      user_id: `UMANY${String(i).padStart(2, '0')}`,
      team: i % 3 === 0 ? 'eng' : 'design',
      tz_offset_seconds: i % 4 === 0 ? 9 * 3600 : 0,
      ...(i === 5
        ? {
            status_text: 'On holiday',
            status_emoji: ':palm_tree:',
            status_expiration: new Date(now.getTime() + 48 * hour),
          }
        : {}),
    }));
    await seedMembers(db, 'TC', [{ user_id: 'UASK', team: 'eng' }, { user_id: 'UOTHER', team: 'ops' }, ...experts]);
    for (const e of experts) await profile('TC', e.user_id, { ask_me_about: ['Rust'] });
    // Asked by someone else once (so no longer in the first tier) and at no cap: UMANY01 and UMANY02.
    for (const expertId of ['UMANY01', 'UMANY02']) {
      const asked = await requestLearning(db, {
        workspaceId: 'TC',
        askerId: 'UOTHER',
        expertId,
        skill: 'Rust',
        kind: 'learn',
        proposedDate: null,
        now: new Date(now.getTime() - 10 * 24 * hour),
      });
      expect(asked.ok).toBe(true);
    }
    // Other team, hours within 4 h, never asked, not away, in id order: 01 and 02 were asked, 03 and 06 are in the
    // asker's team, 04 is 9 hours away, 05 is on holiday.
    expect((await suggested('TC', 'UASK')).map((s) => s.expertId)).toEqual(['UMANY07', 'UMANY10', 'UMANY11']);
  });

  test('a skill nobody lists offers the closest ones people do list; a known one offers none', async () => {
    expect(await expertSuggestions(db, { workspaceId: 'TA', askerId: 'UASK', skill: 'Elixr', now })).toMatchObject({
      ok: true,
      suggestions: [],
      closest: ['Elixir'],
    });
    expect(await expertSuggestions(db, { workspaceId: 'TB', askerId: 'UASK', skill: 'Elixr', now })).toMatchObject({
      closest: [],
    });
    expect(await expertSuggestions(db, { workspaceId: 'TA', askerId: 'UASK', skill: 'rust', now })).toMatchObject({
      closest: [],
    });
  });

  test('a skill too long or empty is refused; nobody is asked', async () => {
    expect(
      await expertSuggestions(db, { workspaceId: 'TA', askerId: 'UASK', skill: 'x'.repeat(300), now }),
    ).toMatchObject({
      ok: false,
      refused: 'too_long',
    });
    expect(await expertSuggestions(db, { workspaceId: 'TA', askerId: 'UASK', skill: ' !! ', now })).toMatchObject({
      ok: false,
      refused: 'no_skill',
    });
    expect(await ask('TA', 'UASK', 'UASK')).toEqual({ ok: false, refused: 'self' });
    expect(await ask('TA', 'UASK', 'ULEARNER')).toEqual({ ok: false, refused: 'not_opted_in' });
    expect(await ask('TA', 'UASK', 'UGONE')).toEqual({ ok: false, refused: 'unavailable' });
    const asked = await db
      .selectFrom('learning_requests')
      .select('id')
      .where('expert_id', 'in', ['UASK', 'ULEARNER', 'UGONE'])
      .execute();
    expect(asked).toEqual([]);
  });
});

describe('asking, the weekly cap and the hand-off', () => {
  test('an expert receives at most two requests a week, however many askers race; once at the cap they are not suggested', async () => {
    const results = await Promise.all(['UASK', 'UASK2', 'UASK3', 'UASK4'].map((a) => ask('TA', a, 'UEXP4')));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, refused: 'unavailable' },
      { ok: false, refused: 'unavailable' },
    ]);
    const rows = await db.selectFrom('learning_requests').selectAll().where('expert_id', '=', 'UEXP4').execute();
    expect(rows.map((r) => r.workspace_id)).toEqual(['TA', 'TA']);
    const losers = ['UASK', 'UASK2', 'UASK3', 'UASK4'].filter((a) => !rows.some((r) => r.asker_id === a));
    for (const loser of losers) expect((await suggested('TA', loser)).map((x) => x.expertId)).not.toContain('UEXP4');
    // The same ids in the second workspace are untouched by the first's requests.
    expect(await ask('TB', 'UASK', 'UEXP1')).toMatchObject({ ok: true, duplicate: false });
  });

  test('asking again while open returns the same request; a decline is answered once and hands the asker on, never showing that expert again', async () => {
    const first = await ask('TA', 'UASK2', 'UEXP2');
    const again = await ask('TA', 'UASK2', 'UEXP2');
    if (!first.ok || !again.ok) throw new Error('not asked');
    expect(again).toEqual({ ok: true, requestId: first.requestId, duplicate: true });
    const input = { workspaceId: 'TA', requestId: first.requestId, answer: 'decline' as const, now };
    expect(await answerLearningRequest(db, { ...input, expertId: 'UASK2' })).toEqual({
      ok: false,
      refused: 'not_found',
    });
    expect(await answerLearningRequest(db, { ...input, workspaceId: 'TB', expertId: 'UEXP2' })).toEqual({
      ok: false,
      refused: 'not_found',
    });
    expect(await answerLearningRequest(db, { ...input, expertId: 'UEXP2' })).toEqual({
      ok: true,
      outcome: 'declined',
      duplicate: false,
    });
    expect(await answerLearningRequest(db, { ...input, expertId: 'UEXP2' })).toMatchObject({ duplicate: true });
    const plan = await planLearningHandoff(db, { workspaceId: 'TA', requestId: first.requestId, now });
    expect(plan.kind).toBe('offer');
    if (plan.kind !== 'offer') return;
    expect(plan.suggestions.suggestions.map((s) => s.expertId)).not.toContain('UEXP2');
    expect(await ask('TA', 'UASK2', 'UEXP2')).toEqual({ ok: false, refused: 'unavailable' });
  });

  test('an expert suggested by a colleague comes first only if they opted in to the skill', async () => {
    const request = await ask('TA', 'UASK3', 'UEXP2');
    if (!request.ok) throw new Error(request.refused);
    await answerLearningRequest(db, {
      workspaceId: 'TA',
      requestId: request.requestId,
      expertId: 'UEXP2',
      answer: 'decline',
      now,
    });
    const opted = await planLearningHandoff(db, {
      workspaceId: 'TA',
      requestId: request.requestId,
      suggestedId: 'UEXP1',
      now,
    });
    expect(opted.kind === 'offer' && opted.suggestions.suggestions[0]?.expertId).toBe('UEXP1');
    const notOpted = await planLearningHandoff(db, {
      workspaceId: 'TA',
      requestId: request.requestId,
      suggestedId: 'ULEARNER',
      now,
    });
    expect(notOpted.kind === 'offer' && notOpted.suggestions.suggestions.map((s) => s.expertId)).not.toContain(
      'ULEARNER',
    );
  });

  test('a request unanswered for 72 hours expires and is owed a hand-off; a shadow request needs a real day to come', async () => {
    const shadow = await requestLearning(db, {
      workspaceId: 'TA',
      askerId: 'UASK4',
      expertId: 'UEXP5',
      skill: 'rust',
      kind: 'shadow_half_day',
      proposedDate: '2027-02-30',
      now,
    });
    expect(shadow).toEqual({ ok: false, refused: 'bad_date' });
    const ok = await requestLearning(db, {
      workspaceId: 'TA',
      askerId: 'UASK4',
      expertId: 'UEXP5',
      skill: 'rust',
      kind: 'shadow_half_day',
      proposedDate: '2027-03-12',
      now,
    });
    if (!ok.ok) throw new Error(ok.refused);
    const early = await expireLearningRequests(db, { workspaceId: 'TA', now: new Date(now.getTime() + 71 * hour) });
    expect(early.expired).toBe(0);
    expect(early.open).toContain(ok.requestId);
    const late = await expireLearningRequests(db, { workspaceId: 'TA', now: new Date(now.getTime() + 72 * hour) });
    expect(late.handoffs).toContain(ok.requestId);
    const row = await db
      .selectFrom('learning_requests')
      .selectAll()
      .where('id', '=', ok.requestId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'expired', kind: 'shadow_half_day', proposed_date: '2027-03-12' });
    // The second workspace's open request is not expired by the first's job.
    const b = await db.selectFrom('learning_requests').select('status').where('workspace_id', '=', 'TB').execute();
    expect(b.map((r) => r.status)).toEqual(['open']);
  });

  test('only an admin changes the weekly cap, and the change is audited', async () => {
    expect(await setWeeklyRequestCap(db, { workspaceId: 'TA', actorId: 'UASK', cap: 5, now })).toEqual({
      ok: false,
      refused: 'not_admin',
    });
    expect(await setWeeklyRequestCap(db, { workspaceId: 'TA', actorId: 'UADMIN', cap: 0, now })).toEqual({
      ok: false,
      refused: 'out_of_range',
    });
    expect(await setWeeklyRequestCap(db, { workspaceId: 'TA', actorId: 'UADMIN', cap: 3, now })).toEqual({
      ok: true,
      cap: 3,
    });
    expect(await weeklyRequestCap(db, 'TA')).toBe(3);
    expect(await weeklyRequestCap(db, 'TB')).toBe(2);
    const audit = await db
      .selectFrom('admin_audit_log')
      .select(['action', 'changes'])
      .where('workspace_id', '=', 'TA')
      .execute();
    expect(audit).toEqual([
      { action: 'learning.weekly_cap_changed', changes: { weekly_request_cap: { from: 2, to: 3 } } },
    ]);
    // UEXP4 had two requests this week: with a cap of 3 one more asker gets through.
    expect(await ask('TA', 'UADMIN', 'UEXP4')).toMatchObject({ ok: true });
  });
});
