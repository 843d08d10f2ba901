import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reconcileSchedules } from '../../jobs/schedules.ts';
import { saveSkillProfile } from '../../src/domain/learning/save-skill-profile.ts';
import { adjustableClock } from '../../src/observability/clock.ts';
import type { StoredMessage } from '../../src/sandbox/index.ts';
import { type ClickAnswer, clickForAnswer } from '../support/button-click.ts';
import { type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { buttonsOf, words } from '../support/message-parts.ts';
import { messagesByKey } from '../support/sent-messages.ts';
import { submitOpenedView } from '../support/view-submission.ts';
import { eventually, sleep } from '../support/wait.ts';

/**
 * "Who can teach me X" end to end, with signed requests: `/nudge learn` suggests people who opted in, the asker asks
 * (to learn or to shadow), the expert answers in their DM, an accept opens one group DM, a decline or 72 hours of
 * silence hands the asker on in the same words, and an expert at their weekly cap is not suggested. A second
 * workspace with the same user ids stays apart.
 */

const teamA = 'T0LREQA';
const teamB = 'T0LREQB';
const clock = adjustableClock();
let h: Harness;
const db = () => h.service.deps.db;
const hour = 3_600_000;

async function askMeAbout(teamId: string, userId: string, skills: string[], wantToLearn: string[] = []) {
  const lists = { ask_me_about: skills, can_mentor: [], want_to_learn: wantToLearn, want_to_improve: [] };
  const saved = await saveSkillProfile(db(), { workspaceId: teamId, userId, lists, now: clock.now() });
  expect(saved.ok).toBe(true);
}

beforeAll(async () => {
  h = await startHarness({
    oauth: true,
    label: 'learning-requests',
    workspaces: [
      kudosWorkspace(teamA),
      { ...kudosWorkspace(teamB), channels: [{ id: 'C0TEAMB', name: 'team', members: ['U0P21'] }], usergroups: [] },
    ],
    clock,
    sandboxOnClock: true,
  });
  for (const teamId of [teamA, teamB]) {
    expect((await installViaOAuth(h, teamId)).status).toBe(200);
    for (const userId of ['U0P00', 'U0P23', 'U0ALEX']) await waitForMember(db(), teamId, userId, 20_000);
  }
  for (const expert of ['U0P01', 'U0P02', 'U0P03', 'U0P04']) await askMeAbout(teamA, expert, ['Rust', 'Go']);
  // The only one who can be asked about Haskell.
  await askMeAbout(teamA, 'U0P06', ['Haskell']);
  // Wants to learn Rust and could mentor it, but never opted in to be asked: never suggested.
  await askMeAbout(teamA, 'U0P05', [], ['Rust']);
  // The second workspace, same ids: only U0P09 can be asked about Rust there.
  await askMeAbout(teamB, 'U0P09', ['rust']);
});
afterAll(async () => {
  await h?.stop();
});

/** A signed click on a button, and the answer Nudge sent back through the click's response_url. */
const click = (teamId: string, userId: string, actionId: string, value: string, on?: { channel: string; ts: string }) =>
  clickForAnswer(h, { teamId, userId, actionId, value, channel: 'C0TEAM', on });

async function learn(teamId: string, userId: string, text: string): Promise<ClickAnswer> {
  const response = await h.driver.command({ teamId, userId, channelId: 'C0TEAM', command: '/nudge', text });
  expect(response.status).toBe(200);
  return response.json as ClickAnswer;
}

const askedExperts = (message: ClickAnswer | StoredMessage) =>
  buttonsOf(message)
    .filter((b) => b.action_id === 'learning_ask')
    .map((b) => b.value.split('|')[0]);

function sentUnder(prefix: string): StoredMessage[] {
  return [...messagesByKey(h.sandbox).entries()].filter(([key]) => key.startsWith(prefix)).flatMap(([, m]) => m);
}

async function waitForSent(prefix: string, count = 1): Promise<StoredMessage[]> {
  return await h.sandbox.waitFor(() => (sentUnder(prefix).length >= count ? sentUnder(prefix) : undefined), {
    timeoutMs: 20_000,
    description: `${count} message(s) under ${prefix}`,
  });
}

function current(message: StoredMessage): StoredMessage {
  return h.sandbox.messages(message.channelId).find((m) => m.ts === message.ts)!;
}

async function requestOf(teamId: string, askerId: string, expertId: string) {
  return await db()
    .selectFrom('learning_requests')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .where('asker_id', '=', askerId)
    .where('expert_id', '=', expertId)
    .executeTakeFirstOrThrow();
}

/** The asker clicks Ask; returns the answer, the row and the expert's DM once it lands. */
async function ask(teamId: string, askerId: string, expertId: string, skill = 'rust') {
  const answer = await click(teamId, askerId, 'learning_ask', `${expertId}|${skill}`);
  const request = await requestOf(teamId, askerId, expertId);
  const [dm] = await waitForSent(`learning.request.${request.id}`);
  return { answer, request, dm: dm! };
}

describe('asking to learn', () => {
  test('/nudge learn rust suggests three people who opted in, with why; Ask sends the expert one DM with three answers', async () => {
    const shown = await learn(teamA, 'U0P10', 'learn RUST');
    const experts = askedExperts(shown);
    expect(experts).toHaveLength(3);
    for (const e of experts) expect(['U0P01', 'U0P02', 'U0P03', 'U0P04']).toContain(e);
    expect(words(shown)).toContain('People who can help you learn *RUST*');
    expect(words(shown)).toContain('asks to be asked about Rust and Go');
    expect(buttonsOf(shown).filter((b) => b.action_id === 'learning_shadow')).toHaveLength(3);

    const { answer, request, dm } = await ask(teamA, 'U0P10', 'U0P01');
    expect(words(answer)).toContain('Your request went to <@U0P01>');
    expect(request).toMatchObject({ status: 'open', kind: 'learn', skill_key: 'rust' });
    const opened = h.sandbox
      .callsTo('conversations.open', { teamId: teamA })
      .find((c) => (c.response as { channel?: { id?: string } }).channel?.id === dm.channelId);
    expect(String(opened?.args.users)).toBe('U0P01');
    expect(words(dm)).toContain('<@U0P10> would like to learn *rust* from you.');
    expect(buttonsOf(dm)).toEqual([
      { action_id: 'learning_request_accept', value: request.id, text: 'Accept' },
      { action_id: 'learning_request_decline', value: request.id, text: 'Decline' },
      { action_id: 'learning_request_suggest', value: request.id, text: 'Suggest someone else' },
    ]);

    // Asking again, and the job queued again: still one DM.
    expect(words(await click(teamA, 'U0P10', 'learning_ask', 'U0P01|rust'))).toContain(
      'You have already asked <@U0P01>',
    );
    await h.service.deps.queues.enqueue('learning.request', { workspaceId: teamA, requestId: request.id });
    await sleep(1_000);
    expect(sentUnder(`learning.request.${request.id}`)).toHaveLength(1);
  });

  test('bad input gets a specific answer and asks nobody', async () => {
    expect(words(await learn(teamA, 'U0P10', 'learn'))).toContain('Which skill would you like to learn?');
    expect(words(await learn(teamA, 'U0P10', `learn ${'x'.repeat(300)}`))).toContain('longer than 100 characters');
    // A skill nobody lists: the closest ones people do list, each a button that shows who can help with it.
    const typo = await learn(teamA, 'U0P10', 'learn haskel');
    expect(words(typo)).toContain('No one lists *haskel* under *ask me about*. Did you mean one of these?');
    expect(buttonsOf(typo)).toEqual([{ action_id: 'learning_find', value: 'Haskell', text: 'Haskell' }]);
    expect(askedExperts(await click(teamA, 'U0P10', 'learning_find', 'Haskell'))).toEqual(['U0P06']);
    expect(words(await click(teamA, 'U0P01', 'learning_ask', 'U0P01|rust'))).toContain('You cannot ask yourself.');
    expect(words(await click(teamA, 'U0P10', 'learning_ask', 'U0P05|rust'))).toContain(
      'does not list that skill under *ask me about*',
    );
    const rows = await db()
      .selectFrom('learning_requests')
      .select('expert_id')
      .where('workspace_id', '=', teamA)
      .execute();
    expect(rows.map((r) => r.expert_id)).toEqual(['U0P01']);
  });

  test('shadowing: the small modal asks how long and which day, and the DM says both', async () => {
    const response = await h.driver.interaction({
      teamId: teamA,
      userId: 'U0P16',
      payload: {
        type: 'block_actions',
        channel: { id: 'C0TEAM' },
        actions: [{ action_id: 'learning_shadow', type: 'button', value: 'U0P02|Rust' }],
      },
    });
    expect(response.status).toBe(200);
    const modal = await h.sandbox.waitFor(
      () => h.sandbox.openViews().find((v) => v.userId === 'U0P16' && v.view.callback_id === 'learning_shadow_modal'),
      { timeoutMs: 20_000, description: 'the shadow modal' },
    );
    const values = (date: string) => ({
      length: { value: { type: 'static_select', selected_option: { value: 'shadow_half_day' } } },
      date: { value: { type: 'datepicker', selected_date: date } },
    });
    const past = await submitOpenedView(h, {
      teamId: teamA,
      userId: 'U0P16',
      view: modal,
      values: values('2020-01-01'),
    });
    expect(past).toMatchObject({ response_action: 'errors', errors: { date: 'Pick today or a later day.' } });
    const day = new Date(clock.now().getTime() + 5 * 24 * hour).toISOString().slice(0, 10);
    const sent = await submitOpenedView(h, { teamId: teamA, userId: 'U0P16', view: modal, values: values(day) });
    expect(JSON.stringify(sent)).toContain('Your request went to <@U0P02>');
    const request = await requestOf(teamA, 'U0P16', 'U0P02');
    expect(request).toMatchObject({ kind: 'shadow_half_day', proposed_date: day });
    const [dm] = await waitForSent(`learning.request.${request.id}`);
    expect(words(dm!)).toContain(`<@U0P16> would like to shadow you for half a day on ${day}, to learn *Rust*.`);
  });
});

describe('the expert answers', () => {
  test('accept: the DM says so in place and one group DM of both opens with a first step, however often it is clicked', async () => {
    const { request, dm } = await ask(teamA, 'U0P11', 'U0P03');
    const at = { channel: dm.channelId, ts: dm.ts };
    const answer = await click(teamA, 'U0P03', 'learning_request_accept', request.id, at);
    expect(answer.replace_original).toBe(true);
    expect(words(current(dm))).toContain("You accepted <@U0P11>'s request");
    expect(buttonsOf(current(dm))).toEqual([]);
    const [intro] = await waitForSent(`learning.accepted.${request.id}`);
    expect(words(intro!)).toContain('<@U0P11>, <@U0P03> is happy to help you with *rust*');
    expect(words(intro!)).toContain('A first step');
    const opened = h.sandbox
      .callsTo('conversations.open', { teamId: teamA })
      .find((c) => (c.response as { channel?: { id?: string } }).channel?.id === intro!.channelId);
    expect(String(opened?.args.users).split(',').sort()).toEqual(['U0P03', 'U0P11']);

    await click(teamA, 'U0P03', 'learning_request_accept', request.id, at);
    await h.service.deps.queues.enqueue('learning.accepted', { workspaceId: teamA, requestId: request.id });
    await sleep(1_000);
    expect(sentUnder(`learning.accepted.${request.id}`)).toHaveLength(1);
  });

  test('decline: the asker only gets their next suggestions, with no trace of the decline or of who declined', async () => {
    const { request, dm } = await ask(teamA, 'U0P12', 'U0P04');
    await click(teamA, 'U0P04', 'learning_request_decline', request.id, { channel: dm.channelId, ts: dm.ts });
    expect(words(current(dm))).toContain("You declined <@U0P12>'s request");
    const [next] = await waitForSent(`learning.handoff.${request.id}`);
    expect(words(next!)).toContain(
      'Your request about *rust* closed without an answer. Here are other people who can help',
    );
    expect(words(next!)).not.toMatch(/declin|<@U0P04>/i);
    expect(askedExperts(next!).length).toBeGreaterThan(0);
    expect(askedExperts(next!)).not.toContain('U0P04');
    const opened = h.sandbox
      .callsTo('conversations.open', { teamId: teamA })
      .find((c) => (c.response as { channel?: { id?: string } }).channel?.id === next!.channelId);
    expect(String(opened?.args.users)).toBe('U0P12');
    // Nor does the declining expert come back when the asker looks again.
    expect(askedExperts(await learn(teamA, 'U0P12', 'learn rust'))).not.toContain('U0P04');
    for (const e of h.sandbox.ephemerals({ userId: 'U0P12' })) expect(words(e)).not.toMatch(/declin/i);
  });
});

describe('suggest someone else', () => {
  async function suggestColleague(askerId: string, expertId: string, colleague: string) {
    const { request, dm } = await ask(teamA, askerId, expertId, 'go');
    const response = await h.driver.interaction({
      teamId: teamA,
      userId: expertId,
      payload: {
        type: 'block_actions',
        channel: { id: dm.channelId },
        container: { type: 'message', channel_id: dm.channelId, message_ts: dm.ts },
        actions: [{ action_id: 'learning_request_suggest', type: 'button', value: request.id }],
      },
    });
    expect(response.status).toBe(200);
    const modal = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .openViews()
          .find((v) => v.userId === expertId && v.view.callback_id === 'learning_suggest_modal' && v.state === 'open'),
      { timeoutMs: 20_000, description: 'the suggest modal' },
    );
    const values = { colleague: { value: { type: 'users_select', selected_user: colleague } } };
    await submitOpenedView(h, { teamId: teamA, userId: expertId, view: modal, values });
    const [next] = await waitForSent(`learning.handoff.${request.id}`);
    return { request, dm, next: next! };
  }

  test('a colleague who opted in to the skill is offered to the asker first; the asker is not told of a decline', async () => {
    // Without the suggestion U0P01, asked longest ago, would come first.
    const { request, dm, next } = await suggestColleague('U0P20', 'U0P03', 'U0P02');
    expect(askedExperts(next)[0]).toBe('U0P02');
    expect(words(next)).toContain('Your request about *go* closed without an answer.');
    expect(words(next)).not.toMatch(/declin|<@U0P03>/i);
    expect((await requestOf(teamA, 'U0P20', 'U0P03')).status).toBe('declined');
    await eventually(
      async () => (words(current(dm)).includes("You passed <@U0P20>'s request") ? true : undefined),
      'the DM rewritten',
    );
    expect(buttonsOf(current(dm))).toEqual([]);
    expect(request.kind).toBe('learn');
  });

  test('a colleague who never opted in is not offered; the asker just gets their next suggestions', async () => {
    const { next } = await suggestColleague('U0P21', 'U0P04', 'U0P05');
    expect(askedExperts(next)).not.toContain('U0P05');
    expect(askedExperts(next)[0]).toBe('U0P01');
  });
});

describe('the Learn something shortcut', () => {
  test('asks the skill in a modal, then shows the suggestions there; an empty skill is answered inline', async () => {
    const response = await h.driver.interaction({
      teamId: teamA,
      userId: 'U0P22',
      payload: { type: 'shortcut', callback_id: 'learning_learn_something' },
    });
    expect(response.status).toBe(200);
    const modal = await h.sandbox.waitFor(
      () => h.sandbox.openViews().find((v) => v.userId === 'U0P22' && v.view.callback_id === 'learning_skill_modal'),
      { timeoutMs: 20_000, description: 'the skill modal' },
    );
    const skill = (value: string) => ({ skill: { value: { type: 'plain_text_input', value } } });
    const empty = await submitOpenedView(h, { teamId: teamA, userId: 'U0P22', view: modal, values: skill('  ') });
    expect(empty).toEqual({ response_action: 'errors', errors: { skill: 'Name a skill, such as Rust.' } });
    const shown = (await submitOpenedView(h, {
      teamId: teamA,
      userId: 'U0P22',
      view: modal,
      values: skill('Haskell'),
    })) as unknown as { response_action: string; view: { blocks: unknown[] } };
    expect(shown.response_action).toBe('update');
    expect(askedExperts({ text: '', blocks: shown.view.blocks } as ClickAnswer)).toEqual(['U0P06']);
  });
});

describe('the weekly cap', () => {
  test('an expert who received two requests this week is not suggested, and asking them directly is refused', async () => {
    // U0P01 was asked once above; a second asker takes their last slot.
    await ask(teamA, 'U0P14', 'U0P01');
    expect(askedExperts(await learn(teamA, 'U0P15', 'learn rust'))).not.toContain('U0P01');
    expect(words(await click(teamA, 'U0P15', 'learning_ask', 'U0P01|rust'))).toContain(
      '<@U0P01> cannot take this request right now.',
    );
    const toP01 = await db().selectFrom('learning_requests').select('id').where('expert_id', '=', 'U0P01').execute();
    expect(toP01).toHaveLength(2);
  });

  test('the only Haskell expert, once at their cap, leaves nobody to suggest; nor is anyone suggested to themself', async () => {
    expect(words(await learn(teamA, 'U0P06', 'learn haskell'))).toContain(
      'No one can be asked about *haskell* right now.',
    );
    expect(askedExperts(await learn(teamA, 'U0P17', 'learn haskell'))).toEqual(['U0P06']);
    await ask(teamA, 'U0P17', 'U0P06', 'haskell');
    await ask(teamA, 'U0P18', 'U0P06', 'haskell');
    const capped = await learn(teamA, 'U0P19', 'learn haskell');
    expect(askedExperts(capped)).toEqual([]);
    expect(words(capped)).toContain('No one can be asked about *haskell* right now.');
  });
});

describe('another workspace with the same people', () => {
  test('suggests only its own opted-in people and cannot answer requests of the first', async () => {
    expect(askedExperts(await learn(teamB, 'U0P10', 'learn rust'))).toEqual(['U0P09']);
    const requestA = await requestOf(teamA, 'U0P10', 'U0P01');
    const answer = await click(teamB, 'U0P01', 'learning_request_accept', requestA.id);
    expect(words(answer)).toContain('This request is not for you, or no longer exists.');
    expect((await requestOf(teamA, 'U0P10', 'U0P01')).status).toBe('open');
  });
});

describe('a request nobody answers', () => {
  test('after 72 hours the hourly job hands the asker on once, worded exactly like a decline', {
    timeout: 60_000,
  }, async () => {
    const { request, dm } = await ask(teamA, 'U0P13', 'U0P02');
    await reconcileSchedules(h.service.deps);
    const schedulers = (await h.service.deps.queues.queue('nudge-tasks').getJobSchedulers()).map((s) => s.key);
    expect(schedulers).toContain(`ws.${teamA}.learning.expire`);
    const sweep = async () => {
      await Promise.all([0, 1].map(() => h.service.deps.queues.enqueue('learning.expire', { workspaceId: teamA })));
      await eventually(async () => {
        const counts = await h.service.deps.queues.queue('nudge-tasks').getJobCounts('waiting', 'active');
        return counts.waiting === 0 && counts.active === 0 ? true : undefined;
      }, 'the requests job ran');
    };
    clock.advance(71 * hour);
    await sweep();
    await sleep(1_000);
    expect((await requestOf(teamA, 'U0P13', 'U0P02')).status).toBe('open');
    expect(sentUnder(`learning.handoff.${request.id}`)).toEqual([]);

    clock.advance(hour + 60_000);
    await sweep();
    const [next] = await waitForSent(`learning.handoff.${request.id}`);
    expect(words(next!)).toContain('Your request about *rust* closed without an answer.');
    expect(words(next!)).not.toMatch(/expire|<@U0P02>/i);
    expect((await requestOf(teamA, 'U0P13', 'U0P02')).status).toBe('expired');

    // Answering late finds nothing left to answer; the buttons go.
    await click(teamA, 'U0P02', 'learning_request_accept', request.id, { channel: dm.channelId, ts: dm.ts });
    expect(words(current(dm))).toContain('closed before you answered');
    clock.advance(hour);
    await sweep();
    await sleep(1_000);
    expect(sentUnder(`learning.handoff.${request.id}`)).toHaveLength(1);
    expect(sentUnder(`learning.accepted.${request.id}`)).toEqual([]);
  });
});

describe('the weekly cap, set by an admin', () => {
  test('in the workspace skill list modal: checked, audited, and it lets the capped expert be asked once more', async () => {
    expect(askedExperts(await learn(teamA, 'U0P19', 'learn haskell'))).toEqual([]);
    const since = Date.now();
    await learn(teamA, 'U0ADMIN', 'skills admin');
    const view = await h.sandbox.waitFor(
      () =>
        h.sandbox
          .openViews()
          .find(
            (v) => v.userId === 'U0ADMIN' && v.updatedAt >= since && v.view.callback_id === 'learning_workspace_skills',
          ),
      { timeoutMs: 20_000, description: 'the workspace skills modal' },
    );
    expect(JSON.stringify(view.view)).toContain('"initial_value":"2"');
    const values = (cap: string) => ({
      learning_workspace_skills_list: { skills: { type: 'plain_text_input', value: 'Haskell' } },
      learning_weekly_request_cap: { cap: { type: 'number_input', value: cap } },
    });
    const forged = await submitOpenedView(h, { teamId: teamA, userId: 'U0P19', view, values: values('9') });
    expect(forged?.errors?.learning_workspace_skills_list).toContain('Only Nudge admins');
    const bad = await submitOpenedView(h, { teamId: teamA, userId: 'U0ADMIN', view, values: values('0') });
    expect(bad?.errors).toEqual({ learning_weekly_request_cap: 'A whole number from 1 to 20.' });
    expect(await db().selectFrom('learning_settings').selectAll().execute()).toEqual([]);

    const saved = await submitOpenedView(h, { teamId: teamA, userId: 'U0ADMIN', view, values: values('3') });
    expect(saved?.response_action).toBe('update');
    const settings = await db()
      .selectFrom('learning_settings')
      .select(['workspace_id', 'weekly_request_cap'])
      .execute();
    expect(settings).toEqual([{ workspace_id: teamA, weekly_request_cap: 3 }]);
    const audit = await db()
      .selectFrom('admin_audit_log')
      .select(['actor_id', 'changes'])
      .where('workspace_id', '=', teamA)
      .where('action', '=', 'learning.weekly_cap_changed')
      .execute();
    expect(audit).toEqual([{ actor_id: 'U0ADMIN', changes: { weekly_request_cap: { from: 2, to: 3 } } }]);
    expect(askedExperts(await learn(teamA, 'U0P19', 'learn haskell'))).toEqual(['U0P06']);
    // The other workspace keeps the default.
    await askMeAbout(teamB, 'U0P08', ['Haskell']);
    await ask(teamB, 'U0P17', 'U0P08', 'haskell');
    await ask(teamB, 'U0P18', 'U0P08', 'haskell');
    expect(askedExperts(await learn(teamB, 'U0P19', 'learn haskell'))).toEqual([]);
  });
});
