import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reconcileSchedules } from '../../jobs/schedules.ts';
import { demoTimeControls } from '../../src/embedded/time-controls.ts';
import { adjustableClock } from '../../src/observability/clock.ts';
import type { StoredMessage } from '../../src/sandbox/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { mentorshipCycleWorkspace } from '../support/mentorship-cycle-workspace.ts';
import { approveNextCycle, days, signUp, startProgramme } from '../support/mentorship-programme.ts';
import { messagesByKey } from '../support/sent-messages.ts';
import { submitOpenedView } from '../support/view-submission.ts';
import { eventually } from '../support/wait.ts';

/**
 * A mentorship programme's life after the start, with Nudge's clock moved forward as the sandbox's time controls do:
 * the two-week check-ins, the fit check and a confidential re-match, the idle nudge, warning and end, and the cycle's
 * end with its private feedback. Every click is a signed request, and every message is looked up by its key.
 */

const teamId = 'T0MCYCLE';
const clock = adjustableClock();
const hour = 3600 * 1000;
let h: Harness;
let longProgramme: string;
let shortProgramme: string;
let pairA: string;
let pairB: string;
let pairD: string;
const db = () => h.service.deps.db;

beforeAll(async () => {
  h = await startHarness({ label: 'mentor-cycle', workspaces: [mentorshipCycleWorkspace(teamId)], clock });
  for (const userId of ['U0ALEX', 'U0GUS']) await waitForMember(db(), teamId, userId);
  const t0 = clock.now();
  // A year-long programme (long enough for a quiet pair to be warned and ended) and a three-month one.
  longProgramme = await startProgramme(db(), teamId, t0, { cycleMonths: 12, skills: ['Rust', 'Go'] }, 'C0MENTOR');
  await signUp(db(), teamId, longProgramme, 'U0ALEX', t0, { role: 'mentor', teaches: ['Rust'], capacity: 2 });
  await signUp(db(), teamId, longProgramme, 'U0BEA', t0, { learns: ['Rust'] });
  await signUp(db(), teamId, longProgramme, 'U0CAL', t0, { role: 'mentor', teaches: ['Go'], capacity: 1 });
  await signUp(db(), teamId, longProgramme, 'U0DAN', t0, { learns: ['Go'] });
  const long = await approveNextCycle(db(), teamId, longProgramme, t0);
  pairA = long.get('U0BEA')!;
  pairB = long.get('U0DAN')!;
  // Signed up after the cycle started: a Go mentor with a free seat, there for a re-match.
  await signUp(db(), teamId, longProgramme, 'U0EVE', t0, { role: 'mentor', teaches: ['Go'], capacity: 1 });
  shortProgramme = await startProgramme(db(), teamId, t0, { cycleMonths: 3, skills: ['Design'] }, 'C0DESIGN');
  await signUp(db(), teamId, shortProgramme, 'U0FAY', t0, { role: 'mentor', teaches: ['Design'], capacity: 1 });
  await signUp(db(), teamId, shortProgramme, 'U0GUS', t0, { learns: ['Design'] });
  pairD = (await approveNextCycle(db(), teamId, shortProgramme, t0)).get('U0GUS')!;
});
afterAll(async () => {
  await h?.stop();
});

/** Moves Nudge's clock, then runs the sweep of both programmes as the hourly schedule would. */
async function passTime(millis: number): Promise<void> {
  clock.advance(millis);
  for (const programmeId of [longProgramme, shortProgramme])
    await h.service.deps.queues.enqueue('mentorship.sweep', { workspaceId: teamId, programmeId });
}

const keysStartingWith = (prefix: string) => [...messagesByKey(h.sandbox).keys()].filter((k) => k.startsWith(prefix));

/** The one message Nudge sent under `key`, once it has landed. */
async function sent(key: string): Promise<StoredMessage> {
  const found = await h.sandbox.waitFor(() => messagesByKey(h.sandbox).get(key), {
    timeoutMs: 20_000,
    description: `message ${key}`,
  });
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The same message as it reads now (answers rewrite it in place). */
const current = (message: StoredMessage) => h.sandbox.messages(message.channelId).find((m) => m.ts === message.ts)!;

/** The DM's one member: whoever else is in the conversation. */
function dmPeople(message: StoredMessage): string[] {
  const opened = h.sandbox
    .callsTo('conversations.open', { teamId })
    .find((c) => (c.response as { channel?: { id?: string } }).channel?.id === message.channelId);
  return String(opened?.args.users ?? '')
    .split(',')
    .sort();
}

async function click(
  userId: string,
  message: StoredMessage,
  action: { action_id: string; value?: string; selected?: string },
): Promise<void> {
  const response = await h.driver.interaction({
    teamId,
    userId,
    payload: {
      type: 'block_actions',
      container: { type: 'message', channel_id: message.channelId, message_ts: message.ts },
      actions: [
        action.selected
          ? {
              type: 'static_select',
              action_id: action.action_id,
              block_id: 'b',
              selected_option: { value: action.selected },
            }
          : { type: 'button', action_id: action.action_id, block_id: 'b', value: action.value },
      ],
    },
  });
  expect(response.status).toBe(200);
}

const pairStatus = async (pairId: string) =>
  await db()
    .selectFrom('mentorship_pairs')
    .select(['status', 'end_reason'])
    .where('workspace_id', '=', teamId)
    .where('id', '=', pairId)
    .executeTakeFirstOrThrow();

describe('a mentorship pair over time', () => {
  test('every programme has its hourly sweep, derived from Postgres', async () => {
    await reconcileSchedules(h.service.deps);
    const schedulers = await h.service.deps.queues.queue('nudge-tasks').getJobSchedulers();
    for (const programmeId of [longProgramme, shortProgramme]) {
      const sweep = schedulers.find((s) => s.key === `ws.${teamId}.mentorship.${programmeId}`);
      expect(sweep).toMatchObject({ name: 'mentorship.sweep', every: 3600_000 });
    }
  });

  test('two weeks in, each person gets a private check-in, answered in place; the first meeting brings the fit check', async () => {
    // The sandbox's "Advance the clock a day", fourteen times (and an hour): the first check-in is due.
    const advanceDay = demoTimeControls(() => h.service.deps, {
      teamId,
      promptChannelId: 'C0MENTOR',
      kudosChannelId: 'C0MENTOR',
      coffeeChannelId: 'C0MENTOR',
      channelName: (id) => id,
    }).find((control) => control.id === 'advance-day')!;
    clock.advance(hour);
    for (let day = 1; day <= 14; day += 1) {
      const said = await advanceDay.run();
      expect(said).toContain('Mentorship check-ins and other steps due by then are on their way.');
    }
    const bea = await sent(`mentorship.checkin.${pairA}.1.U0BEA`);
    const alex = await sent(`mentorship.checkin.${pairA}.1.U0ALEX`);
    expect(dmPeople(bea)).toEqual(['U0BEA']);
    expect(dmPeople(alex)).toEqual(['U0ALEX']);
    expect(bea.text).toContain('did you meet since');
    expect(JSON.stringify(bea.blocks)).toContain('<@U0ALEX>');

    await click('U0BEA', bea, { action_id: 'mentorship_checkin_met', value: `${pairA}|1` });
    await eventually(
      async () => (current(bea).text.includes('Noted: you met') ? true : undefined),
      'answered in place',
    );
    await click('U0BEA', bea, { action_id: 'mentorship_checkin_useful', selected: `${pairA}|1|4` });
    await eventually(async () => (current(bea).text.includes('Usefulness: 4 out of 5') ? true : undefined), 'score');
    // Her partner's check-in still asks him; nothing of hers is on it.
    expect(current(alex).text).toContain('did you meet since');
    const answers = await db()
      .selectFrom('mentorship_checkins')
      .select(['user_id', 'met', 'usefulness'])
      .where('workspace_id', '=', teamId)
      .where('pair_id', '=', pairA)
      .orderBy('user_id')
      .execute();
    expect(answers).toEqual([
      { user_id: 'U0ALEX', met: null, usefulness: null },
      { user_id: 'U0BEA', met: true, usefulness: 4 },
    ]);

    for (const userId of ['U0ALEX', 'U0BEA']) {
      const fit = await sent(`mentorship.fit-check.${pairA}.${userId}`);
      expect(dmPeople(fit)).toEqual([userId]);
      expect(fit.text).toContain('is this a good fit?');
    }
  });

  test('asking for a different match ends the pair for both without saying who asked, and re-matches both', async () => {
    const dan = await sent(`mentorship.checkin.${pairB}.1.U0DAN`);
    await click('U0DAN', dan, { action_id: 'mentorship_checkin_met', value: `${pairB}|1` });
    const fit = await sent(`mentorship.fit-check.${pairB}.U0DAN`);
    await click('U0DAN', fit, { action_id: 'mentorship_rematch_ask', value: pairB });
    await eventually(
      async () => (current(fit).text.startsWith('Done: this pair has ended') ? true : undefined),
      'confirmed',
    );
    expect(await pairStatus(pairB)).toEqual({ status: 'ended', end_reason: 'rematch' });

    const toCal = await sent(`mentorship.ended.${pairB}.U0CAL`);
    const toDan = await sent(`mentorship.ended.${pairB}.U0DAN`);
    expect(dmPeople(toCal)).toEqual(['U0CAL']);
    expect(toCal.text).toContain('A new match is coming');
    expect(toCal.text.replace('<@U0DAN>', '<@X>')).toBe(toDan.text.replace('<@U0CAL>', '<@X>'));
    expect(toCal.text).not.toMatch(/asked/i);

    // Dan goes to the other Go mentor's free seat, introduced; Cal hears the truth: nobody waiting fits his seat.
    const next = await eventually(
      async () =>
        await db()
          .selectFrom('mentorship_pairs')
          .select(['id', 'mentor_id'])
          .where('workspace_id', '=', teamId)
          .where('mentee_id', '=', 'U0DAN')
          .where('status', '=', 'active')
          .executeTakeFirst(),
      'the re-match',
    );
    expect(next.mentor_id).toBe('U0EVE');
    expect(dmPeople(await sent(`mentorship.intro.${next.id}`))).toEqual(['U0DAN', 'U0EVE']);
    const toCalAfter = await sent(`mentorship.rematch.${pairB}.U0CAL`);
    expect(toCalAfter.text).toContain('nobody waiting fits');
    expect(keysStartingWith(`mentorship.rematch.${pairB}.`)).toEqual([`mentorship.rematch.${pairB}.U0CAL`]);
  });

  test('four quiet weeks after the last meeting bring one gentle nudge to each', async () => {
    await passTime(days(29));
    for (const userId of ['U0ALEX', 'U0BEA']) {
      const prefix = `mentorship.idle-nudge.${pairA}.`;
      await h.sandbox.waitFor(() => keysStartingWith(prefix).some((k) => k.endsWith(userId)), {
        timeoutMs: 20_000,
        description: `nudge to ${userId}`,
      });
    }
    expect(keysStartingWith(`mentorship.idle-nudge.${pairA}.`)).toHaveLength(2);
  });

  test('at the cycle’s end each person gives private feedback; bad input is refused; two yeses continue the pair', async () => {
    // Day 93: the three-month cycle is over.
    await passTime(days(50));
    const fay = await sent(`mentorship.feedback.${pairD}.U0FAY`);
    const gus = await sent(`mentorship.feedback.${pairD}.U0GUS`);
    expect(dmPeople(fay)).toEqual(['U0FAY']);

    await click('U0FAY', fay, { action_id: 'mentorship_feedback_open', value: pairD });
    const form = await h.sandbox.waitFor(
      () => h.sandbox.openViews().find((v) => v.view.callback_id === 'mentorship_feedback' && v.userId === 'U0FAY'),
      { timeoutMs: 20_000, description: 'the feedback form' },
    );
    const bad = await submitOpenedView(h, {
      teamId,
      userId: 'U0FAY',
      view: form,
      values: { mentorship_feedback_comment: { comment: { type: 'plain_text_input', value: 'x'.repeat(1001) } } },
    });
    expect(bad).toEqual({
      response_action: 'errors',
      errors: {
        mentorship_feedback_rating: 'Choose how the cycle went, from 1 to 5.',
        mentorship_feedback_comment: 'Keep the comment to 1000 characters (it has 1001).',
        mentorship_feedback_continue: 'Say whether you would like another cycle together.',
      },
    });
    const saved = () =>
      db()
        .selectFrom('mentorship_feedback')
        .selectAll()
        .where('workspace_id', '=', teamId)
        .where('answered_at', 'is not', null)
        .execute();
    expect(await saved()).toEqual([]);

    const good = (rating: string) => ({
      mentorship_feedback_rating: { rating: { type: 'static_select', selected_option: { value: rating } } },
      mentorship_feedback_comment: { comment: { type: 'plain_text_input', value: 'Learned a lot.' } },
      mentorship_feedback_continue: { continue: { type: 'radio_buttons', selected_option: { value: 'yes' } } },
    });
    expect(await submitOpenedView(h, { teamId, userId: 'U0FAY', view: form, values: good('5') })).toMatchObject({
      response_action: 'update',
    });
    await click('U0GUS', gus, { action_id: 'mentorship_feedback_open', value: pairD });
    const gusForm = await h.sandbox.waitFor(
      () => h.sandbox.openViews().find((v) => v.view.callback_id === 'mentorship_feedback' && v.userId === 'U0GUS'),
      { timeoutMs: 20_000, description: 'the feedback form' },
    );
    await submitOpenedView(h, { teamId, userId: 'U0GUS', view: gusForm, values: good('4') });
    expect((await saved()).map((f) => [f.user_id, f.rating, f.continue_next]).sort()).toEqual([
      ['U0FAY', 5, true],
      ['U0GUS', 4, true],
    ]);
    expect(await pairStatus(pairD)).toEqual({ status: 'ended', end_reason: 'cycle_end' });
    for (const userId of ['U0FAY', 'U0GUS']) {
      const notice = await sent(`mentorship.ended.${pairD}.${userId}`);
      expect(notice.text).toContain('both chose to continue');
    }
    const continuing = await db()
      .selectFrom('mentorship_pairs')
      .select(['mentor_id', 'mentee_id'])
      .where('workspace_id', '=', teamId)
      .where('programme_id', '=', shortProgramme)
      .where('status', '=', 'active')
      .execute();
    expect(continuing).toEqual([{ mentor_id: 'U0FAY', mentee_id: 'U0GUS' }]);
  });

  test('90 quiet days bring a 7-day warning; a meeting cancels it; left to run, the pair ends kindly', async () => {
    // Day 105: 91 days since Bea's meeting.
    await passTime(days(12));
    const warning = await h.sandbox.waitFor(
      () => keysStartingWith(`mentorship.idle-warn.${pairA}.`).find((k) => k.endsWith('U0ALEX')),
      { timeoutMs: 20_000, description: 'the warning' },
    );
    const toAlex = await sent(warning);
    expect(toAlex.text).toContain('will close on');
    // Alex says they met, on the warning itself: it is rewritten, and a week later the pair is still there.
    await click('U0ALEX', toAlex, { action_id: 'mentorship_checkin_met', value: `${pairA}|7` });
    await eventually(async () => (current(toAlex).text.includes('Noted: you met') ? true : undefined), 'met noted');
    await passTime(days(8));
    await h.service.deps.queues.enqueue('mentorship.sweep', { workspaceId: teamId, programmeId: longProgramme });
    await eventually(async () => {
      const jobs = await h.service.deps.queues.queue('nudge-tasks').getJobs(['waiting', 'active']);
      return jobs.length === 0 ? true : undefined;
    }, 'sweeps done');
    expect(await pairStatus(pairA)).toEqual({ status: 'active', end_reason: null });
    expect(keysStartingWith(`mentorship.ended.${pairA}.`)).toEqual([]);

    // Another 90 quiet days: warned again, and this time the week runs out.
    await passTime(days(90));
    await h.sandbox.waitFor(() => keysStartingWith(`mentorship.idle-warn.${pairA}.`).length === 4, {
      timeoutMs: 20_000,
      description: 'the second warning',
    });
    // The warning's 7 days count from when it was recorded as sent, just after the two DMs landed.
    const secondWarning = clock.now().getTime() - hour;
    await eventually(async () => {
      const pair = await db()
        .selectFrom('mentorship_pairs')
        .select('end_warned_at')
        .where('workspace_id', '=', teamId)
        .where('id', '=', pairA)
        .executeTakeFirstOrThrow();
      return (pair.end_warned_at?.getTime() ?? 0) > secondWarning ? true : undefined;
    }, 'the second warning recorded');
    await passTime(days(7));
    for (const userId of ['U0ALEX', 'U0BEA']) {
      const notice = await sent(`mentorship.ended.${pairA}.${userId}`);
      expect(notice.text).toContain('has been closed');
    }
    expect(await pairStatus(pairA)).toEqual({ status: 'ended', end_reason: 'idle' });
  });
});
