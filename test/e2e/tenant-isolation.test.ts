import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandAnswer, type OpenView, type UserSpec, type WorkspaceSpec } from '../../src/sandbox/index.ts';
import { forgetMeCallbackId } from '../../src/slack/home/forget-me.blocks.ts';
import { settleInsightsUpdates, untilAppIdle } from '../support/app-idle.ts';
import { type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { eventually, sleep } from '../support/wait.ts';

/**
 * Two workspaces installed through OAuth in one database. Beta is filled with data through real flows (kudos,
 * reactions, settings, Home), marked with words that appear nowhere in Alpha. Then people of Alpha use every
 * command, button, modal, shortcut and event Nudge registers, aimed at Beta's ids wherever a payload can
 * carry one. Afterwards Beta's rows are unchanged, no Slack call used Beta's token, and nothing shown in
 * Alpha carries a word of Beta's. The generic probes come from the listeners Nudge registers, so a new
 * feature is covered the day it lands.
 *
 * The same setup checks the admin-only paths: non-admins of Alpha (a member, a guest, and a person who is an
 * admin in Beta but not in Alpha) are refused settings on every path.
 */

const people = (prefix: string, label: string, n: number): UserSpec[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    name: `${label.toLowerCase()}${i + 1}`,
    realName: `${label} ${i + 1}`,
    tz: 'Europe/Berlin',
  }));

const alpha: WorkspaceSpec = {
  teamId: 'T0ALPHA',
  name: 'Alpha Inc',
  users: [
    { id: 'U0ALADMIN', name: 'alma', realName: 'Alma Admin', isAdmin: true, tz: 'Europe/Paris' },
    { id: 'U0ALGUEST', name: 'gus', realName: 'Gus Guest', isRestricted: true },
    // The same person in both workspaces (as in an Enterprise Grid org): an admin in Beta, a member here.
    { id: 'W0SHARED', name: 'sam', realName: 'Sam Shared' },
    ...people('U0AL', 'Alphaperson', 6),
  ],
  channels: [{ id: 'C0ALPHA', name: 'alpha-team', members: ['U0ALADMIN', 'U0AL1', 'U0AL2'], botIsMember: true }],
};

/** Words only Beta's data contains. */
const betaMarkers = ['BETASECRET', 'betasecretvalue', 'Beatrix', 'Betaperson'];

const beta: WorkspaceSpec = {
  teamId: 'T0BETA',
  name: 'Beta LLC',
  users: [
    { id: 'U0BEADMIN', name: 'beatrix', realName: 'Beatrix Betamax', isAdmin: true },
    { id: 'W0SHARED', name: 'sam', realName: 'Sam Shared', isAdmin: true },
    ...people('U0BE', 'Betaperson', 6),
  ],
  channels: [{ id: 'C0BETA', name: 'beta-team', members: ['U0BEADMIN', 'U0BE1', 'U0BE2'], botIsMember: true }],
};

let h: Harness;
/** Every body Nudge answered Alpha's requests with. */
const alphaAnswers: string[] = [];
let betaMessageTs = '';
let betaSettingsViewId = '';
let betaGiftIds: string[] = [];
let callsBeforeProbes = 0;

async function command(teamId: string, userId: string, command: string, text: string, channelId?: string) {
  const response = await h.driver.command({
    teamId,
    userId,
    channelId: channelId ?? (teamId === 'T0ALPHA' ? 'C0ALPHA' : 'C0BETA'),
    command,
    text,
  });
  // A kudos is queued and answered through its response_url: that answer is what the person saw.
  const answer = command === '/kudos' && response.status === 200 ? await commandAnswer(h.sandbox, response) : undefined;
  const seen = answer ? { ...response, json: answer, body: JSON.stringify(answer) } : response;
  if (teamId === 'T0ALPHA') alphaAnswers.push(seen.body);
  return seen;
}

async function interaction(teamId: string, userId: string, payload: Record<string, unknown>) {
  const response = await h.driver.interaction({ teamId, userId, payload });
  if (teamId === 'T0ALPHA') alphaAnswers.push(response.body);
  return response;
}

async function event(teamId: string, body: Record<string, unknown>) {
  const response = await h.driver.event({ teamId, event: body });
  if (teamId === 'T0ALPHA') alphaAnswers.push(response.body);
  return response;
}

/**
 * A view of this workspace, whatever its id. Slack names the workspace a view belongs to in
 * `view.app_installed_team_id`, and Bolt authorizes by it; the sandbox fills it from the stored view, so a
 * probe reusing Beta's view id from Alpha sets it to Alpha, as Slack would for a view shown in Alpha. (Sent as
 * Beta's, the request simply is Beta's, signed by Slack, and is handled with Beta's rules and people.)
 */
const inAlpha = { team_id: 'T0ALPHA', app_installed_team_id: 'T0ALPHA' };

function settingsSubmission(
  viewId: string,
  overrides: { values?: string; channel?: string; admins?: string[] },
  teamId = 'T0ALPHA',
) {
  const field = (block: string, action: string, value: unknown) => ({ [block]: { [action]: value } });
  return {
    type: 'view_submission',
    view: {
      team_id: teamId,
      app_installed_team_id: teamId,
      id: viewId,
      callback_id: 'nudge_settings',
      state: {
        values: {
          ...field('settings_time_zone', 'timeZone', { value: 'Europe/Berlin' }),
          ...field('settings_allowance', 'allowance', { value: '7' }),
          ...field('settings_allowance_period', 'allowancePeriod', { selected_option: { value: 'week' } }),
          ...field('settings_pair_cap', 'pairCap', { value: '3' }),
          ...field('settings_emoji', 'emoji', { value: ':clap:' }),
          ...field('settings_values', 'values', { value: overrides.values ?? 'teamwork, craft' }),
          ...field('settings_kudos_channel', 'kudosChannelId', { selected_conversation: overrides.channel ?? null }),
          ...field('settings_prompt_channels', 'promptChannelIds', { selected_conversations: [] }),
          ...field('settings_prompt_weekday', 'promptWeekday', { selected_option: { value: '5' } }),
          ...field('settings_prompt_hour', 'promptHour', { selected_option: { value: '15' } }),
          ...field('settings_digest', 'digestEnabled', { selected_options: [] }),
          ...field('settings_admins', 'adminUserIds', { selected_users: overrides.admins ?? [] }),
        },
      },
    },
  };
}

async function openedSettings(after: number): Promise<OpenView> {
  return await h.sandbox.waitFor(() =>
    h.sandbox.openViews().find((v) => v.updatedAt >= after && v.view.callback_id === 'nudge_settings'),
  );
}

/** Every row of every table that carries a workspace key, for one workspace: what "anything of B" means. */
async function snapshot(workspaceId: string): Promise<Record<string, unknown[]>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'workspace_id' order by table_name`.execute(h.service.deps.db);
  const result: Record<string, unknown[]> = {};
  for (const { table_name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`
      select * from ${sql.table(table_name)} where workspace_id = ${workspaceId}`.execute(h.service.deps.db);
    result[table_name] = rows.rows.map((row) => JSON.stringify(row)).sort();
  }
  const workspace = await h.service.deps.db
    .selectFrom('workspaces')
    .selectAll()
    .where('id', '=', workspaceId)
    .execute();
  result.workspaces = workspace.map((row) => JSON.stringify(row));
  return result;
}

/** The rows only admins may change: every `*_settings` table, and the workspace's time zone. */
async function adminState(workspaceId: string): Promise<unknown> {
  const snap = await snapshot(workspaceId);
  const settings = Object.entries(snap).filter(([table]) => table.endsWith('_settings'));
  const workspace = await h.service.deps.db
    .selectFrom('workspaces')
    .select('time_zone')
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return { settings, timeZone: workspace.time_zone };
}

async function idle(): Promise<void> {
  await untilAppIdle(h, 30_000);
  await sleep(200);
}

beforeAll(async () => {
  h = await startHarness({ oauth: true, workspaces: [alpha, beta], label: 'tenants' });
  for (const teamId of ['T0ALPHA', 'T0BETA']) expect((await installViaOAuth(h, teamId)).status).toBe(200);
  await eventually(async () => {
    const rows = await h.service.deps.db
      .selectFrom('members')
      .select('workspace_id')
      .where('user_id', '=', 'W0SHARED')
      .execute();
    return rows.length === 2 ? true : undefined;
  }, 'both directories');

  // Beta, through real flows: settings by its admin, kudos (to and from the shared person), a reaction, Home.
  const started = Date.now();
  await command('T0BETA', 'U0BEADMIN', '/nudge', 'settings');
  const view = await openedSettings(started);
  betaSettingsViewId = view.id;
  const saved = await interaction(
    'T0BETA',
    'U0BEADMIN',
    settingsSubmission(
      view.id,
      { values: 'betasecretvalue, teamwork', channel: 'C0BETA', admins: ['U0BE1'] },
      'T0BETA',
    ),
  );
  expect(saved.body).toBe('');
  for (const [giver, text] of [
    ['W0SHARED', '<@U0BE1> for BETASECRET migration number one #betasecretvalue'],
    ['U0BE2', '<@W0SHARED> for BETASECRET review number two'],
    ['U0BE3', '<@U0BE4> <@U0BE5> for BETASECRET launch number three'],
  ] as const) {
    expect((await command('T0BETA', giver, '/kudos', text)).body).toContain('Kudos sent');
  }
  betaMessageTs = h.sandbox.addUserMessage({ channelId: 'C0BETA', userId: 'U0BE4', text: 'BETASECRET roadmap' }).ts;
  await event('T0BETA', {
    type: 'reaction_added',
    user: 'U0BE3',
    reaction: 'clap',
    item_user: 'U0BE4',
    item: { type: 'message', channel: 'C0BETA', ts: betaMessageTs },
  });
  await event('T0BETA', { type: 'app_home_opened', user: 'W0SHARED', tab: 'home' });
  await eventually(async () => {
    const gifts = await h.service.deps.db
      .selectFrom('kudos_gifts')
      .select('id')
      .where('workspace_id', '=', 'T0BETA')
      .execute();
    return gifts.length === 4 ? gifts : undefined;
  }, 'beta gifts').then((gifts) => {
    betaGiftIds = gifts.map((g) => g.id);
  });
  // Beta's insights updated now, not when the wall clock next crosses a 5-minute slot, in the middle of a test.
  await settleInsightsUpdates(h, 30_000);
  await idle();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

/** The answer that rightly repeats the Beta-like tag Alpha typed (checked on its own above). */
let echoedTypedValue: string | undefined;

describe('tenant isolation', () => {
  let betaBefore: Record<string, unknown[]>;

  test("Alpha's kudos, leaderboards, undo, modal, reactions and Home neither read nor change Beta", async () => {
    betaBefore = await snapshot('T0BETA');
    callsBeforeProbes = h.sandbox.calls.length;
    // Giving to Beta's people is refused; Alpha's own members (the shared person too) can be thanked.
    expect((await command('T0ALPHA', 'U0AL1', '/kudos', '<@U0BE1> for crossing the tenant line')).body).toContain(
      "isn't a member of this workspace",
    );
    expect((await command('T0ALPHA', 'U0AL1', '/kudos', '<@W0SHARED> for the alpha planning work')).body).toContain(
      'Kudos sent',
    );
    // Beta's value is unknown here; the suggestions are Alpha's.
    // (Not kept with Alpha's answers: the refusal rightly repeats the tag Alpha typed.)
    const value = await h.driver.command({
      teamId: 'T0ALPHA',
      userId: 'U0AL2',
      channelId: 'C0ALPHA',
      command: '/kudos',
      text: '<@U0AL3> for the alpha review #betasecretvalue',
    });
    echoedTypedValue = value.responseUrl;
    const offered = ((await commandAnswer(h.sandbox, value)).text ?? '').split('Values:')[1] ?? '';
    expect(offered).toContain('#teamwork');
    expect(offered).not.toContain('betasecretvalue');
    // Leaderboards: every board and period shows Alpha's kudos only.
    for (const board of ['received', 'given', 'cross-team']) {
      for (const period of ['week', 'month', 'quarter', 'year', 'all']) {
        const top = (await command('T0ALPHA', 'U0AL4', '/kudos', `top ${board} ${period}`)).body;
        for (const id of ['U0BE1', 'U0BE2', 'U0BE3', 'U0BE4', 'U0BE5']) expect(top).not.toContain(id);
        if (board === 'given') expect(top).not.toContain('W0SHARED');
      }
    }
    // The shared person's kudos in Beta is not theirs to undo from Alpha.
    expect((await command('T0ALPHA', 'W0SHARED', '/kudos', 'undo')).body).toContain('no kudos of yours');
    // The modal: Beta's people are refused; a forged channel of Beta's gets nothing posted there.
    const refused = await interaction('T0ALPHA', 'U0AL1', {
      type: 'view_submission',
      view: {
        id: 'V0FORGEDKUDOS1',
        callback_id: 'kudos_modal',
        private_metadata: JSON.stringify({ channelId: 'C0BETA', messageLink: null, sourceTs: betaMessageTs }),
        state: {
          values: {
            kudos_recipients: { recipients: { type: 'multi_users_select', selected_users: ['U0BE1', 'U0BE2'] } },
            kudos_reason: { reason: { type: 'plain_text_input', value: 'for the cross-tenant modal attempt' } },
            kudos_value: { value: { type: 'static_select', selected_option: null } },
          },
        },
      },
    });
    expect(refused.body).toContain('errors');
    await interaction('T0ALPHA', 'U0AL1', {
      type: 'view_submission',
      view: {
        id: 'V0FORGEDKUDOS2',
        callback_id: 'kudos_modal',
        private_metadata: JSON.stringify({ channelId: 'C0BETA', messageLink: null, sourceTs: betaMessageTs }),
        state: {
          values: {
            kudos_recipients: { recipients: { type: 'multi_users_select', selected_users: ['U0AL5'] } },
            kudos_reason: { reason: { type: 'plain_text_input', value: 'for the alpha modal with a beta channel' } },
            kudos_value: { value: { type: 'static_select', selected_option: null } },
          },
        },
      },
    });
    // Reactions: on Beta's message, by Beta's person, removed by Beta's giver; all sent as Alpha.
    await event('T0ALPHA', {
      type: 'reaction_added',
      user: 'U0AL1',
      reaction: 'clap',
      item_user: 'U0BE4',
      item: { type: 'message', channel: 'C0BETA', ts: betaMessageTs },
    });
    await event('T0ALPHA', {
      type: 'reaction_removed',
      user: 'U0BE3',
      reaction: 'clap',
      item_user: 'U0BE4',
      item: { type: 'message', channel: 'C0BETA', ts: betaMessageTs },
    });
    // Home for the shared person in Alpha shows Alpha's kudos, not the ones they got in Beta.
    const opened = Date.now();
    await event('T0ALPHA', { type: 'app_home_opened', user: 'W0SHARED', tab: 'home' });
    const home = await h.sandbox.waitFor(() =>
      h.sandbox
        .callsTo('views.publish', { teamId: 'T0ALPHA' })
        .find((c) => c.at >= opened && c.args.user_id === 'W0SHARED' && c.status === 200),
    );
    expect(JSON.stringify(home.args.view)).toContain('alpha planning work');
    await idle();
    expect(await snapshot('T0BETA')).toEqual(betaBefore);
  }, 60_000);

  test('every registered command, action, view, shortcut and event, aimed at Beta from Alpha, leaves Beta alone', async () => {
    const registered = h.service.web!.surface.registered;
    expect(registered.length).toBeGreaterThan(10);
    const betaIds = {
      channelId: 'C0BETA',
      channel: 'C0BETA',
      userId: 'U0BE1',
      user: 'U0BE1',
      giftId: betaGiftIds[0],
      teamId: 'T0BETA',
      workspaceId: 'T0BETA',
      ts: betaMessageTs,
    };
    const values = [JSON.stringify(betaIds), betaGiftIds[0] ?? '', 'C0BETA', 'U0BE1', 'T0BETA'];
    const texts = ['', 'help', 'settings', 'status', 'top', 'undo', 'dates', 'secret', 'pause', 'resume', 'skip'];
    const skipEvents = new Set(['app_uninstalled', 'tokens_revoked']);
    // Confirming "forget me" erases the clicker, here Alpha's admin whom the tests below still need; it acts on the
    // clicker's own rows in their own workspace only (test/domain/erase-person.test.ts checks the other workspace).
    const skipViews = new Set([forgetMeCallbackId]);
    // As Alpha's admin, who may do the most there (non-admins are the next describe's business).
    for (const userId of ['U0ALADMIN']) {
      for (const { kind, name } of registered) {
        if (kind === 'command') {
          for (const text of [...texts, '<@U0BE1> for the beta person', `block <@U0BE1>`, `${betaGiftIds[0]}`]) {
            await command('T0ALPHA', userId, name, text, 'C0BETA');
          }
        } else if (kind === 'action') {
          for (const value of values) {
            await interaction('T0ALPHA', userId, {
              type: 'block_actions',
              channel: { id: 'C0BETA', name: 'beta-team' },
              message: { ts: betaMessageTs, text: 'BETA', user: 'U0BE4' },
              actions: [{ action_id: name, block_id: 'probe', type: 'button', value, selected_option: { value } }],
            });
          }
        } else if (kind === 'view' && !skipViews.has(name)) {
          for (const viewId of [betaSettingsViewId, 'V0FORGED']) {
            await interaction('T0ALPHA', userId, {
              type: 'view_submission',
              view: {
                ...inAlpha,
                id: viewId,
                callback_id: name,
                private_metadata: JSON.stringify(betaIds),
                state: { values: {} },
              },
            });
          }
        } else if (kind === 'shortcut') {
          await interaction('T0ALPHA', userId, { type: 'shortcut', callback_id: name });
          await interaction('T0ALPHA', userId, {
            type: 'message_action',
            callback_id: name,
            channel: { id: 'C0BETA', name: 'beta-team' },
            message: { type: 'message', user: 'U0BE4', ts: betaMessageTs, text: 'BETA' },
          });
        } else if (kind === 'event' && !skipEvents.has(name)) {
          await event('T0ALPHA', {
            type: name,
            user:
              name === 'user_change' || name === 'team_join' ? { id: 'U0BE6', team_id: 'T0BETA', name: 'x' } : 'U0BE1',
            reaction: 'clap',
            item_user: 'U0BE4',
            item: { type: 'message', channel: 'C0BETA', ts: betaMessageTs },
            channel: 'C0BETA',
            tab: 'home',
          });
        }
      }
    }
    await idle();
    expect(await snapshot('T0BETA')).toEqual(betaBefore);
  }, 180_000);

  test("no Slack call used Beta's token, and nothing shown in Alpha carries Beta's data", async () => {
    const later = h.sandbox.calls.slice(callsBeforeProbes);
    expect(later.filter((c) => c.teamId === 'T0BETA').map((c) => c.method)).toEqual([]);
    expect(h.sandbox.messages('C0BETA').filter((m) => m.source === 'chat.postMessage').length).toBe(
      h.sandbox
        .callsTo('chat.postMessage', { teamId: 'T0BETA' })
        .filter((c) => c.args.channel === 'C0BETA' && c.status === 200).length,
    );
    const shownInAlpha = [
      ...alphaAnswers,
      ...later.filter((c) => c.teamId === 'T0ALPHA').map((c) => JSON.stringify(c.args)),
      ...h.sandbox
        .responseUrlPosts()
        .filter((p) => p.teamId === 'T0ALPHA' && p.url !== echoedTypedValue)
        .map((p) => JSON.stringify(p.body)),
    ].join('\n');
    for (const marker of betaMarkers) {
      const at = shownInAlpha.indexOf(marker);
      expect(at < 0 ? '' : shownInAlpha.slice(Math.max(0, at - 300), at + 100), marker).toBe('');
    }
  });
});

describe('admin-only settings, for non-admins of Alpha', () => {
  // A member, a guest, and the shared person (an admin in Beta only).
  const nonAdmins = ['U0AL1', 'U0ALGUEST', 'W0SHARED'];

  test.each(nonAdmins)(
    '%s is refused on the command, the Home button and a forged modal submission',
    async (userId) => {
      const before = await adminState('T0ALPHA');
      const started = Date.now();
      expect((await command('T0ALPHA', userId, '/nudge', 'settings')).body).toContain('Only Nudge admins');
      await interaction('T0ALPHA', userId, {
        type: 'block_actions',
        actions: [{ action_id: 'nudge_open_settings', type: 'button' }],
      });
      const refusal = await h.sandbox.waitFor(() =>
        h.sandbox.openViews().find((v) => v.updatedAt >= started && v.userId === userId && v.teamId === 'T0ALPHA'),
      );
      expect(JSON.stringify(refusal.view)).toContain('Only Nudge admins');
      expect(
        h.sandbox.openViews().filter((v) => v.userId === userId && v.view.callback_id === 'nudge_settings'),
      ).toEqual([]);
      for (const viewId of [betaSettingsViewId, 'V0FORGEDSETTINGS']) {
        const forged = await interaction(
          'T0ALPHA',
          userId,
          settingsSubmission(viewId, { values: 'hijacked', admins: [userId] }),
        );
        expect(forged.body).toContain('Only Nudge admins');
      }
      expect(await adminState('T0ALPHA')).toEqual(before);
    },
  );

  test('the Home tab shows the admin section to admins only', async () => {
    const opened = Date.now();
    for (const userId of ['U0ALADMIN', ...nonAdmins]) {
      await event('T0ALPHA', { type: 'app_home_opened', user: userId, tab: 'home' });
    }
    const viewFor = (userId: string) =>
      h.sandbox.waitFor(() => {
        const call = h.sandbox
          .callsTo('views.publish', { teamId: 'T0ALPHA' })
          .find((c) => c.at >= opened && c.args.user_id === userId && c.status === 200);
        return call && JSON.stringify(call.args.view);
      });
    expect(await viewFor('U0ALADMIN')).toContain('"text":"Admin"');
    for (const userId of nonAdmins) expect(await viewFor(userId)).not.toContain('"text":"Admin"');
  });

  test('no command, button, modal or shortcut of any feature lets a non-admin change settings', async () => {
    const before = await adminState('T0ALPHA');
    const registered = h.service.web!.surface.registered;
    const texts = ['settings', 'settings reset', 'secret', 'secret rotate', 'import', 'admin', 'pause', 'resume'];
    for (const userId of nonAdmins) {
      for (const { kind, name } of registered) {
        if (kind === 'command') {
          for (const text of texts) await command('T0ALPHA', userId, name, text);
        } else if (kind === 'action') {
          await interaction('T0ALPHA', userId, {
            type: 'block_actions',
            channel: { id: 'C0ALPHA', name: 'alpha-team' },
            actions: [{ action_id: name, block_id: 'probe', type: 'button', value: 'on' }],
          });
        } else if (kind === 'view') {
          await interaction('T0ALPHA', userId, settingsSubmission('V0FORGEDANY', { values: 'hijacked' }));
          await interaction('T0ALPHA', userId, {
            type: 'view_submission',
            view: { id: 'V0FORGEDANY2', callback_id: name, state: { values: {} } },
          });
        }
      }
    }
    await idle();
    expect(await adminState('T0ALPHA')).toEqual(before);
  }, 120_000);
});
