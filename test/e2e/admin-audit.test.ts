import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordAdminAction } from '../../src/domain/audit/record-admin-action.ts';
import type { OpenView } from '../../src/sandbox/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';

let h: Harness;
const teamId = 'T0AUDIT';

beforeAll(async () => {
  h = await startHarness({ label: 'audit', workspaces: [kudosWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0ADMIN');
});
afterAll(async () => {
  await h?.stop();
});

interface Answer {
  response_type?: string;
  text: string;
  blocks?: Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
}

async function audit(userId: string): Promise<Answer> {
  const response = await h.driver.command({ teamId, userId, channelId: 'C0TEAM', command: '/nudge', text: 'audit' });
  expect(response.status).toBe(200);
  return response.json as Answer;
}

function olderButton(answer: Answer) {
  return answer.blocks?.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'audit_older');
}

function settingsSubmission(view: OpenView, allowance: string) {
  const field = (block: string, action: string, value: unknown) => ({ [block]: { [action]: value } });
  const values = {
    ...field('settings_time_zone', 'timeZone', { value: 'UTC' }),
    ...field('settings_allowance', 'allowance', { value: allowance }),
    ...field('settings_allowance_period', 'allowancePeriod', { selected_option: { value: 'week' } }),
    ...field('settings_pair_cap', 'pairCap', { value: '3' }),
    ...field('settings_emoji', 'emoji', { value: 'clap' }),
    ...field('settings_values', 'values', { value: 'teamwork, craft, customer, ownership, kindness' }),
    ...field('settings_kudos_channel', 'kudosChannelId', {}),
    ...field('settings_prompt_channels', 'promptChannelIds', { selected_conversations: [] }),
    ...field('settings_prompt_weekday', 'promptWeekday', { selected_option: { value: '5' } }),
    ...field('settings_prompt_hour', 'promptHour', { selected_option: { value: '15' } }),
    ...field('settings_digest', 'digestEnabled', { selected_options: [{ value: 'on' }] }),
    ...field('settings_admins', 'adminUserIds', { selected_users: [] }),
  };
  return { type: 'view_submission', view: { id: view.id, callback_id: 'nudge_settings', state: { values } } };
}

describe('/nudge audit', () => {
  test('a non-admin is refused, on the server, and sees no entry', async () => {
    const answer = await audit('U0GIVER');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Only Nudge admins');
    expect(answer.text).toContain('audit log');
  });

  test('a settings change through the real modal shows up in plain words, dated in the reader’s zone', async () => {
    expect((await audit('U0ADMIN')).text).toBe('No admin actions recorded yet.');
    const started = Date.now();
    await h.driver.command({ teamId, userId: 'U0ADMIN', channelId: 'C0TEAM', command: '/nudge', text: 'settings' });
    const view = await h.sandbox.waitFor(() =>
      h.sandbox.openViews().find((v) => v.updatedAt >= started && v.view.callback_id === 'nudge_settings'),
    );
    const saved = await h.driver.interaction({ teamId, userId: 'U0ADMIN', payload: settingsSubmission(view, '5') });
    expect(saved.body).toBe('');

    const answer = await audit('U0ADMIN');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('<@U0ADMIN> changed kudos settings: allowance 10 → 5');
    expect(answer.text).not.toContain('time zone');
    expect(answer.text).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+>/);
    expect(olderButton(answer)).toBeUndefined();
  });

  test('"Show older" replaces the page with the next 20 for an admin, and refuses anyone else', async () => {
    const db = h.service.deps.db;
    for (let i = 1; i <= 25; i += 1) {
      await db.transaction().execute(async (trx) => {
        await recordAdminAction(trx, {
          workspaceId: teamId,
          actorId: 'U0ADMIN',
          action: 'celebrations.dates_imported',
          changes: { people: { from: null, to: i } },
          now: new Date(Date.UTC(2026, 0, 1, 0, i)),
        });
      });
    }
    const first = await audit('U0ADMIN');
    const lines = first.text.split('\n').slice(1);
    expect(lines).toHaveLength(20);
    expect(lines[0]).toContain('changed kudos settings');
    expect(lines[1]).toContain('imported dates for 25 people');
    expect(lines[19]).toContain('imported dates for 7 people');
    const button = olderButton(first);
    expect(button?.value).toMatch(/^\d+\.\d+$/);

    const click = (userId: string) =>
      h.driver.interaction({
        teamId,
        userId,
        payload: {
          type: 'block_actions',
          channel: { id: 'C0TEAM' },
          actions: [{ action_id: 'audit_older', block_id: 'audit', type: 'button', value: button?.value }],
        },
      });
    const byAdmin = await click('U0ADMIN');
    expect(byAdmin.status).toBe(200);
    const older = await h.sandbox.waitFor(() =>
      h.sandbox
        .responseUrlPosts()
        .find((p) => p.userId === 'U0ADMIN' && JSON.stringify(p.body).includes('Older admin actions')),
    );
    const body = older.body as Answer & { replace_original?: boolean };
    expect(body.replace_original).toBe(true);
    const olderLines = body.text.split('\n').slice(1);
    expect(olderLines.map((l) => l.match(/for (\d+) pe(?:rson|ople)$/)?.[1])).toEqual(['6', '5', '4', '3', '2', '1']);
    expect(olderButton(body)).toBeUndefined();

    await click('U0GIVER');
    const refused = await h.sandbox.waitFor(() => h.sandbox.responseUrlPosts().find((p) => p.userId === 'U0GIVER'));
    expect(JSON.stringify(refused.body)).toContain('Only Nudge admins');
    expect(JSON.stringify(refused.body)).not.toContain('imported dates');
  });
});

describe('the away words in the settings modal', () => {
  async function openSettings(userId: string): Promise<OpenView> {
    const started = Date.now();
    await h.driver.command({ teamId, userId, channelId: 'C0TEAM', command: '/nudge', text: 'settings' });
    return await h.sandbox.waitFor(() =>
      h.sandbox
        .openViews()
        .find((v) => v.updatedAt >= started && v.userId === userId && v.view.callback_id === 'nudge_settings'),
    );
  }

  function withAwayWords(view: OpenView, allowance: string, words: string) {
    const submission = settingsSubmission(view, allowance);
    const values = submission.view.state.values as Record<string, unknown>;
    values.settings_away_markers = { awayMarkers: { value: words } };
    return submission;
  }

  const storedMarkers = async () =>
    (
      await h.service.deps.db
        .selectFrom('away_markers')
        .select('markers')
        .where('workspace_id', '=', teamId)
        .executeTakeFirst()
    )?.markers;

  test('an admin sees the default list, a bad list saves nothing, a good one is saved and audited', async () => {
    const view = await openSettings('U0ADMIN');
    expect(JSON.stringify(view.view)).toContain(':palm_tree:, :airplane:');

    const bad = await h.driver.interaction({
      teamId,
      userId: 'U0ADMIN',
      payload: withAwayWords(view, '7', `sabbatical, ${'x'.repeat(41)}`),
    });
    expect(bad.json).toEqual({
      response_action: 'errors',
      errors: { settings_away_markers: 'Each word or emoji is at most 40 characters.' },
    });
    expect(await storedMarkers()).toBeUndefined();
    expect((await audit('U0ADMIN')).text).not.toContain('allowance 5 → 7');

    const good = await h.driver.interaction({
      teamId,
      userId: 'U0ADMIN',
      payload: withAwayWords(view, '5', 'Sabbatical\n:mountain:'),
    });
    expect(good.body).toBe('');
    expect(await storedMarkers()).toEqual(['sabbatical', ':mountain:']);
    expect((await audit('U0ADMIN')).text).toContain(
      '<@U0ADMIN> changed the words and emoji that mean away: away words and emoji',
    );
    expect(JSON.stringify((await openSettings('U0ADMIN')).view)).toContain('sabbatical, :mountain:');
  });

  test('someone who is not an admin cannot change the list', async () => {
    const view = await openSettings('U0ADMIN');
    const refused = await h.driver.interaction({
      teamId,
      userId: 'U0GIVER',
      payload: withAwayWords(view, '5', 'anything'),
    });
    expect(JSON.stringify(refused.json)).toContain('Only Nudge admins');
    expect(await storedMarkers()).toEqual(['sabbatical', ':mountain:']);
  });
});
