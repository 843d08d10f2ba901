import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultRetention, readRetentionSettings } from '../../src/domain/retention/retention-settings.ts';
import { type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { submitOpenedView } from '../support/view-submission.ts';

let h: Harness;
const teamId = 'T0KEEP';
const otherTeamId = 'T0KEEP2';

beforeAll(async () => {
  // The same admin's user id in a second workspace: a change in one never reaches the other.
  const other = {
    teamId: otherTeamId,
    name: 'Other Co',
    users: [{ id: 'U0ADMIN', name: 'ada', realName: 'Ada Admin', isAdmin: true }],
    channels: [],
  };
  h = await startHarness({ oauth: true, label: 'retention', workspaces: [kudosWorkspace(teamId), other] });
  for (const id of [teamId, otherTeamId]) expect((await installViaOAuth(h, id)).status).toBe(200);
  await waitForMember(h.service.deps.db, teamId, 'U0ADMIN');
  await waitForMember(h.service.deps.db, otherTeamId, 'U0ADMIN');
});
afterAll(async () => {
  await h?.stop();
});

interface Answer {
  response_type?: string;
  text: string;
  blocks?: Array<{ type: string; text?: { text: string }; elements?: Array<{ action_id?: string }> }>;
}

async function retention(userId: string): Promise<Answer> {
  const response = await h.driver.command({
    teamId,
    userId,
    channelId: 'C0TEAM',
    command: '/nudge',
    text: 'retention',
  });
  expect(response.status).toBe(200);
  return response.json as Answer;
}

const shownText = (answer: Answer) => answer.blocks?.map((b) => b.text?.text ?? '').join('\n') ?? '';

async function clickChange(userId: string) {
  const started = Date.now();
  const response = await h.driver.interaction({
    teamId,
    userId,
    payload: {
      type: 'block_actions',
      channel: { id: 'C0TEAM' },
      actions: [{ action_id: 'retention_open', block_id: 'retention', type: 'button' }],
    },
  });
  expect(response.status).toBe(200);
  return started;
}

function values(overrides: Record<string, string>) {
  const all: Record<string, string> = {
    processed_events_days: '1',
    send_ledger_days: '90',
    checkin_answers_days: '365',
    feedback_days: '365',
    kudos_history_days: '',
    audit_log_days: '365',
    departed_grace_days: '30',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, { [k]: { type: 'number_input', value: v } }]));
}

describe('/nudge retention', () => {
  test('a non-admin is refused on the server, for the command, the button and a forged submission', async () => {
    const answer = await retention('U0GIVER');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Only Nudge admins');
    expect(shownText(answer)).not.toContain('Check-in answers');

    await clickChange('U0GIVER');
    const refused = await h.sandbox.waitFor(() => h.sandbox.responseUrlPosts().find((p) => p.userId === 'U0GIVER'));
    expect(JSON.stringify(refused.body)).toContain('Only Nudge admins');
    expect(h.sandbox.openViews().filter((v) => v.view.callback_id === 'retention_settings')).toEqual([]);

    const forged = await h.driver.interaction({
      teamId,
      userId: 'U0GIVER',
      payload: {
        type: 'view_submission',
        view: {
          id: 'V0FORGED',
          callback_id: 'retention_settings',
          state: { values: values({ audit_log_days: '30' }) },
        },
      },
    });
    expect(forged.json).toEqual({
      response_action: 'errors',
      errors: { processed_events_days: expect.stringContaining('Only Nudge admins') },
    });
    expect(await readRetentionSettings(h.service.deps.db, teamId)).toEqual(defaultRetention);
  });

  test('an admin sees the defaults, changes them in the modal, and bad input changes nothing', async () => {
    const answer = await retention('U0ADMIN');
    expect(answer.response_type).toBe('ephemeral');
    expect(shownText(answer)).toContain('Check-in answers (pairing and mentorship): *365 days*');
    expect(shownText(answer)).toContain('Kudos history: *kept for good*');
    expect(shownText(answer)).toContain('Slack event ids (duplicate delivery check): *1 day*');

    const started = await clickChange('U0ADMIN');
    const view = await h.sandbox.waitFor(() =>
      h.sandbox.openViews().find((v) => v.updatedAt >= started && v.view.callback_id === 'retention_settings'),
    );

    const bad = await submitOpenedView(h, {
      teamId,
      userId: 'U0ADMIN',
      view,
      values: values({ send_ledger_days: '2', feedback_days: 'forever' }),
    });
    expect(bad).toEqual({
      response_action: 'errors',
      errors: {
        send_ledger_days: 'Enter a whole number of days from 14 to 3650.',
        feedback_days: 'Enter a whole number of days from 30 to 3650.',
      },
    });
    expect(await readRetentionSettings(h.service.deps.db, teamId)).toEqual(defaultRetention);

    const saved = await submitOpenedView(h, {
      teamId,
      userId: 'U0ADMIN',
      view,
      values: values({ checkin_answers_days: '180', departed_grace_days: '7' }),
    });
    expect(saved).toBeUndefined();
    expect(await readRetentionSettings(h.service.deps.db, teamId)).toEqual({
      ...defaultRetention,
      checkin_answers_days: 180,
      departed_grace_days: 7,
    });
    expect(shownText(await retention('U0ADMIN'))).toContain('Check-in answers (pairing and mentorship): *180 days*');
    // The same admin id in another workspace changed nothing there.
    expect(await readRetentionSettings(h.service.deps.db, otherTeamId)).toEqual(defaultRetention);

    const audit = await h.driver.command({
      teamId,
      userId: 'U0ADMIN',
      channelId: 'C0TEAM',
      command: '/nudge',
      text: 'audit',
    });
    const auditText = (audit.json as Answer).text;
    expect(auditText).toContain('<@U0ADMIN> changed how long data is kept: ');
    expect(auditText).toContain('days check-in answers are kept 365 → 180');
    expect(auditText).toContain('days before departed people are purged 30 → 7');
  });
});
