import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { saveSkillProfile } from '../../src/domain/learning/save-skill-profile.ts';
import { adjustableClock } from '../../src/observability/clock.ts';
import type { StoredMessage } from '../../src/sandbox/index.ts';
import { clickForAnswer } from '../support/button-click.ts';
import { type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { buttonsOf, words } from '../support/message-parts.ts';
import { messagesByKey } from '../support/sent-messages.ts';

/**
 * The Home tab's open learning requests, end to end with signed requests: the expert sees what was asked and until
 * when, and answers there (Accept, Decline) with the Home published again; the asker sees who they wait on, and a
 * decline only makes the request leave their list. A second workspace with the same user ids sees none of it.
 */

const teamA = 'T0LHOMEA';
const teamB = 'T0LHOMEB';
const clock = adjustableClock();
let h: Harness;
const db = () => h.service.deps.db;

interface PublishedHome {
  id: string;
  text: string;
  buttons: ReturnType<typeof buttonsOf>;
}

/** The first Home published for the person since `since` that `match` accepts (a refresh may still be in flight). */
async function publishedHome(
  teamId: string,
  userId: string,
  since: number,
  match: (home: PublishedHome) => boolean = () => true,
): Promise<PublishedHome> {
  return await h.sandbox.waitFor(
    () =>
      h.sandbox
        .callsTo('views.publish', { teamId })
        .filter((c) => c.at >= since && c.args.user_id === userId && c.status === 200)
        .map((call) => {
          const view = call.args.view as { blocks: unknown[] };
          return {
            id: (call.response as { view: { id: string } }).view.id,
            text: words({ text: '', blocks: view.blocks }),
            buttons: buttonsOf(view),
          };
        })
        .find(match),
    { timeoutMs: 20_000, description: `the Home of ${userId}` },
  );
}

const withoutRequests = (home: PublishedHome) => !home.text.includes('Learning requests');

async function openHome(teamId: string, userId: string): Promise<PublishedHome> {
  const since = Date.now();
  await h.driver.event({ teamId, event: { type: 'app_home_opened', user: userId, tab: 'home' } });
  return await publishedHome(teamId, userId, since, (home) => home.text.includes('Welcome'));
}

/** A click on a button of the Home tab: no response_url there, so the answer comes as a modal. */
async function clickOnHome(teamId: string, userId: string, home: PublishedHome, actionId: string, value: string) {
  const response = await h.driver.interaction({
    teamId,
    userId,
    payload: {
      type: 'block_actions',
      container: { type: 'view', view_id: home.id },
      actions: [{ action_id: actionId, type: 'button', value }],
    },
  });
  expect(response.status).toBe(200);
}

async function ask(teamId: string, askerId: string, expertId: string) {
  await clickForAnswer(h, {
    teamId,
    userId: askerId,
    actionId: 'learning_ask',
    value: `${expertId}|rust`,
    channel: 'C0TEAM',
  });
  return await db()
    .selectFrom('learning_requests')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .where('asker_id', '=', askerId)
    .where('expert_id', '=', expertId)
    .executeTakeFirstOrThrow();
}

function sentUnder(key: string): StoredMessage[] {
  return messagesByKey(h.sandbox).get(key) ?? [];
}

beforeAll(async () => {
  h = await startHarness({
    oauth: true,
    label: 'learning-home',
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
  for (const expert of ['U0P01', 'U0P02', 'U0P03']) {
    const lists = { ask_me_about: ['Rust'], can_mentor: [], want_to_learn: [], want_to_improve: [] };
    expect((await saveSkillProfile(db(), { workspaceId: teamA, userId: expert, lists, now: clock.now() })).ok).toBe(
      true,
    );
  }
});
afterAll(async () => {
  await h?.stop();
});

describe('open learning requests on the Home tab', () => {
  test('the expert sees what was asked and until when, and accepts there: a modal says so, the group DM opens, both Homes drop it', async () => {
    const request = await ask(teamA, 'U0P10', 'U0P01');
    const expertHome = await openHome(teamA, 'U0P01');
    expect(expertHome.text).toContain('Learning requests');
    expect(expertHome.text).toContain('<@U0P10> would like to learn *rust* from you.');
    expect(expertHome.text).toContain(
      `<!date^${Math.floor((request.requested_at.getTime() + 72 * 3_600_000) / 1000)}^`,
    );
    expect(expertHome.buttons.filter((b) => b.value === request.id)).toEqual([
      { action_id: 'learning_request_accept', value: request.id, text: 'Accept' },
      { action_id: 'learning_request_decline', value: request.id, text: 'Decline' },
      { action_id: 'learning_request_suggest', value: request.id, text: 'Suggest someone else' },
    ]);
    const askerHome = await openHome(teamA, 'U0P10');
    expect(askerHome.text).toContain('*You asked*');
    expect(askerHome.text).toContain('to learn *rust*: waiting on <@U0P01> until');
    expect(askerHome.buttons.filter((b) => b.value === request.id)).toEqual([]);

    const clicked = Date.now();
    await clickOnHome(teamA, 'U0P01', expertHome, 'learning_request_accept', request.id);
    const answer = await h.sandbox.waitFor(
      () => h.sandbox.openViews().find((v) => v.userId === 'U0P01' && v.updatedAt >= clicked),
      { timeoutMs: 20_000, description: 'the answer modal' },
    );
    expect(words({ text: '', blocks: answer.view.blocks as unknown[] })).toContain("You accepted <@U0P10>'s request");
    const intro = await h.sandbox.waitFor(() => sentUnder(`learning.accepted.${request.id}`)[0], {
      timeoutMs: 20_000,
      description: 'the group DM',
    });
    expect(words(intro)).toContain('<@U0P10>, <@U0P01> is happy to help you with *rust*');
    // Both Homes are published again without the request.
    await publishedHome(teamA, 'U0P01', clicked, withoutRequests);
    await publishedHome(teamA, 'U0P10', clicked, withoutRequests);
    const row = await db()
      .selectFrom('learning_requests')
      .select('status')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('accepted');
  });

  test('a decline on the Home tab hands the asker on; their Home only loses the request, with no word of a decline', async () => {
    const request = await ask(teamA, 'U0P11', 'U0P02');
    expect((await openHome(teamA, 'U0P11')).text).toContain('waiting on <@U0P02>');
    const clicked = Date.now();
    await clickOnHome(teamA, 'U0P02', await openHome(teamA, 'U0P02'), 'learning_request_decline', request.id);
    const next = await h.sandbox.waitFor(() => sentUnder(`learning.handoff.${request.id}`)[0], {
      timeoutMs: 20_000,
      description: 'the next suggestions',
    });
    expect(words(next)).toContain('Your request about *rust* closed without an answer.');
    const askerHome = await publishedHome(teamA, 'U0P11', clicked, withoutRequests);
    expect(askerHome.text).not.toContain('<@U0P02>');
    expect(askerHome.text).not.toMatch(/declin/i);
    await publishedHome(teamA, 'U0P02', clicked, withoutRequests);
  });

  test('another workspace with the same people lists none of the first one’s requests', async () => {
    const request = await ask(teamA, 'U0P12', 'U0P03');
    expect((await openHome(teamA, 'U0P03')).buttons.map((b) => b.value)).toContain(request.id);
    const other = await openHome(teamB, 'U0P03');
    expect(other.text).not.toContain('Learning requests');
    expect((await openHome(teamB, 'U0P12')).text).not.toContain('Learning requests');
  });
});
