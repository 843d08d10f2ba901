import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { upsertKudosSettings } from '../../src/db/queries/kudos-settings.ts';
import { commandAnswer } from '../../src/sandbox/index.ts';
import { type Harness, startHarness, transports } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually, sleep } from '../support/wait.ts';

// The same listener tests over Slack's two ways in: signed HTTP requests and Socket Mode envelopes.
describe.each(transports)('over %s', (transport) => {
  let h: Harness;
  const teamId = 'T0KUDOS';

  beforeAll(async () => {
    h = await startHarness({ label: `kudos-${transport}`, workspaces: [kudosWorkspace(teamId)], transport });
    await waitForMember(h.service.deps.db, teamId, 'U0P23');
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(async () => {
    // Each test starts with a fresh allowance: clear this workspace's ledger.
    await h.service.deps.db.deleteFrom('kudos_gifts').where('workspace_id', '=', teamId).execute();
    await h.service.deps.db.deleteFrom('kudos_totals').where('workspace_id', '=', teamId).execute();
  });

  async function kudos(text: string, userId = 'U0GIVER', channelId = 'C0TEAM') {
    const response = await h.driver.command({ teamId, userId, channelId, command: '/kudos', text });
    expect(response.status).toBe(200);
    return (await commandAnswer(h.sandbox, response)) as { response_type: string; text: string; blocks: unknown[] };
  }

  async function ledger() {
    return await h.service.deps.db
      .selectFrom('kudos')
      .select(['giver_id', 'recipient_id', 'kudos_value'])
      .where('workspace_id', '=', teamId)
      .orderBy('id')
      .execute();
  }

  const postsIn = (channelId: string) => h.sandbox.messages(channelId).filter((m) => m.source === 'chat.postMessage');

  describe('/kudos', () => {
    test('gives kudos: ephemeral confirmation, public post where given, a DM to the recipient', async () => {
      const answer = await kudos('<@U0ALEX|alex> for untangling the release checklist #teamwork');
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toContain('Kudos sent to <@U0ALEX>');
      expect(answer.text).toContain('9 kudos of 10 left');
      expect(await ledger()).toEqual([{ giver_id: 'U0GIVER', recipient_id: 'U0ALEX', kudos_value: 'teamwork' }]);

      const post = await h.sandbox.waitFor(() =>
        postsIn('C0TEAM').find((m) => m.text.includes('gave kudos to <@U0ALEX>')),
      );
      expect(post.text).toContain('untangling the release checklist');
      const dm = await h.sandbox.waitFor(() =>
        h.sandbox
          .callsTo('chat.postMessage')
          .find((c) => c.status === 200 && String(c.args.text).includes('gave you kudos')),
      );
      expect(dm.args.channel).toMatch(/^D/);
      const gift = await eventually(async () => {
        const row = await h.service.deps.db
          .selectFrom('kudos_gifts')
          .selectAll()
          .where('workspace_id', '=', teamId)
          .executeTakeFirst();
        return row?.announced_at ? row : undefined;
      }, 'announcement');
      expect(gift.post_ts).toBe(post.ts);
    });

    test('several people and a user group at once; the giver is left out of their own group', async () => {
      const answer = await kudos('<@U0P01|person1>, <@U0P02> and <!subteam^S0DESIGN|@design> for a superb launch week');
      expect(answer.text).toContain('Kudos sent to');
      const recipients = (await ledger()).map((r) => r.recipient_id).sort();
      expect(recipients).toEqual(['U0ALEX', 'U0BEA', 'U0P01', 'U0P02']);
    });

    test.each([
      ['<@U0GIVER> for being amazing at everything', "can't give kudos to yourself"],
      ['<@U0ROBOT> for running the nightly build', 'is a bot'],
      ['<@U0GONE> for years of great work', 'has left this workspace'],
      ['<@U9OUTSIDER> for helping across companies', "isn't a member of this workspace"],
      ['<@U0ALEX> for great pairing all week #teamwrok', 'Did you mean #teamwork'],
      ['<@U0ALEX> thanks', 'too short'],
      ['@alex for the great review yesterday', 'autocomplete'],
      ['<#C0TEAM|team> for the great review yesterday', 'channel'],
    ])('refuses %j with a specific answer and records nothing', async (text, expected) => {
      const answer = await kudos(text);
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toContain(expected);
      expect(await ledger()).toEqual([]);
    });

    test('the allowance refusal says what is left and when it resets in the giver’s own time zone', async () => {
      for (let i = 0; i < 10; i += 1) {
        const answer = await kudos(`<@U0P${String(i).padStart(2, '0')}> for the careful code review`);
        expect(answer.text).toContain('Kudos sent');
      }
      const refused = await kudos('<@U0P10> for the careful code review');
      expect(refused.text).toContain('You have no kudos left this period (allowance 10)');
      // The week resets Monday 00:00 in the workspace's zone (UTC here); Gina in Los Angeles sees her own time.
      expect(refused.text).toMatch(/resets Sunday \d+ \w+, 1[67]:00 GMT-[78]/);
      expect(await ledger()).toHaveLength(10);
    });

    test('the per-pair weekly cap stops a fourth kudos to the same person', async () => {
      for (let i = 0; i < 3; i += 1)
        expect((await kudos(`<@U0BEA> for answer number ${i} in the forum`)).text).toContain('Kudos sent');
      const refused = await kudos('<@U0BEA> for yet another great answer');
      expect(refused.text).toContain('already given <@U0BEA> 3 kudos this week');
      expect(await ledger()).toHaveLength(3);
    });

    test('the same command delivered twice (same trigger_id) records once and answers once', async () => {
      const form = h.driver.commandForm({
        teamId,
        channelId: 'C0TEAM',
        userId: 'U0GIVER',
        command: '/kudos',
        text: '<@U0ALEX> for the rescue during the outage',
      });
      for (let i = 0; i < 2; i += 1) {
        const response = await h.driver.signedPost({
          body: form.body,
          contentType: 'application/x-www-form-urlencoded',
        });
        expect(response.status).toBe(200);
      }
      const answer = await commandAnswer(h.sandbox, { status: 200, body: '', responseUrl: form.responseUrl });
      expect(answer.text).toContain('Kudos sent to <@U0ALEX>');
      await sleep(1_000);
      expect(h.sandbox.responseUrlPosts().filter((p) => p.url === form.responseUrl)).toHaveLength(1);
      expect(await ledger()).toHaveLength(1);
    });

    test('20 simultaneous /kudos from one giver with 10 left record exactly 10', async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => kudos(`<@U0P${String(i).padStart(2, '0')}> for help with the migration`)),
      );
      expect(answers.filter((a) => a.text.includes('Kudos sent'))).toHaveLength(10);
      expect(answers.filter((a) => a.text.includes('no kudos left'))).toHaveLength(10);
      expect(await ledger()).toHaveLength(10);
    });

    test('/kudos undo withdraws the last kudos, deletes its public post and DM, and returns the allowance', async () => {
      await kudos('<@U0ALEX> for covering my on-call shift');
      const post = await h.sandbox.waitFor(() =>
        postsIn('C0TEAM').find((m) => m.text.includes('covering my on-call shift')),
      );
      const dm = await h.sandbox.waitFor(() =>
        h.sandbox
          .callsTo('chat.postMessage')
          .find(
            (c) =>
              c.status === 200 &&
              String(c.args.text).includes('covering my on-call shift') &&
              /^D/.test(String(c.args.channel)),
          ),
      );
      const dmChannel = String(dm.args.channel);
      expect(h.sandbox.messages(dmChannel).some((m) => m.text.includes('covering my on-call shift'))).toBe(true);
      // The first delete reaches Slack but its answer is lost: the retry finds the post gone and finishes the rest.
      h.sandbox.inject({ method: 'chat.delete', kind: 'fail_after_effect', status: 500 });
      const answer = await kudos('undo');
      expect(answer.text).toContain('withdrawn');
      await h.sandbox.waitFor(() =>
        h.sandbox.messages('C0TEAM').some((m) => m.ts === post.ts) ||
        h.sandbox.messages(dmChannel).some((m) => m.text.includes('covering my on-call shift'))
          ? undefined
          : true,
      );
      // Nothing said in public about the withdrawal either.
      expect(h.sandbox.messages('C0TEAM').filter((m) => /withdr/.test(m.text))).toEqual([]);
      const again = await kudos('<@U0BEA> for the thoughtful design doc');
      expect(again.text).toContain('9 kudos of 10 left');
      expect(await kudos('undo')).toMatchObject({ text: expect.stringContaining('withdrawn') });
      expect((await kudos('undo')).text).toContain('no kudos of yours from the last 5 minutes');
    });

    test('where Slack will not delete them, an undone kudos’ post and DM say plainly it was withdrawn', async () => {
      await kudos('<@U0BEA> for the patient onboarding sessions');
      const post = await h.sandbox.waitFor(() =>
        postsIn('C0TEAM').find((m) => m.text.includes('patient onboarding sessions')),
      );
      const dm = await h.sandbox.waitFor(() =>
        h.sandbox
          .callsTo('chat.postMessage')
          .find(
            (c) =>
              c.status === 200 &&
              /^D/.test(String(c.args.channel)) &&
              String(c.args.text).includes('patient onboarding'),
          ),
      );
      // A workspace that keeps every message (compliance exports) refuses deletes.
      h.sandbox.inject({
        method: 'chat.delete',
        kind: 'error',
        error: 'compliance_exports_prevent_deletion',
        times: 2,
      });
      expect((await kudos('undo')).text).toContain('withdrawn');
      const withdrawnIn = (channel: string, ts: string) =>
        h.sandbox.messages(channel).find((m) => m.ts === ts && m.text === '_This kudos was withdrawn._');
      await h.sandbox.waitFor(() => withdrawnIn('C0TEAM', post.ts));
      const dmChannel = String(dm.args.channel);
      await h.sandbox.waitFor(() =>
        h.sandbox.messages(dmChannel).every((m) => !m.text.includes('patient onboarding')) ? true : undefined,
      );
      expect(h.sandbox.messages('C0TEAM').find((m) => m.ts === post.ts)?.text).not.toContain('<@U0GIVER>');
    });

    test('where Nudge cannot post, the kudos channel celebrates instead and the giver is told', async () => {
      await upsertKudosSettings(h.service.deps.db, {
        workspace_id: teamId,
        allowance: 10,
        allowance_period: 'week',
        pair_cap: 3,
        emoji: 'clap',
        kudos_values: ['teamwork', 'craft'],
        kudos_channel_id: 'C0KUDOS',
        prompt_channel_ids: [],
        prompt_weekday: 5,
        prompt_hour: 15,
        digest_enabled: true,
        admin_user_ids: [],
        updated_at: new Date(),
      });
      await kudos('<@U0ALEX> for keeping the secret project on track', 'U0GIVER', 'G0SECRET');
      await h.sandbox.waitFor(() => postsIn('C0KUDOS').find((m) => m.text.includes('secret project')));
      const notice = await h.sandbox.waitFor(() =>
        h.sandbox
          .callsTo('chat.postMessage')
          .find((c) => c.status === 200 && String(c.args.text).includes("can't post in <#G0SECRET>")),
      );
      expect(String(notice.args.text)).toContain('<#C0KUDOS>');
      expect(postsIn('G0SECRET')).toEqual([]);
      await h.service.deps.db.deleteFrom('kudos_settings').where('workspace_id', '=', teamId).execute();
    });

    test('leaderboards rank this week’s kudos with ties sharing a place', async () => {
      await kudos('<@U0ALEX> <@U0BEA> for the joint demo on Friday');
      await kudos('<@U0ALEX> for the follow-up write-up afterwards');
      await kudos('<@U0P05> for the follow-up write-up afterwards', 'U0BEA');
      const received = await kudos('top');
      expect(received.text).toContain('Most kudos received this week');
      expect(received.text).toMatch(/:first_place_medal: <@U0ALEX> — 2/);
      expect(received.text).toMatch(/:second_place_medal: <@U0BEA> — 1/);
      expect(received.text).toMatch(/:second_place_medal: <@U0P05> — 1/);
      const given = await kudos('top given all');
      expect(given.text).toMatch(/:first_place_medal: <@U0GIVER> — 3/);
      await sleep(10);
    });
  });
});
