import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { approveMentorshipCycle } from '../../src/domain/mentorship/approve-cycle.ts';
import { planMentorshipCycle } from '../../src/domain/mentorship/plan-cycle.ts';
import type { UserSpec } from '../../src/sandbox/index.ts';
import { describeDay } from '../../src/slack/mentorship/mentorship-home.blocks.ts';
import { republishMentorshipHomes } from '../../src/slack/mentorship/mentorship-home-refresh.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { signUp, startProgramme } from '../support/mentorship-programme.ts';

/** The Home tab's mentorship section: each person's own programmes, and the cohort admins see, as Slack receives it. */

let h: Harness;
let db: Db;
const teamId = 'T0MHOME';
const mentors = ['U0M1', 'U0M2', 'U0M3', 'U0M4', 'U0M5'];
const mentees = ['U0E1', 'U0E2', 'U0E3', 'U0E4', 'U0E5', 'U0E6'];
const person = (id: string, extra: Partial<UserSpec> = {}): UserSpec => ({
  id,
  name: id.toLowerCase(),
  realName: id,
  tz: 'Europe/Paris',
  ...extra,
});
let programmeId = '';
let choiceId = '';
let pairs: Array<{ id: string; mentor_id: string; mentee_id: string; started_at: Date; ends_at: Date | null }> = [];

beforeAll(async () => {
  const users = [...mentors, ...mentees, 'U0OUT'].map((id) => person(id));
  users.push(person('U0BOSS', { isAdmin: true }));
  const members = users.map((u) => u.id);
  h = await startHarness({
    label: 'mentorship-home',
    workspaces: [
      {
        teamId,
        name: 'Mentor Co',
        users,
        channels: [
          { id: 'C0MENTOR', name: 'mentoring', members, botIsMember: true },
          { id: 'C0CHOICE', name: 'mentor-choice', members, botIsMember: true },
        ],
      },
    ],
  });
  db = h.service.deps.db;
  await waitForMember(db, teamId, 'U0BOSS');
  const now = h.service.deps.clock.now();
  programmeId = await startProgramme(db, teamId, now, {}, 'C0MENTOR');
  for (const m of mentors)
    await signUp(db, teamId, programmeId, m, now, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
  for (const m of mentees)
    await signUp(db, teamId, programmeId, m, now, { learns: ['Rust'], goals: `ship it, says ${m}` });
  const planned = await planMentorshipCycle(db, { workspaceId: teamId, programmeId, now });
  if (!planned.ok) throw new Error('plan refused');
  const approved = await approveMentorshipCycle(db, {
    workspaceId: teamId,
    cycleId: planned.cycleId,
    approvedBy: 'U0BOSS',
    now,
  });
  if (!approved.ok) throw new Error('approval refused');
  pairs = await db
    .selectFrom('mentorship_pairs')
    .select(['id', 'mentor_id', 'mentee_id', 'started_at', 'ends_at'])
    .where('workspace_id', '=', teamId)
    .where('programme_id', '=', programmeId)
    .orderBy('mentee_id')
    .execute();
  // In a mentee-choice programme, a mentee still without a mentor.
  const later = new Date(now.getTime() + 60_000);
  choiceId = await startProgramme(db, teamId, later, { matchingMode: 'choice' }, 'C0CHOICE');
  await signUp(db, teamId, choiceId, pairs[0]!.mentee_id, now, { learns: ['Rust'] });
  await signUp(db, teamId, choiceId, 'U0M1', now, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
});
afterAll(async () => {
  await h?.stop();
});

interface Home {
  json: string;
  /** Every mentorship button: action id and value. */
  buttons: Array<{ action: string; value: string }>;
}

/** The next Home tab published for this person after `after`. */
async function publishedHome(userId: string, after: number): Promise<Home> {
  const call = await h.sandbox.waitFor(
    () =>
      h.sandbox
        .callsTo('views.publish', { teamId })
        .find((c) => c.at >= after && c.args.user_id === userId && c.status === 200),
    { timeoutMs: 20_000, description: `Home for ${userId}` },
  );
  const json = JSON.stringify(call.args.view);
  const buttons: Home['buttons'] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const element = node as { action_id?: string; value?: string };
      if (element.action_id?.startsWith('mentorship_'))
        buttons.push({ action: element.action_id, value: element.value ?? '' });
      else Object.values(node).forEach(visit);
    }
  };
  visit(call.args.view);
  return { json, buttons };
}

async function openHome(userId: string): Promise<Home> {
  const opened = Date.now();
  await h.driver.event({ teamId, event: { type: 'app_home_opened', user: userId, tab: 'home' } });
  return await publishedHome(userId, opened);
}

async function answerCheckins(people: number, usefulness: number[]): Promise<void> {
  const rows = pairs.slice(0, people).map((pair, i) => ({
    workspace_id: teamId,
    pair_id: pair.id,
    user_id: pair.mentee_id,
    number: 1,
    sent_at: pair.started_at,
    answered_at: pair.started_at,
    met: true,
    usefulness: usefulness[i]!,
  }));
  await db.insertInto('mentorship_checkins').values(rows).execute();
}

describe('the mentorship section of the Home tab', () => {
  test('a mentee sees their mentor, their goals, the next check-in, the cycle’s end and their buttons', async () => {
    const pair = pairs[0]!;
    const home = await openHome(pair.mentee_id);
    const day = (d: Date) => describeDay(d, 'Europe/Paris');
    const nextCheckin = new Date(pair.started_at.getTime() + 14 * 86_400_000);
    expect(home.json).toContain(`Your mentor <@${pair.mentor_id}>`);
    expect(home.json).toContain(`Goals: ship it, says ${pair.mentee_id}`);
    expect(home.json).toContain(`next check-in ${day(nextCheckin)} · cycle ends ${day(pair.ends_at!)}`);
    expect(home.buttons).toEqual([
      { action: 'mentorship_rematch_ask', value: pair.id },
      { action: 'mentorship_signup_open', value: programmeId },
      // Unmatched in the mentee-choice programme: find a mentor there.
      { action: 'mentorship_find_mentor', value: choiceId },
      { action: 'mentorship_signup_open', value: choiceId },
    ]);
    expect(home.json).not.toContain('Cohort of');
  });

  test('a mentor sees their mentee with the mentee’s goals', async () => {
    const pair = pairs[1]!;
    const home = await openHome(pair.mentor_id);
    expect(home.json).toContain(`Your mentee <@${pair.mentee_id}>`);
    expect(home.json).toContain(`Goals: ship it, says ${pair.mentee_id}`);
    expect(home.buttons.filter((b) => b.action === 'mentorship_rematch_ask')).toEqual([
      { action: 'mentorship_rematch_ask', value: pair.id },
    ]);
    expect(home.json).not.toContain('mentorship_find_mentor');
  });

  test('someone not signed up is offered each programme’s sign-up, and sees no cohort', async () => {
    const home = await openHome('U0OUT');
    expect(home.json).toContain('<#C0MENTOR>* — a mentorship programme, open for sign-up');
    expect(home.buttons).toEqual([
      { action: 'mentorship_signup_open', value: programmeId },
      { action: 'mentorship_signup_open', value: choiceId },
    ]);
    expect(home.json).not.toContain('Cohort of');
  });

  test('an admin sees the cohort: 4 people’s answers are hidden, 5 are shown, and Home republishes on a change', async () => {
    await answerCheckins(4, [4, 4, 4, 4]);
    const home = await openHome('U0BOSS');
    expect(home.json).toContain('*Cohort of <#C0MENTOR>*');
    expect(home.json).toContain('*Signed up*\\n11: mentors 5 · mentees 6 · both fewer than 5');
    // Five matched of six looking: showing both would count the one waiting.
    expect(home.json).toContain('*Looking for a mentor*\\n6: matched not shown · waiting fewer than 5');
    expect(home.json).toContain('check-ins fewer than 5 answers');
    expect(home.json).not.toContain('of 5 ·');
    expect(home.buttons).toEqual(
      expect.arrayContaining([
        { action: 'mentorship_plan_open', value: programmeId },
        { action: 'mentorship_settings_open', value: programmeId },
        { action: 'mentorship_settings_open', value: choiceId },
      ]),
    );
    // Requests exist in mentee choice only, and planning in admin matching only.
    expect(home.json.match(/Requests pending/g)).toHaveLength(1);
    expect(home.buttons).not.toContainEqual({ action: 'mentorship_plan_open', value: choiceId });

    await db.deleteFrom('mentorship_checkins').where('workspace_id', '=', teamId).execute();
    await answerCheckins(5, [4, 4, 4, 4, 2]);
    const changed = Date.now();
    await republishMentorshipHomes(h.service.deps.queues, teamId, ['U0BOSS', 'U0BOSS']);
    const after = await publishedHome('U0BOSS', changed);
    expect(after.json).toContain('check-ins 3.6 of 5');
  });
});
