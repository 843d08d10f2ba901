import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandAnswer, type OpenView } from '../../src/sandbox/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { errorsWithMarkup, sentPlainTextWithMarkup } from '../support/plain-text.ts';
import { submitOpenedView } from '../support/view-submission.ts';

let h: Harness;
const teamId = 'T0WORDS';

beforeAll(async () => {
  h = await startHarness({ label: 'words', workspaces: [kudosWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0P23');
});
afterAll(async () => {
  await h?.stop();
});

async function command(name: '/kudos' | '/coffee' | '/celebrate', text: string) {
  const response = await h.driver.command({ teamId, userId: 'U0GIVER', channelId: 'C0TEAM', command: name, text });
  expect(response.status).toBe(200);
  return (await commandAnswer(h.sandbox, response)) as { text: string; blocks?: unknown[] };
}

async function openKudosModal(): Promise<OpenView> {
  const started = Date.now();
  await h.driver.interaction({ teamId, userId: 'U0GIVER', payload: { type: 'shortcut', callback_id: 'give_kudos' } });
  return await h.sandbox.waitFor(() =>
    h.sandbox
      .openViews()
      .find((v) => v.updatedAt >= started && v.view.callback_id === 'kudos_modal' && v.state === 'open'),
  );
}

const modalValues = (users: string[], reason: string) => ({
  kudos_recipients: { recipients: { type: 'multi_users_select', selected_users: users } },
  kudos_reason: { reason: { type: 'plain_text_input', value: reason } },
  kudos_value: { value: { type: 'static_select', selected_option: null } },
});

describe('words', () => {
  test('kudos, coffee and celebrations say no the same way: the problem first, no icon; a success has no warning', async () => {
    const refusals = [
      await command('/kudos', '@nobody for the great review yesterday'),
      await command('/kudos', 'top fortnight'),
      await command('/coffee', 'frobnicate'),
      await command('/celebrate', 'frobnicate'),
    ];
    for (const answer of refusals) {
      expect(answer.text).not.toMatch(/^:[a-z_]+:/);
      expect(answer.text).not.toContain(':warning:');
    }
    expect(refusals[0]?.text).toMatch(/^`@nobody` isn't linked to a Slack user\./);
    expect(refusals[3]?.text).toMatch(/^I don't know `\/celebrate frobnicate`\./);

    expect((await command('/kudos', '<@U0ALEX> for covering my on-call shift')).text).toContain('Kudos sent');
    const undone = await command('/kudos', 'undo');
    expect(undone.text).toContain('Done: your kudos to <@U0ALEX> is withdrawn');
    expect(undone.text).not.toContain(':warning:');
  });

  test('help and hints show no made-up @names and send nobody to a file', async () => {
    const answers = [
      await command('/kudos', 'help'),
      await command('/kudos', 'for the great review yesterday'),
      await command('/kudos', 'top'),
      await command('/celebrate', 'help'),
    ];
    for (const answer of answers) {
      // `@someone [@more …]` in the usage line is the syntax, not an example to copy.
      expect(answer.text.replace('`/kudos @someone [@more …]', '')).not.toMatch(/(^|[\s`(])@[a-z]/);
      expect(answer.text).not.toMatch(/docs\/|\.md\b/);
    }
  });

  test('modal errors and every plain-text field Nudge sent name people, never <@…>', async () => {
    const view = await openKudosModal();
    const reason = 'for the careful review of the release notes';
    const bot = await submitOpenedView(h, {
      teamId,
      userId: 'U0GIVER',
      view,
      values: modalValues(['U0ROBOT'], reason),
    });
    expect(bot?.errors?.kudos_recipients).toBe('Some Bot is a bot; kudos are for people.');
    const gone = await submitOpenedView(h, {
      teamId,
      userId: 'U0GIVER',
      view,
      values: modalValues(['U0GONE'], reason),
    });
    expect(gone?.errors?.kudos_recipients).toBe("Gone Person has left this workspace, so kudos can't reach them.");
    const both = await submitOpenedView(h, {
      teamId,
      userId: 'U0GIVER',
      view,
      values: modalValues(['U0ROBOT', 'U0GONE', 'U0ALEX'], reason),
    });
    const self = await submitOpenedView(h, {
      teamId,
      userId: 'U0GIVER',
      view,
      values: modalValues(['U0GIVER'], reason),
    });
    expect(self?.errors?.kudos_recipients).toBe(
      "You can't give kudos to yourself. Recognise someone who helped you instead.",
    );
    for (let i = 0; i < 3; i += 1) {
      expect((await command('/kudos', `<@U0BEA> for answer number ${i} in the forum`)).text).toContain('Kudos sent');
    }
    const capped = await submitOpenedView(h, {
      teamId,
      userId: 'U0GIVER',
      view,
      values: modalValues(['U0BEA'], reason),
    });
    expect(capped?.errors?.kudos_recipients).toMatch(/^You've already given Bea \S+ 3 kudos this week/);
    for (const answer of [bot, gone, both, self, capped]) expect(errorsWithMarkup(answer)).toEqual([]);

    await h.driver.event({ teamId, event: { type: 'app_home_opened', user: 'U0GIVER', tab: 'home' } });
    await h.sandbox.waitFor(() => h.sandbox.callsTo('views.publish').find((c) => c.args.user_id === 'U0GIVER'));
    expect(sentPlainTextWithMarkup(h)).toEqual([]);
  });
});
