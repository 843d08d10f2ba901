import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenView, UserSpec, WorkspaceSpec } from '../../src/sandbox/index.ts';
import { untilAppIdle } from '../support/app-idle.ts';
import { type Harness, installViaOAuth, startHarness, transports } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { activePairs } from '../support/mentorship-programme.ts';
import { submitOpenedView } from '../support/view-submission.ts';

/**
 * The Slack side of a mentorship programme, through signed requests against the sandbox: `/mentor start` and its
 * announcement, the settings and sign-up modals with every bad input refused in place and nothing saved, the
 * admin's preview of the pairs and its approval (once, however often it is clicked), and a second workspace with
 * the same people that none of it reaches.
 */

const A = 'T0MSIGNA';
const B = 'T0MSIGNB';
const admin = 'U0ADMIN';
const alex = 'U0ALEX';
const bea = 'U0BEA';
const carl = 'U0CARL';
const dana = 'U0DANA';

const person = (id: string, extra: Partial<UserSpec> = {}): UserSpec => ({
  id,
  name: id.slice(2).toLowerCase(),
  realName: `${id.slice(2, 3)}${id.slice(3).toLowerCase()} Person`,
  tz: 'Europe/Berlin',
  ...extra,
});
const users = [person(admin, { isAdmin: true }), person(alex), person(bea), person(carl), person(dana)];
const everyone = users.map((u) => u.id);
const workspaceA: WorkspaceSpec = {
  teamId: A,
  name: 'Mentors A',
  users,
  channels: [
    // The first member created the channel: the admin, so nobody else manages it by being its creator.
    { id: 'C0MENTA', name: 'mentoring', members: everyone, botIsMember: true },
    { id: 'C0OTHERA', name: 'random', members: everyone, botIsMember: true },
  ],
};
const workspaceB: WorkspaceSpec = {
  teamId: B,
  name: 'Mentors B',
  users,
  channels: [{ id: 'C0MENTB', name: 'mentoring', members: everyone, botIsMember: true }],
};

// The same listener tests over Slack's two ways in: signed HTTP requests and Socket Mode envelopes.
describe.each(transports)('over %s', (transport) => {
  let h: Harness;
  const db = () => h.service.deps.db;

  beforeAll(async () => {
    h = await startHarness({
      oauth: true,
      workspaces: [workspaceA, workspaceB],
      label: `mentor-signup-${transport}`,
      transport,
    });
    for (const teamId of [A, B]) {
      expect((await installViaOAuth(h, teamId)).status).toBe(200);
      for (const userId of everyone) await waitForMember(db(), teamId, userId);
    }
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  async function mentor(teamId: string, userId: string, channelId: string, text: string): Promise<string> {
    const response = await h.driver.command({ teamId, userId, channelId, command: '/mentor', text });
    expect(response.status).toBe(200);
    return JSON.stringify(response.json ?? '');
  }

  /** The modal with `callbackId` (or whose text contains `text`) that Nudge opened for `userId` after `since`. */
  async function openedView(
    teamId: string,
    userId: string,
    since: number,
    match: { callbackId?: string; text?: string },
  ): Promise<OpenView> {
    return await h.sandbox.waitFor(
      () =>
        h.sandbox
          .openViews()
          .find(
            (v) =>
              v.teamId === teamId &&
              v.userId === userId &&
              v.updatedAt >= since &&
              (match.callbackId === undefined || v.view.callback_id === match.callbackId) &&
              (match.text === undefined || JSON.stringify(v.view).includes(match.text)),
          ),
      { timeoutMs: 20_000, description: `a modal ${JSON.stringify(match)} for ${userId}` },
    );
  }

  /** Waits for Nudge to publish `userId`'s Home tab in workspace A after `since`. */
  async function homePublishedFor(userId: string, since: number): Promise<void> {
    await h.sandbox.waitFor(
      () =>
        h.sandbox
          .callsTo('views.publish', { teamId: A })
          .find((c) => c.at >= since && c.args.user_id === userId && c.status === 200),
      { timeoutMs: 20_000, description: `the Home tab of ${userId} published` },
    );
  }

  async function programmeOf(teamId: string, channelId: string) {
    return await db()
      .selectFrom('mentorship_programmes')
      .selectAll()
      .where('workspace_id', '=', teamId)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
  }

  async function signupsOf(teamId: string) {
    return await db()
      .selectFrom('mentorship_signups')
      .select(['user_id', 'role', 'learns', 'teaches', 'goals', 'capacity', 'prefer_other_team', 'prefer_overlap'])
      .where('workspace_id', '=', teamId)
      .orderBy('user_id')
      .execute();
  }

  function isoDate(offsetDays: number): string {
    return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  }

  const settingsValues = (over: Partial<Record<string, unknown>> = {}) => {
    const v = {
      cycle: '3',
      deadline: isoDate(30) as string | null,
      mode: 'admin',
      defaultCapacity: '1',
      maxCapacity: '3',
      gap: '0',
      sameTeam: true,
      skills: 'Rust\nGo\nPublic speaking',
      ...over,
    };
    return {
      mentorship_settings_cycle: { cycleMonths: { type: 'number_input', value: v.cycle } },
      mentorship_settings_deadline: { signupDeadline: { type: 'datepicker', selected_date: v.deadline } },
      mentorship_settings_mode: { matchingMode: { type: 'radio_buttons', selected_option: { value: v.mode } } },
      mentorship_settings_default_capacity: { defaultCapacity: { type: 'number_input', value: v.defaultCapacity } },
      mentorship_settings_max_capacity: { maxCapacity: { type: 'number_input', value: v.maxCapacity } },
      mentorship_settings_seniority_gap: { minSeniorityGap: { type: 'number_input', value: v.gap } },
      mentorship_settings_same_team: {
        allowSameTeam: { type: 'checkboxes', selected_options: v.sameTeam ? [{ value: 'allowed' }] : [] },
      },
      mentorship_settings_skills: { skills: { type: 'plain_text_input', value: v.skills } },
    };
  };

  interface SignupForm {
    role?: string;
    learns?: string[];
    learnsOther?: string;
    teaches?: string[];
    teachesOther?: string;
    goals?: string;
    capacity?: string;
    preferences?: string[];
  }

  const signupValues = (form: SignupForm) => ({
    mentorship_signup_role: {
      role: { type: 'radio_buttons', selected_option: form.role ? { value: form.role } : null },
    },
    mentorship_signup_learns: {
      learns: { type: 'multi_static_select', selected_options: (form.learns ?? []).map((value) => ({ value })) },
    },
    mentorship_signup_learns_other: { learns_other: { type: 'plain_text_input', value: form.learnsOther ?? null } },
    mentorship_signup_teaches: {
      teaches: { type: 'multi_static_select', selected_options: (form.teaches ?? []).map((value) => ({ value })) },
    },
    mentorship_signup_teaches_other: { teaches_other: { type: 'plain_text_input', value: form.teachesOther ?? null } },
    mentorship_signup_goals: { goals: { type: 'plain_text_input', value: form.goals ?? null } },
    mentorship_signup_capacity: { capacity: { type: 'number_input', value: form.capacity ?? null } },
    mentorship_signup_preferences: {
      preferences: { type: 'checkboxes', selected_options: (form.preferences ?? []).map((value) => ({ value })) },
    },
  });

  async function openSignup(teamId: string, userId: string, channelId: string): Promise<OpenView> {
    const since = Date.now();
    expect(await mentor(teamId, userId, channelId, 'signup')).toBe('""');
    return await openedView(teamId, userId, since, { callbackId: 'mentorship_signup' });
  }

  describe('/mentor start', () => {
    test('a member who neither administers Nudge nor created the channel is refused, and nothing starts', async () => {
      expect(await mentor(A, bea, 'C0MENTA', 'start')).toContain('Only Nudge admins or the channel’s creator');
      expect(await programmeOf(A, 'C0MENTA')).toBeUndefined();
    });

    test('an admin starts one; the channel is told once, with a Sign up button; a second start says one exists', async () => {
      expect(await mentor(A, admin, 'C0MENTA', 'start')).toContain('Started a mentorship programme in this channel');
      const programme = await programmeOf(A, 'C0MENTA');
      expect(programme?.created_by).toBe(admin);
      const announcement = await h.sandbox.waitFor(
        () =>
          h.sandbox
            .callsTo('chat.postMessage', { teamId: A })
            .find((c) => c.status === 200 && c.args.channel === 'C0MENTA'),
        { timeoutMs: 20_000, description: 'the announcement' },
      );
      expect(String(announcement.args.text)).toContain('A mentorship programme starts in this channel');
      expect(JSON.stringify(announcement.args.blocks)).toContain(
        JSON.stringify({ type: 'button', action_id: 'mentorship_signup_open', style: 'primary' }).slice(1, -1),
      );
      expect(JSON.stringify(announcement.args.blocks)).toContain(`"value":"${programme!.id}"`);

      expect(await mentor(A, admin, 'C0MENTA', 'start')).toContain('This channel already has a mentorship programme');
      await untilAppIdle(h, 20_000);
      expect(
        h.sandbox
          .callsTo('chat.postMessage', { teamId: A })
          .filter((c) => c.status === 200 && c.args.channel === 'C0MENTA'),
      ).toHaveLength(1);
    });

    test('help, and an unknown subcommand named back with the help', async () => {
      expect(await mentor(A, bea, 'C0MENTA', 'help')).toContain('`/mentor signup`');
      const unknown = await mentor(A, bea, 'C0MENTA', 'frobnicate now');
      expect(unknown).toContain('I don’t know `/mentor frobnicate`');
      expect(unknown).toContain('`/mentor status`');
    });
  });

  describe('/mentor settings', () => {
    test('a member is refused on the command and on a forged submission; nothing changes', async () => {
      const before = await programmeOf(A, 'C0MENTA');
      expect(await mentor(A, bea, 'C0MENTA', 'settings')).toContain('Only Nudge admins or the channel’s creator');
      const answer = await submitOpenedView(h, {
        teamId: A,
        userId: bea,
        view: {
          id: 'V0FORGED',
          view: { callback_id: 'mentorship_settings', private_metadata: JSON.stringify({ programmeId: before!.id }) },
        } as unknown as OpenView,
        values: settingsValues({ skills: 'Hijacked' }),
      });
      expect(answer?.errors?.mentorship_settings_cycle).toContain('Only Nudge admins');
      expect(await programmeOf(A, 'C0MENTA')).toEqual(before);
    });

    test('every bad field is answered under its own input at once, and nothing is saved', async () => {
      const before = await programmeOf(A, 'C0MENTA');
      const since = Date.now();
      expect(await mentor(A, admin, 'C0MENTA', 'settings')).toBe('""');
      const view = await openedView(A, admin, since, { callbackId: 'mentorship_settings' });
      const answer = await submitOpenedView(h, {
        teamId: A,
        userId: admin,
        view,
        values: settingsValues({
          cycle: '0',
          deadline: isoDate(-2),
          defaultCapacity: '4',
          maxCapacity: '2',
          skills: `Rust\n${'x'.repeat(150)}`,
        }),
      });
      expect(answer?.response_action).toBe('errors');
      expect(answer?.errors).toEqual({
        mentorship_settings_cycle: 'A whole number of months from 1 to 12.',
        mentorship_settings_deadline: 'The sign-up deadline must be in the future.',
        mentorship_settings_default_capacity: 'No more than the maximum capacity.',
        mentorship_settings_skills: 'Each skill at most 100 characters.',
      });
      expect(await programmeOf(A, 'C0MENTA')).toEqual(before);
    });

    test('valid settings are saved: the skill list one per line, the deadline at the end of the chosen day', async () => {
      const since = Date.now();
      await mentor(A, admin, 'C0MENTA', 'settings');
      const view = await openedView(A, admin, since, { callbackId: 'mentorship_settings' });
      const deadline = isoDate(30);
      const answer = await submitOpenedView(h, {
        teamId: A,
        userId: admin,
        view,
        values: settingsValues({ deadline }),
      });
      expect(answer).toBeUndefined();
      const saved = await programmeOf(A, 'C0MENTA');
      expect(saved?.skills).toEqual(['Rust', 'Go', 'Public speaking']);
      expect(saved?.max_capacity).toBe(3);
      // The sandbox workspace's time zone: the deadline is the next midnight there, after the whole chosen day.
      expect(saved?.signup_deadline?.getTime()).toBeGreaterThan(new Date(`${deadline}T00:00:00Z`).getTime());
      // The admin's change is in the audit log, by whom and on which channel's programme.
      const audited = await db()
        .selectFrom('admin_audit_log')
        .selectAll()
        .where('workspace_id', '=', A)
        .where('action', '=', 'mentorship.settings_changed')
        .execute();
      expect(audited.map((e) => [e.actor_id, e.subject])).toEqual([[admin, 'C0MENTA']]);

      const reopened = Date.now();
      await mentor(A, admin, 'C0MENTA', 'settings');
      const again = await openedView(A, admin, reopened, { callbackId: 'mentorship_settings' });
      expect(JSON.stringify(again.view)).toContain(`"initial_date":"${deadline}"`);
    });
  });

  describe('the sign-up modal', () => {
    const bad: Array<[string, SignupForm, Record<string, string>]> = [
      ['a mentee with no skills', { role: 'mentee' }, { mentorship_signup_learns: 'Add at least one skill to learn.' }],
      [
        'a mentor who can take 0 mentees',
        { role: 'mentor', teaches: ['Rust'], capacity: '0' },
        { mentorship_signup_capacity: 'A whole number of mentees from 1 to 3.' },
      ],
      [
        'a mentor who can take 50 mentees',
        { role: 'mentor', teaches: ['Rust'], capacity: '50' },
        { mentorship_signup_capacity: 'A whole number of mentees from 1 to 3.' },
      ],
      [
        'a skill of 500 characters',
        { role: 'both', learns: ['Go'], teaches: ['Rust'], learnsOther: 'y'.repeat(500) },
        { mentorship_signup_learns_other: 'Each skill at most 100 characters.' },
      ],
      ['no role', { learns: ['Go'] }, { mentorship_signup_role: 'Choose mentor, mentee or both.' }],
    ];

    test.each(bad)('%s: the error sits under its input and nothing is saved', async (_name, form, errors) => {
      const view = await openSignup(A, bea, 'C0MENTA');
      const answer = await submitOpenedView(h, { teamId: A, userId: bea, view, values: signupValues(form) });
      expect(answer?.response_action).toBe('errors');
      expect(answer?.errors).toEqual(errors);
      expect(await signupsOf(A)).toEqual([]);
    });

    test('after the deadline, sign-up is refused at the top of the form and nothing is saved', async () => {
      const view = await openSignup(A, bea, 'C0MENTA');
      const programme = await programmeOf(A, 'C0MENTA');
      await db()
        .updateTable('mentorship_programmes')
        .set({ signup_deadline: new Date(Date.now() - 60_000) })
        .where('id', '=', programme!.id)
        .execute();
      try {
        const answer = await submitOpenedView(h, {
          teamId: A,
          userId: bea,
          view,
          values: signupValues({ role: 'mentee', learns: ['Go'] }),
        });
        expect(answer?.errors).toEqual({ mentorship_signup_role: 'Sign-up for this programme has closed.' });
        expect(await signupsOf(A)).toEqual([]);
      } finally {
        await db()
          .updateTable('mentorship_programmes')
          .set({ signup_deadline: programme!.signup_deadline })
          .where('id', '=', programme!.id)
          .execute();
      }
    });

    test('from another channel, the only programme is the one; the menu lists its skills; the answers are saved and shown back', async () => {
      const view = await openSignup(A, bea, 'C0OTHERA');
      const submittedAt = Date.now();
      const options = (
        view.view.blocks as Array<{ block_id?: string; element?: { options?: Array<{ value: string }> } }>
      )
        .find((b) => b.block_id === 'mentorship_signup_learns')
        ?.element?.options?.map((o) => o.value);
      expect(options).toEqual(['Rust', 'Go', 'Public speaking']);
      const answer = await submitOpenedView(h, {
        teamId: A,
        userId: bea,
        view,
        values: signupValues({
          role: 'mentee',
          learns: ['Rust'],
          learnsOther: 'Kubernetes, rust',
          goals: 'Ship our first service in Rust',
          preferences: ['other_team'],
        }),
      });
      expect(answer?.response_action).toBe('update');
      // Her Home tab is published again, now with her sign-up in it.
      await homePublishedFor(bea, submittedAt);
      const confirmation = JSON.stringify(answer?.view);
      expect(confirmation).toContain('You are signed up as a mentee in <#C0MENTA>');
      expect(confirmation).toContain('*To learn:* Rust, Kubernetes');
      expect(await signupsOf(A)).toEqual([
        {
          user_id: bea,
          role: 'mentee',
          learns: ['Rust', 'Kubernetes'],
          teaches: [],
          goals: 'Ship our first service in Rust',
          capacity: null,
          prefer_other_team: true,
          prefer_overlap: false,
        },
      ]);

      const reopened = await openSignup(A, bea, 'C0MENTA');
      const blocks = reopened.view.blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>;
      const element = (id: string) => blocks.find((b) => b.block_id === id)?.element ?? {};
      expect(element('mentorship_signup_role').initial_option).toMatchObject({ value: 'mentee' });
      expect(element('mentorship_signup_learns').initial_options).toEqual([
        { text: { type: 'plain_text', text: 'Rust' }, value: 'Rust' },
      ]);
      expect(element('mentorship_signup_learns_other').initial_value).toBe('Kubernetes');
      expect(element('mentorship_signup_goals').initial_value).toBe('Ship our first service in Rust');
      expect(element('mentorship_signup_preferences').initial_options).toEqual([
        expect.objectContaining({ value: 'other_team' }),
      ]);
    });

    test('the channel’s Sign up button opens the same form', async () => {
      const programme = await programmeOf(A, 'C0MENTA');
      const since = Date.now();
      const response = await h.driver.interaction({
        teamId: A,
        userId: alex,
        payload: {
          type: 'block_actions',
          channel: { id: 'C0MENTA', name: 'mentoring' },
          actions: [{ action_id: 'mentorship_signup_open', type: 'button', value: programme!.id }],
        },
      });
      expect(response.status).toBe(200);
      const view = await openedView(A, alex, since, { callbackId: 'mentorship_signup' });
      const answer = await submitOpenedView(h, {
        teamId: A,
        userId: alex,
        view,
        values: signupValues({ role: 'mentor', teaches: ['Rust', 'Go'], capacity: '2', goals: 'Share what I know' }),
      });
      expect(JSON.stringify(answer?.view)).toContain('*Mentees you can take:* 2');
      expect((await signupsOf(A)).map((s) => [s.user_id, s.role, s.capacity])).toEqual([
        [alex, 'mentor', 2],
        [bea, 'mentee', null],
      ]);
    });

    test('/mentor status: the counts, the matching mode, the deadline and the person’s own sign-up', async () => {
      const status = await mentor(A, bea, 'C0OTHERA', 'status');
      expect(status).toContain('2 people signed up (1 mentor, 1 mentee)');
      expect(status).toContain('an admin matches mentors and mentees');
      expect(status).toContain('Sign-up is open until the end of');
      expect(status).toContain('You signed up as a mentee.');
      expect(await mentor(A, carl, 'C0MENTA', 'status')).toContain('You have not signed up yet.');
    });

    test('/mentor find in an admin-matched programme says how people are matched there', async () => {
      expect(await mentor(A, bea, 'C0MENTA', 'find')).toContain('an admin matches mentors and mentees for each cycle');
    });
  });

  describe('the admin’s preview and approval', () => {
    let previewView: OpenView;
    let cycleId: string;

    test('a member may neither plan nor approve, and nothing is formed', async () => {
      expect(await mentor(A, bea, 'C0MENTA', 'plan')).toContain(
        'Only Nudge admins, or whoever created this programme or its channel',
      );
      const programme = await programmeOf(A, 'C0MENTA');
      expect(await db().selectFrom('mentorship_cycles').select('id').where('workspace_id', '=', A).execute()).toEqual(
        [],
      );
      expect(await activePairs(db(), A, programme!.id)).toEqual([]);
    });

    test('the preview shows each pair with its reason and every waiting mentee with theirs', async () => {
      // Dana wants what nobody teaches: she waits, with the true reason.
      const view = await openSignup(A, dana, 'C0MENTA');
      await submitOpenedView(h, {
        teamId: A,
        userId: dana,
        view,
        values: signupValues({ role: 'mentee', learns: ['Public speaking'] }),
      });
      const since = Date.now();
      expect(await mentor(A, admin, 'C0OTHERA', 'plan')).toBe('""');
      previewView = await openedView(A, admin, since, { text: 'the proposed pairs' });
      const shown = JSON.stringify(previewView.view);
      expect(shown).toContain(`<@${alex}> mentors <@${bea}>`);
      expect(shown).toContain('Rust');
      expect(shown).toContain(`<@${dana}>: nobody teaches Public speaking this cycle`);
      expect(shown).toContain('1 pair; 1 of 2 mentees matched, 1 waiting');
      const cycle = await db()
        .selectFrom('mentorship_cycles')
        .select(['id', 'status'])
        .where('workspace_id', '=', A)
        .executeTakeFirstOrThrow();
      expect(cycle.status).toBe('proposed');
      cycleId = cycle.id;
      expect(shown).toContain(
        `"action_id":"mentorship_approve","style":"primary","text":{"type":"plain_text","text":"Approve 1 pair"},"value":"${cycleId}"`,
      );
    });

    test('a member’s forged approval is refused and forms nothing', async () => {
      const response = await h.driver.interaction({
        teamId: A,
        userId: bea,
        payload: {
          type: 'block_actions',
          channel: { id: 'C0MENTA', name: 'mentoring' },
          actions: [{ action_id: 'mentorship_approve', type: 'button', value: cycleId }],
        },
      });
      expect(response.status).toBe(200);
      await h.sandbox.waitFor(
        () =>
          h.sandbox
            .responseUrlPosts()
            .find(
              (p) =>
                p.userId === bea &&
                JSON.stringify(p.body).includes('Only Nudge admins, or whoever created this programme or its channel'),
            ),
        { timeoutMs: 20_000, description: 'the refusal' },
      );
      const programme = await programmeOf(A, 'C0MENTA');
      expect(await activePairs(db(), A, programme!.id)).toEqual([]);
    });

    test('approving twice at once forms the pairs once, introduces each once and tells the admin how many', async () => {
      const click = () =>
        h.driver.interaction({
          teamId: A,
          userId: admin,
          payload: {
            type: 'block_actions',
            container: { type: 'view', view_id: previewView.id },
            actions: [{ action_id: 'mentorship_approve', type: 'button', value: cycleId }],
          },
        });
      const approvedAt = Date.now();
      const responses = await Promise.all([click(), click()]);
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      // Each click is answered after its ack, in the modal: wait for both answers, then count.
      const updates = await h.sandbox.waitFor(
        () => {
          const seen = h.sandbox
            .callsTo('views.update', { teamId: A })
            .filter((c) => c.args.view_id === previewView.id && c.status === 200)
            .map((c) => JSON.stringify(c.args.view))
            .filter((v) => v.includes('Approved:') || v.includes('already approved'));
          return seen.length >= 2 && seen;
        },
        { timeoutMs: 20_000, description: 'both clicks answered' },
      );
      expect(updates.filter((v) => v.includes('Approved: 1 pair formed'))).toHaveLength(1);
      expect(updates.filter((v) => v.includes('was already approved'))).toHaveLength(1);
      const programme = await programmeOf(A, 'C0MENTA');
      expect(await activePairs(db(), A, programme!.id)).toEqual([[alex, bea]]);
      for (const userId of [alex, bea]) await homePublishedFor(userId, approvedAt);
      await untilAppIdle(h, 20_000);
      const intros = h.sandbox
        .callsTo('chat.postMessage', { teamId: A })
        .filter((c) => c.status === 200 && String(c.args.text).includes('meet your mentor'));
      expect(intros).toHaveLength(1);
      expect(String(intros[0]!.args.text)).toContain(`<@${bea}>, meet your mentor <@${alex}>`);
    });
  });

  describe('several programmes', () => {
    test('outside a programme’s channel Nudge asks which one, and the choice answers for that programme', async () => {
      expect(await mentor(A, admin, 'C0OTHERA', 'start')).toContain('Started');
      const asked = await mentor(A, bea, 'D0BEADM', 'status');
      expect(asked).toContain('This workspace has 2 mentorship programmes. Which one is `/mentor status` for?');
      const programme = await programmeOf(A, 'C0MENTA');
      expect(asked).toContain(`"value":"${programme!.id}|status"`);
      const response = await h.driver.interaction({
        teamId: A,
        userId: bea,
        payload: {
          type: 'block_actions',
          channel: { id: 'D0BEADM' },
          actions: [{ action_id: 'mentorship_choose_programme', type: 'button', value: `${programme!.id}|status` }],
        },
      });
      expect(response.status).toBe(200);
      await h.sandbox.waitFor(
        () =>
          h.sandbox
            .responseUrlPosts()
            .find((p) => p.userId === bea && JSON.stringify(p.body).includes('Mentorship in <#C0MENTA>')),
        { timeoutMs: 20_000, description: 'the chosen programme’s status' },
      );
    });
  });

  describe('a second workspace with the same people', () => {
    test('sees none of the first one’s programmes, sign-ups or plans, and cannot approve them', async () => {
      const before = {
        signups: await signupsOf(A),
        pairs: await activePairs(db(), A, (await programmeOf(A, 'C0MENTA'))!.id),
      };
      expect(await mentor(B, bea, 'C0MENTB', 'status')).toContain('There is no mentorship programme here yet');
      expect(await mentor(B, bea, 'C0MENTB', 'signup')).toContain('There is no mentorship programme here yet');
      const cycle = await db()
        .selectFrom('mentorship_cycles')
        .select('id')
        .where('workspace_id', '=', A)
        .executeTakeFirstOrThrow();
      const programmeA = await programmeOf(A, 'C0MENTA');
      for (const [actionId, value] of [
        ['mentorship_approve', cycle.id],
        ['mentorship_signup_open', programmeA!.id],
        ['mentorship_plan_open', programmeA!.id],
        ['mentorship_settings_open', programmeA!.id],
      ] as const) {
        const response = await h.driver.interaction({
          teamId: B,
          userId: admin,
          payload: {
            type: 'block_actions',
            channel: { id: 'C0MENTB', name: 'mentoring' },
            actions: [{ action_id: actionId, type: 'button', value }],
          },
        });
        expect(response.status).toBe(200);
      }
      expect(await mentor(B, admin, 'C0MENTB', 'start')).toContain('Started');
      const view = await openSignup(B, bea, 'C0MENTB');
      await submitOpenedView(h, {
        teamId: B,
        userId: bea,
        view,
        values: signupValues({ role: 'mentee', learnsOther: 'Go' }),
      });
      await untilAppIdle(h, 20_000);
      expect((await signupsOf(B)).map((s) => [s.user_id, s.learns])).toEqual([[bea, ['Go']]]);
      expect({ signups: await signupsOf(A), pairs: await activePairs(db(), A, programmeA!.id) }).toEqual(before);
      // Only Bea's own sign-up, now its confirmation: none of the clicks on the first workspace's ids opened anything.
      expect(
        h.sandbox
          .openViews()
          .filter((v) => v.teamId === B)
          .map((v) => (v.view.title as { text: string }).text),
      ).toEqual(['Signed up']);
    });
  });
});
