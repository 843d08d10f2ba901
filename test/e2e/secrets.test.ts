import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queueNames } from '../../jobs/contracts.ts';
import type { WorkspaceSpec } from '../../src/sandbox/index.ts';
import { type Harness, installViaOAuth, oauthClient, signingSecret, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { eventually, sleep } from '../support/wait.ts';

/**
 * Distinctive secrets, then every flow (installs, commands, modals, reactions, Home, settings, injected Slack
 * failures, a revoked token) at debug log level. None of the secrets may appear in the logs, in any job or
 * anything else BullMQ keeps in Redis, in /metrics, in anything Nudge answered or sent to Slack, or anywhere
 * in Postgres in the clear. Searched by their distinctive middle, so a partly masked token still counts.
 */
const distinct = {
  alpha: 'SEKRETALPHA7f3c9d2e',
  beta: 'SEKRETBETA41b8aa07',
};
const tokens = { alpha: `xoxb-1111-${distinct.alpha}`, beta: `xoxb-2222-${distinct.beta}` };

function workspaces(): WorkspaceSpec[] {
  const b = kudosWorkspace('T0SECRETB');
  // Channel and user group ids are global in Slack (and the sandbox): give the second workspace its own.
  return [
    { ...kudosWorkspace('T0SECRETA'), botToken: tokens.alpha },
    {
      ...b,
      name: 'Secret B',
      botToken: tokens.beta,
      channels: (b.channels ?? []).map((c) => ({ ...c, id: `${c.id}B` })),
      usergroups: (b.usergroups ?? []).map((g) => ({ ...g, id: `${g.id}B` })),
    },
  ];
}

describe.each(['oauth', 'single-workspace'] as const)('secrets, %s mode', (mode) => {
  let h: Harness;
  const answers: string[] = [];
  const commandResponseUrls: string[] = [];
  const teams = mode === 'oauth' ? ['T0SECRETA', 'T0SECRETB'] : ['T0SECRETA'];

  beforeAll(async () => {
    h = await startHarness({ oauth: mode === 'oauth', workspaces: workspaces(), label: `secrets-${mode}` });
    if (mode === 'oauth') {
      for (const teamId of teams) {
        const installed = await installViaOAuth(h, teamId);
        answers.push(await installed.text());
      }
    }
    await eventually(async () => {
      const rows = await h.service.deps.db
        .selectFrom('members')
        .select('workspace_id')
        .where('user_id', '=', 'U0ADMIN')
        .execute();
      return rows.length === teams.length ? true : undefined;
    }, 'member sync');
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function run(teamId: string): Promise<void> {
    const channelId = teamId === 'T0SECRETA' ? 'C0TEAM' : 'C0TEAMB';
    const command = async (userId: string, cmd: string, text: string) => {
      const response = await h.driver.command({ teamId, userId, channelId, command: cmd, text });
      answers.push(response.body);
      if (response.responseUrl) commandResponseUrls.push(response.responseUrl);
    };
    const interaction = async (userId: string, payload: Record<string, unknown>) => {
      answers.push((await h.driver.interaction({ teamId, userId, payload })).body);
    };
    await command('U0GIVER', '/kudos', '<@U0ALEX> for guarding the secrets well #craft');
    await command('U0GIVER', '/kudos', 'top');
    await command('U0GIVER', '/kudos', '<@U9NOBODY> for someone Slack does not know');
    await command('U0BEA', '/nudge', 'help');
    await command('U0BEA', '/nudge', 'settings');
    const started = Date.now();
    await command('U0ADMIN', '/nudge', 'settings');
    const settings = await h.sandbox.waitFor(() =>
      h.sandbox.openViews().find((v) => v.updatedAt >= started && v.view.callback_id === 'nudge_settings'),
    );
    await interaction('U0ADMIN', {
      type: 'view_submission',
      view: { id: settings.id, callback_id: 'nudge_settings', state: { values: {} } },
    });
    await interaction('U0GIVER', { type: 'shortcut', callback_id: 'give_kudos' });
    await interaction('U0GIVER', {
      type: 'view_submission',
      view: {
        id: `V0SECRET${teamId}`,
        callback_id: 'kudos_modal',
        private_metadata: '',
        state: {
          values: {
            kudos_recipients: { recipients: { type: 'multi_users_select', selected_users: ['U0BEA'] } },
            kudos_reason: { reason: { type: 'plain_text_input', value: 'for keeping every token out of sight' } },
            kudos_value: { value: { type: 'static_select', selected_option: null } },
          },
        },
      },
    });
    const message = h.sandbox.addUserMessage({ channelId, userId: 'U0ALEX', text: 'rotated the keys' });
    for (const type of ['reaction_added', 'reaction_removed']) {
      const response = await h.driver.event({
        teamId,
        event: {
          type,
          user: 'U0BEA',
          reaction: 'clap',
          item_user: 'U0ALEX',
          item: { type: 'message', channel: channelId, ts: message.ts },
        },
      });
      answers.push(response.body);
    }
    answers.push(
      (await h.driver.event({ teamId, event: { type: 'app_home_opened', user: 'U0GIVER', tab: 'home' } })).body,
    );
    // Slack failing in the ways that produce error text: 5xx, 429, refusals, on listener and worker calls.
    h.sandbox.inject({ method: 'users.info', teamId, kind: 'http_error', status: 500, times: 2 });
    h.sandbox.inject({ method: 'views.open', teamId, kind: 'ratelimited', retryAfterSeconds: 1 });
    h.sandbox.inject({ method: 'chat.postMessage', teamId, kind: 'error', error: 'invalid_blocks' });
    h.sandbox.inject({ method: 'conversations.open', teamId, kind: 'fail_after_effect', status: 502 });
    await command('U0GIVER', '/kudos', '<@U0P01> <@U9GHOST> for the fault-injected kudos');
    await interaction('U0GIVER', { type: 'shortcut', callback_id: 'give_kudos' });
    await command('U0BEA', '/kudos', '<@U0P02> for another kudos while Slack is failing');
  }

  test('no secret in logs, jobs, Redis, metrics, answers, Slack calls, or Postgres in the clear', async () => {
    for (const teamId of teams) await run(teamId);
    // A revoked token: the next calls fail with token_revoked, and that error text is logged too.
    h.sandbox.revokeTokens(teams.at(-1)!);
    answers.push(
      (
        await h.driver.command({
          teamId: teams.at(-1)!,
          userId: 'U0GIVER',
          channelId: teams.length === 2 ? 'C0TEAMB' : 'C0TEAM',
          command: '/kudos',
          text: '<@U0P03> for the kudos after the token was revoked',
        })
      ).body,
    );
    await sleep(3_000);

    const secrets = [
      ...Object.values(distinct),
      signingSecret,
      oauthClient.secret,
      'state-secret-test',
      h.config.encryptionKey.toString('base64'),
      h.config.encryptionKey.toString('hex'),
    ];
    const where: Record<string, string> = {};
    where.logs = h.logs.text();
    expect(h.logs.lines.length).toBeGreaterThan(100);
    where.metrics = await (await fetch(`${h.appUrl}/metrics`)).text();
    where.answers = answers.join('\n');
    // What Nudge sent to Slack (the token travels in the Authorization header, which the sandbox does not record;
    // oauth.v2.access must carry the client secret, and its answer the token).
    where.slackCalls = JSON.stringify(
      h.sandbox.calls.filter((c) => c.method !== 'oauth.v2.access').map((c) => [c.method, c.args]),
    );
    where.responseUrls = JSON.stringify(h.sandbox.responseUrlPosts());

    // Every job in every state, and every key BullMQ keeps under this app's prefix, whatever its type.
    const jobs: unknown[] = [];
    const redisDump: unknown[] = [];
    const client = new Redis(h.config.redisUrl ?? '');
    try {
      for (const name of queueNames) {
        const queue = h.service.deps.queues.queue(name);
        for (const job of await queue.getJobs()) {
          jobs.push([job.name, job.data, job.returnvalue, job.failedReason, job.stacktrace, job.opts]);
        }
      }
      const prefix = (h.service.deps.queues.queue('nudge-tasks').opts as { prefix?: string }).prefix;
      expect(prefix).toMatch(/^t-secrets/);
      let cursor = '0';
      for (let page = 0; page < 1_000; page += 1) {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        for (const key of keys) {
          const type = await client.type(key);
          if (type === 'string') redisDump.push(await client.get(key));
          else if (type === 'hash') redisDump.push(await client.hgetall(key));
          else if (type === 'list') redisDump.push(await client.lrange(key, 0, -1));
          else if (type === 'set') redisDump.push(await client.smembers(key));
          else if (type === 'zset') redisDump.push(await client.zrange(key, '0', '-1'));
          else if (type === 'stream') redisDump.push(await client.xrange(key, '-', '+'));
        }
        cursor = next;
        if (cursor === '0') break;
      }
    } finally {
      client.disconnect();
    }
    expect(redisDump.length).toBeGreaterThan(10);
    expect(jobs.length).toBeGreaterThan(5);
    where.jobs = JSON.stringify(jobs);
    where.redis = JSON.stringify(redisDump);

    // Postgres: every row of every table, as text.
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(h.service.deps.db);
    const rows: unknown[] = [];
    for (const { table_name } of tables.rows) {
      rows.push((await sql`select * from ${sql.table(table_name)}`.execute(h.service.deps.db)).rows);
    }
    where.postgres = JSON.stringify(rows);

    for (const [place, text] of Object.entries(where)) {
      for (const secret of secrets) {
        const at = text.indexOf(secret);
        expect(at < 0 ? '' : text.slice(Math.max(0, at - 200), at + 50), `${place} must not contain a secret`).toBe('');
      }
    }
    // A response_url lets anyone answer the person for 30 minutes: a queued kudos carries it sealed, so it is
    // in no job, Redis key, log line or row in the clear (it is, rightly, in what Slack recorded).
    expect(commandResponseUrls.length).toBeGreaterThan(5);
    for (const place of ['logs', 'metrics', 'jobs', 'redis', 'postgres']) {
      for (const url of commandResponseUrls)
        expect(where[place]?.includes(url), `${place} has a response_url`).toBe(false);
    }

    if (mode === 'oauth') {
      // The tokens are stored, sealed: the ciphertext opens to the installation with its token.
      const installs = await h.service.deps.db
        .selectFrom('installations')
        .selectAll()
        .orderBy('workspace_id')
        .execute();
      expect(installs.map((row) => JSON.parse(h.service.deps.secrets.open(row.secret_ciphertext)).bot.token)).toEqual([
        tokens.alpha,
        tokens.beta,
      ]);
    }
  }, 90_000);
});
