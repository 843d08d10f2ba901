import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reconcileSchedules } from '../../jobs/schedules.ts';
import { adjustableClock } from '../../src/observability/clock.ts';
import type { StoredMessage } from '../../src/sandbox/index.ts';
import { clickForAnswer } from '../support/button-click.ts';
import { type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { activePairs, signUp, startProgramme } from '../support/mentorship-programme.ts';
import { buttonsOf, words } from '../support/message-parts.ts';
import { messagesByKey } from '../support/sent-messages.ts';
import { eventually, sleep } from '../support/wait.ts';

/**
 * Mentee choice end to end, with signed clicks: a mentee sees their suggestions and asks a mentor, the mentor answers
 * in their DM, a decline or an unanswered request passes the mentee on to their next suggestion (worded alike), and
 * a mentor's seats hold under racing accepts. A second workspace with the same user ids stays untouched.
 */

const teamA = 'T0MREQA';
const teamB = 'T0MREQB';
const clock = adjustableClock();
let h: Harness;
const db = () => h.service.deps.db;
const hour = 3_600_000;

beforeAll(async () => {
  h = await startHarness({
    oauth: true,
    label: 'mentor-requests',
    // Channel and group ids are global in Slack: the second workspace has the same people, in a channel of its own.
    workspaces: [
      kudosWorkspace(teamA),
      {
        ...kudosWorkspace(teamB),
        channels: [{ id: 'C0TEAMB', name: 'team', members: ['U0P21'] }],
        usergroups: [],
      },
    ],
    clock,
    sandboxOnClock: true,
  });
  for (const teamId of [teamA, teamB]) {
    expect((await installViaOAuth(h, teamId)).status).toBe(200);
    for (const userId of ['U0P00', 'U0P23', 'U0ALEX']) await waitForMember(db(), teamId, userId, 20_000);
  }
});
afterAll(async () => {
  await h?.stop();
});

/** A signed click on a button, and the answer Nudge sent back through the click's response_url. */
const click = (teamId: string, userId: string, actionId: string, value: string, on?: { channel: string; ts: string }) =>
  clickForAnswer(h, { teamId, userId, actionId, value, channel: teamId === teamA ? 'C0TEAM' : 'C0TEAMB', on });

/** Every message posted under an idempotency key starting with `prefix`, wherever it landed. */
function sentUnder(prefix: string): StoredMessage[] {
  return [...messagesByKey(h.sandbox).entries()].filter(([key]) => key.startsWith(prefix)).flatMap(([, m]) => m);
}

async function waitForSent(prefix: string, count = 1): Promise<StoredMessage[]> {
  return await h.sandbox.waitFor(() => (sentUnder(prefix).length >= count ? sentUnder(prefix) : undefined), {
    timeoutMs: 20_000,
    description: `${count} message(s) under ${prefix}`,
  });
}

/** The message as Slack shows it now (after any in-place update). */
function current(message: StoredMessage): StoredMessage {
  return h.sandbox.messages(message.channelId).find((m) => m.ts === message.ts)!;
}

async function requestOf(teamId: string, programmeId: string, menteeId: string, mentorId: string) {
  return await db()
    .selectFrom('mentorship_requests')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .where('programme_id', '=', programmeId)
    .where('mentee_id', '=', menteeId)
    .where('mentor_id', '=', mentorId)
    .executeTakeFirstOrThrow();
}

/**
 * A mentee-choice programme in `channelId`: P00 teaches Rust and Go (capacity `firstCapacity`), P01 and P02 teach
 * Rust, P03 teaches Go; the mentees learn Rust.
 */
async function choiceProgramme(
  teamId: string,
  channelId: string,
  mentees: string[],
  firstCapacity = 2,
): Promise<string> {
  const now = clock.now();
  const id = await startProgramme(db(), teamId, now, { matchingMode: 'choice', maxCapacity: 5 }, channelId);
  const teaches: Record<string, string[]> = {
    U0P00: ['Rust', 'Go'],
    U0P01: ['Rust'],
    U0P02: ['Rust'],
    U0P03: ['Go'],
  };
  for (const [mentor, skills] of Object.entries(teaches))
    await signUp(db(), teamId, id, mentor, now, {
      role: 'mentor',
      teaches: skills,
      learns: [],
      capacity: mentor === 'U0P00' ? firstCapacity : 1,
    });
  for (const mentee of mentees)
    await signUp(db(), teamId, id, mentee, now, { learns: ['Rust'], goals: `grow as a Rust engineer (${mentee})` });
  return id;
}

/** The mentee asks the mentor through the Ask button; returns the answer and the mentor's DM once it lands. */
async function ask(teamId: string, programmeId: string, menteeId: string, mentorId: string) {
  const answer = await click(teamId, menteeId, 'mentorship_request_ask', `${programmeId}|${mentorId}`);
  const request = await requestOf(teamId, programmeId, menteeId, mentorId);
  const [dm] = await waitForSent(`mentorship.request.${request.id}`);
  return { answer, request, dm: dm! };
}

describe('finding and asking a mentor', () => {
  test('the mentee sees three suggestions with why and skills in common, asks one; the mentor gets one DM with Accept and Decline', async () => {
    const programmeId = await choiceProgramme(teamA, 'C0MFIND', ['U0P10']);
    const shown = await click(teamA, 'U0P10', 'mentorship_find_mentor', programmeId);
    const asks = buttonsOf(shown).filter((b) => b.action_id === 'mentorship_request_ask');
    expect(asks.map((b) => b.value.split('|')[1]).sort()).toEqual(['U0P00', 'U0P01', 'U0P02']);
    expect(asks.every((b) => b.value.startsWith(`${programmeId}|`))).toBe(true);
    expect(asks.map((b) => b.text)).toContain('Ask Person 1');
    expect(words(shown)).toContain('Skills in common: Rust');
    expect(words(shown)).toContain('<#C0MFIND>');
    // `/mentor find` in the programme's channel answers with the same suggestions, right where it was typed.
    const typed = await h.driver.command({
      teamId: teamA,
      userId: 'U0P10',
      channelId: 'C0MFIND',
      command: '/mentor',
      text: 'find',
    });
    expect(typed.status).toBe(200);
    const typedAnswer = typed.json as { text: string; blocks?: unknown[] };
    expect(
      buttonsOf(typedAnswer)
        .filter((b) => b.action_id === 'mentorship_request_ask')
        .map((b) => b.value),
    ).toEqual(asks.map((b) => b.value));

    const { answer, request, dm } = await ask(teamA, programmeId, 'U0P10', 'U0P01');
    const expires = Math.floor((request.requested_at.getTime() + 72 * hour) / 1000);
    expect(words(answer)).toContain('Your request went to <@U0P01>');
    expect(words(answer)).toContain(`<!date^${expires}^`);
    const opened = h.sandbox
      .callsTo('conversations.open', { teamId: teamA })
      .find((c) => (c.response as { channel?: { id?: string } }).channel?.id === dm.channelId);
    expect(String(opened?.args.users)).toBe('U0P01');
    expect(words(dm)).toContain('<@U0P10> would like you as their mentor in <#C0MFIND>');
    expect(words(dm)).toContain('grow as a Rust engineer (U0P10)');
    expect(words(dm)).toContain('*Skills they want to learn:* Rust');
    expect(buttonsOf(dm)).toEqual([
      { action_id: 'mentorship_request_accept', value: request.id, text: 'Accept' },
      { action_id: 'mentorship_request_decline', value: request.id, text: 'Decline' },
    ]);

    // Asking again, and the job queued again: still one DM.
    const again = await click(teamA, 'U0P10', 'mentorship_request_ask', `${programmeId}|U0P01`);
    expect(words(again)).toContain('You have already asked <@U0P01>');
    await h.service.deps.queues.enqueue('mentorship.request', { workspaceId: teamA, requestId: request.id });
    await sleep(1_000);
    expect(sentUnder(`mentorship.request.${request.id}`)).toHaveLength(1);

    // The open request is listed, and the mentor asked is no longer suggested.
    const after = await click(teamA, 'U0P10', 'mentorship_find_mentor', programmeId);
    expect(words(after)).toContain('Waiting for an answer from <@U0P01>');
    expect(buttonsOf(after).map((b) => b.value)).not.toContain(`${programmeId}|U0P01`);
  });

  test('refusals are specific and change nothing', async () => {
    const programmeId = await choiceProgramme(teamA, 'C0MREFUSE', ['U0P11']);
    const notSigned = await click(teamA, 'U0P12', 'mentorship_find_mentor', programmeId);
    expect(words(notSigned)).toContain('You have not signed up as a mentee in this programme');
    const notSignedAsk = await click(teamA, 'U0P12', 'mentorship_request_ask', `${programmeId}|U0P00`);
    expect(words(notSignedAsk)).toContain('You have not signed up as a mentee in this programme');

    const adminMatched = await startProgramme(db(), teamA, clock.now(), { matchingMode: 'admin' }, 'C0MADMIN');
    await signUp(db(), teamA, adminMatched, 'U0P11', clock.now());
    const admin = await click(teamA, 'U0P11', 'mentorship_find_mentor', adminMatched);
    expect(words(admin)).toContain('the admins match mentors and mentees');

    const self = await click(teamA, 'U0P00', 'mentorship_request_ask', `${programmeId}|U0P00`);
    expect(words(self)).toContain('You cannot be your own mentor.');

    for (const mentor of ['U0P00', 'U0P01', 'U0P02']) await ask(teamA, programmeId, 'U0P11', mentor);
    const full = await click(teamA, 'U0P11', 'mentorship_find_mentor', programmeId);
    expect(words(full)).toContain('You are waiting for an answer from 3 mentors, the most you can ask at once');
    expect(buttonsOf(full).filter((b) => b.action_id === 'mentorship_request_ask')).toEqual([]);
    const fourth = await click(teamA, 'U0P11', 'mentorship_request_ask', `${programmeId}|U0P03`);
    expect(words(fourth)).toContain('You are already waiting for an answer from 3 mentors');
    expect(
      await db()
        .selectFrom('mentorship_requests')
        .select('id')
        .where('workspace_id', '=', teamA)
        .where('mentee_id', '=', 'U0P11')
        .where('programme_id', '=', programmeId)
        .execute(),
    ).toHaveLength(3);

    const forged = await click(teamA, 'U0P11', 'mentorship_request_ask', 'not-a-programme|U0P00');
    expect(words(forged)).toContain('That mentorship programme no longer exists.');
  });
});

describe('from the Home tab, where there is no response_url', () => {
  test('Find a mentor opens the suggestions in a modal, and Ask answers in that same modal', async () => {
    const programmeId = await choiceProgramme(teamA, 'C0MHOME', ['U0P12']);
    const opened = Date.now();
    await h.driver.event({ teamId: teamA, event: { type: 'app_home_opened', user: 'U0P12', tab: 'home' } });
    const home = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .callsTo('views.publish', { teamId: teamA })
          .filter((c) => c.args.user_id === 'U0P12' && c.at >= opened && c.status === 200)
          .find((c) => JSON.stringify(c.args.view).includes('Find a mentor')),
      { timeoutMs: 20_000, description: 'the Home with Find a mentor' },
    );
    const homeId = (home.response as { view: { id: string } }).view.id;
    const clickIn = (viewId: string, actionId: string, value: string) =>
      h.driver.interaction({
        teamId: teamA,
        userId: 'U0P12',
        payload: {
          type: 'block_actions',
          container: { type: 'view', view_id: viewId },
          actions: [{ action_id: actionId, type: 'button', value }],
        },
      });
    expect((await clickIn(homeId, 'mentorship_find_mentor', programmeId)).status).toBe(200);
    const modal = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .openViews()
          .find((v) => v.teamId === teamA && v.userId === 'U0P12' && JSON.stringify(v.view).includes('Ask Person')),
      { timeoutMs: 20_000, description: 'the suggestions modal' },
    );
    const ask = buttonsOf(modal.view as { blocks?: unknown[] }).find((b) => b.action_id === 'mentorship_request_ask');
    expect(ask?.value.startsWith(`${programmeId}|`)).toBe(true);
    expect((await clickIn(modal.id, 'mentorship_request_ask', ask!.value)).status).toBe(200);
    await h.sandbox.waitFor(
      () =>
        h.sandbox
          .callsTo('views.update', { teamId: teamA })
          .find(
            (c) =>
              c.args.view_id === modal.id &&
              c.status === 200 &&
              JSON.stringify(c.args.view).includes('Your request went to'),
          ),
      { timeoutMs: 20_000, description: 'the answer in the same modal' },
    );
    const request = await requestOf(teamA, programmeId, 'U0P12', ask!.value.split('|')[1]!);
    expect(request.status).toBe('open');
  });
});

describe('the mentor answers', () => {
  test('accept: the DM says so in place, the mentee hears they are matched, and the pair is introduced once', async () => {
    const programmeId = await choiceProgramme(teamA, 'C0MACCEPT', ['U0P13']);
    const { request, dm } = await ask(teamA, programmeId, 'U0P13', 'U0P02');
    const at = { channel: dm.channelId, ts: dm.ts };
    const answer = await click(teamA, 'U0P02', 'mentorship_request_accept', request.id, at);
    expect(answer.replace_original).toBe(true);
    expect(words(current(dm))).toContain('You accepted <@U0P13> as your mentee in <#C0MACCEPT>');
    expect(buttonsOf(current(dm))).toEqual([]);
    expect(await activePairs(db(), teamA, programmeId)).toEqual([['U0P02', 'U0P13']]);

    const [told] = await waitForSent(`mentorship.accepted.${request.id}`);
    expect(words(told!)).toContain('<@U0P02> accepted your request: they are your mentor in <#C0MACCEPT>');
    const pair = await db()
      .selectFrom('mentorship_pairs')
      .select('id')
      .where('workspace_id', '=', teamA)
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    await waitForSent(`mentorship.intro.${pair.id}`);

    // A second click (the message was already answered elsewhere) changes nothing and tells nobody again.
    await click(teamA, 'U0P02', 'mentorship_request_accept', request.id, at);
    await sleep(1_000);
    expect(sentUnder(`mentorship.accepted.${request.id}`)).toHaveLength(1);
    expect(sentUnder(`mentorship.intro.${pair.id}`)).toHaveLength(1);
    expect(await activePairs(db(), teamA, programmeId)).toEqual([['U0P02', 'U0P13']]);

    // Matched, the mentee has nobody left to look for.
    const matched = await click(teamA, 'U0P13', 'mentorship_find_mentor', programmeId);
    expect(words(matched)).toContain('You already have a mentor in <#C0MACCEPT>: <@U0P02>.');
    expect(buttonsOf(matched)).toEqual([]);
  });

  test('decline: the DM says so in place; the mentee only gets their next suggestion, never the decline', async () => {
    const programmeId = await choiceProgramme(teamA, 'C0MNOTHANKS', ['U0P14']);
    const { request, dm } = await ask(teamA, programmeId, 'U0P14', 'U0P00');
    const at = { channel: dm.channelId, ts: dm.ts };
    await click(teamA, 'U0P00', 'mentorship_request_decline', request.id, at);
    expect(words(current(dm))).toContain('You declined <@U0P14>');
    expect(buttonsOf(current(dm))).toEqual([]);

    const [next] = await waitForSent(`mentorship.handoff.${request.id}`);
    const text = words(next!);
    expect(text).toContain('Here is another mentor who teaches Rust in <#C0MNOTHANKS>');
    expect(text).not.toMatch(/declin|<@U0P00>/i);
    const [offered] = buttonsOf(next!).filter((b) => b.action_id === 'mentorship_request_ask');
    expect(['U0P01', 'U0P02']).toContain(offered!.value.split('|')[1]);
    const opened = h.sandbox
      .callsTo('conversations.open', { teamId: teamA })
      .find((c) => (c.response as { channel?: { id?: string } }).channel?.id === next!.channelId);
    expect(String(opened?.args.users)).toBe('U0P14');

    // The next suggestion's button asks that mentor, from the DM it came in.
    const fromHandoff = await click(teamA, 'U0P14', 'mentorship_request_ask', offered!.value, {
      channel: next!.channelId,
      ts: next!.ts,
    });
    expect(words(fromHandoff)).toContain('Your request went to');

    // Clicking Decline again, or Accept after declining, changes nothing and sends nothing more.
    await click(teamA, 'U0P00', 'mentorship_request_decline', request.id, at);
    await click(teamA, 'U0P00', 'mentorship_request_accept', request.id, at);
    await sleep(1_000);
    expect(sentUnder(`mentorship.handoff.${request.id}`)).toHaveLength(1);
    expect((await activePairs(db(), teamA, programmeId)).filter(([m]) => m === 'U0P00')).toEqual([]);
    // What the mentee was shown anywhere never speaks of the decline.
    for (const e of h.sandbox.ephemerals({ userId: 'U0P14' })) expect(words(e)).not.toMatch(/declin/i);
  });

  test('six accepts clicked at once for a mentor with two seats: exactly two pairs, a clear answer for each click', {
    timeout: 90_000,
  }, async () => {
    const mentees = ['U0P15', 'U0P16', 'U0P17', 'U0P18', 'U0P19', 'U0P20'];
    const programmeId = await choiceProgramme(teamA, 'C0MRACE', mentees, 2);
    const asked = [];
    for (const mentee of mentees) asked.push(await ask(teamA, programmeId, mentee, 'U0P00'));
    const answers = await Promise.all(
      asked.map(({ request, dm }) =>
        click(teamA, 'U0P00', 'mentorship_request_accept', request.id, { channel: dm.channelId, ts: dm.ts }),
      ),
    );
    const pairs = await activePairs(db(), teamA, programmeId);
    expect(pairs).toHaveLength(2);
    expect(pairs.every(([mentor]) => mentor === 'U0P00')).toBe(true);
    const accepted = answers.filter((a) => a.replace_original === true);
    const full = answers.filter((a) => a.text.includes('your capacity'));
    expect(accepted).toHaveLength(2);
    expect(full).toHaveLength(4);
    for (const a of full) expect(a.text).toContain('You already mentor 2 people in <#C0MRACE>, your capacity');

    const matched = new Set(pairs.map(([, mentee]) => mentee));
    for (const { request } of asked) {
      if (matched.has(request.mentee_id)) await waitForSent(`mentorship.accepted.${request.id}`);
      else {
        // Left waiting on a full mentor, the mentee is offered another, worded as any hand-off.
        const [next] = await waitForSent(`mentorship.handoff.${request.id}`);
        expect(words(next!)).toContain('Here is another mentor who teaches Rust');
      }
    }
    await sleep(1_000);
    for (const { request } of asked) {
      const told = sentUnder(`mentorship.accepted.${request.id}`).length;
      const handed = sentUnder(`mentorship.handoff.${request.id}`).length;
      expect(told + handed).toBe(1);
    }
  });
});

describe('another workspace with the same people', () => {
  test('its requests cannot be answered or seen from here, and its rows are untouched', async () => {
    const programmeA = await choiceProgramme(teamA, 'C0MISO', ['U0P21']);
    const programmeB = await choiceProgramme(teamB, 'C0MISO', ['U0P21']);
    const { request: requestB } = await ask(teamB, programmeB, 'U0P21', 'U0P01');
    const before = await db().selectFrom('mentorship_requests').selectAll().where('workspace_id', '=', teamB).execute();

    // Workspace A's U0P01 clicks Accept with B's request id; A's U0P21 asks through B's programme.
    const answer = await click(teamA, 'U0P01', 'mentorship_request_accept', requestB.id);
    expect(words(answer)).toContain('This request is not for you, or no longer exists.');
    const crossAsk = await click(teamA, 'U0P21', 'mentorship_request_ask', `${programmeB}|U0P02`);
    expect(words(crossAsk)).toContain('That mentorship programme no longer exists.');
    const crossFind = await click(teamA, 'U0P21', 'mentorship_find_mentor', programmeB);
    expect(words(crossFind)).toContain('That mentorship programme no longer exists.');
    // A's own view shows nothing of B's request.
    const own = await click(teamA, 'U0P21', 'mentorship_find_mentor', programmeA);
    expect(words(own)).not.toContain('Waiting for an answer');

    expect(
      await db().selectFrom('mentorship_requests').selectAll().where('workspace_id', '=', teamB).execute(),
    ).toEqual(before);
    expect(await activePairs(db(), teamB, programmeB)).toEqual([]);
    expect(await activePairs(db(), teamA, programmeA)).toEqual([]);
  });
});

describe('a request nobody answers', () => {
  test('after 72 hours the hourly job hands the mentee on once, worded like any hand-off', {
    timeout: 60_000,
  }, async () => {
    const programmeId = await choiceProgramme(teamA, 'C0MLATE', ['U0P22']);
    // The programme's workspace gets its hourly requests job.
    await reconcileSchedules(h.service.deps);
    const schedulers = (await h.service.deps.queues.queue('nudge-tasks').getJobSchedulers()).map((s) => s.key);
    expect(schedulers).toContain(`ws.${teamA}.mentorship.expire`);
    const { request, dm } = await ask(teamA, programmeId, 'U0P22', 'U0P02');
    // Two runs at once, as a retry racing the next hour's run would.
    const sweep = async () => {
      await Promise.all([0, 1].map(() => h.service.deps.queues.enqueue('mentorship.expire', { workspaceId: teamA })));
      await eventually(async () => {
        const counts = await h.service.deps.queues.queue('nudge-tasks').getJobCounts('waiting', 'active');
        return counts.waiting === 0 && counts.active === 0 ? true : undefined;
      }, 'the requests job ran');
    };

    clock.advance(71 * hour);
    await sweep();
    await sleep(1_000);
    expect((await requestOf(teamA, programmeId, 'U0P22', 'U0P02')).status).toBe('open');
    expect(sentUnder(`mentorship.handoff.${request.id}`)).toEqual([]);

    clock.advance(1 * hour + 60_000);
    await sweep();
    const [next] = await waitForSent(`mentorship.handoff.${request.id}`);
    expect(words(next!)).toContain('Here is another mentor who teaches Rust in <#C0MLATE>');
    expect(words(next!)).not.toMatch(/expire|<@U0P02>/i);
    expect((await requestOf(teamA, programmeId, 'U0P22', 'U0P02')).status).toBe('expired');

    // The mentor answering late finds nothing left to answer, and the buttons go.
    await click(teamA, 'U0P02', 'mentorship_request_accept', request.id, { channel: dm.channelId, ts: dm.ts });
    expect(words(current(dm))).toContain('closed before you answered');
    expect(buttonsOf(current(dm))).toEqual([]);
    expect(await activePairs(db(), teamA, programmeId)).toEqual([]);

    // A mentee whose three requests expired in the same run gets one message, not three.
    const threeAtOnce = await db()
      .selectFrom('mentorship_requests')
      .select(['id', 'status'])
      .where('workspace_id', '=', teamA)
      .where('mentee_id', '=', 'U0P11')
      .execute();
    expect(threeAtOnce.map((r) => r.status)).toEqual(['expired', 'expired', 'expired']);
    await eventually(
      async () => (threeAtOnce.some((r) => sentUnder(`mentorship.handoff.${r.id}`).length > 0) ? true : undefined),
      'the hand-off of three requests',
    );

    // The next hours' runs (and a retried one) send nothing more.
    clock.advance(hour);
    await sweep();
    await sweep();
    await sleep(1_000);
    expect(sentUnder(`mentorship.handoff.${request.id}`)).toHaveLength(1);
    expect(sentUnder('mentorship.handoff.').filter((m) => m.channelId === next!.channelId)).toHaveLength(1);
    expect(threeAtOnce.flatMap((r) => sentUnder(`mentorship.handoff.${r.id}`))).toHaveLength(1);
  });
});
