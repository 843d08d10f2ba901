import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { createTestDatabase } from '../support/databases.ts';
import { signingSecret } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { nudgeEnv, type RunningMain, runMain, waitForOutput, waitUntilReady } from '../support/processes.ts';
import { freePort, startRedisProcess } from '../support/redis-server.ts';
import { announcementKeys, messagesByKey } from '../support/sent-messages.ts';
import { eventually } from '../support/wait.ts';

/**
 * Scale-out as deployed: two `web` and two `worker` processes (`node src/main.ts web|worker`) on one Postgres
 * and one Redis, started at the same time (so they also race to migrate). A burst of kudos, each delivered to
 * both web processes at once, must be recorded once and celebrated exactly once.
 */
const teamId = 'T0SCALE';
let sandbox: Sandbox;
let redis: Awaited<ReturnType<typeof startRedisProcess>>;
let db: Db;
const processes: RunningMain[] = [];
const webPorts: number[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: 'off' });
  const workspace = sandbox.createWorkspace(kudosWorkspace(teamId));
  redis = await startRedisProcess();
  const databaseUrl = await createTestDatabase();
  db = createDatabase(databaseUrl, { max: 2 });
  const env = nudgeEnv({
    signingSecret,
    botToken: workspace.botToken,
    apiUrl: sandbox.apiUrl,
    databaseUrl,
    redisUrl: redis.url,
    encryptionKey: randomBytes(32).toString('base64'),
  });
  webPorts.push(await freePort(), await freePort());
  for (const port of webPorts) processes.push(runMain(['web'], { ...env, PORT: String(port) }));
  for (let i = 0; i < 2; i += 1) processes.push(runMain(['worker'], env));
  await Promise.all([
    ...webPorts.map((port, i) => waitUntilReady(port, processes[i]!)),
    ...processes.slice(2).map((run) => waitForOutput(run, /Nudge started/)),
  ]);
  await eventually(
    async () =>
      db
        .selectFrom('members')
        .select('user_id')
        .where('workspace_id', '=', teamId)
        .where('user_id', '=', 'U0P23')
        .executeTakeFirst(),
    'member sync',
    30_000,
  );
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(processes.map((run) => run.stop()));
  await db?.destroy();
  await redis?.stop();
  await sandbox?.close();
});

/** The signed form Slack sends for a slash command; the same bytes can go to both web processes. */
function kudosForm(giver: string, text: string, triggerId: string): string {
  return new URLSearchParams({
    team_id: teamId,
    team_domain: 'kudos-co',
    channel_id: 'C0TEAM',
    channel_name: 'team',
    user_id: giver,
    user_name: giver.toLowerCase(),
    command: '/kudos',
    text,
    api_app_id: 'A0SANDBOX01',
    response_url: `${sandbox.url}/response/unused`,
    trigger_id: triggerId,
  }).toString();
}

describe('two web and two worker processes on one Postgres and Redis', () => {
  test('a kudos burst, each command delivered to both web processes: recorded once, celebrated once', async () => {
    const drivers = webPorts.map((port) =>
      sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret }),
    );
    // 24 gifts from 12 givers (two each), every one sent to both web processes at the same moment.
    const sends = Array.from({ length: 24 }, (_, i) => {
      const giver = `U0P${String(i % 12).padStart(2, '0')}`;
      const recipient = `U0P${String(12 + (i % 12)).padStart(2, '0')}`;
      return kudosForm(giver, `<@${recipient}> for burst item ${i} of the scale-out test`, `burst.${i}.trigger`);
    });
    const answers = await Promise.all(
      sends.flatMap((body) =>
        drivers.map(async (driver) => {
          const response = await driver.signedPost({ body, contentType: 'application/x-www-form-urlencoded' });
          expect(response.status).toBe(200);
          return (response.json as { text: string }).text;
        }),
      ),
    );
    // One of each pair records it; the other finds it recorded (same trigger_id): never two gifts.
    expect(answers.every((text) => text.includes('Kudos sent') || text.includes('recorded once'))).toBe(true);
    const gifts = await db
      .selectFrom('kudos_gifts as g')
      .innerJoin('kudos as k', 'k.gift_id', 'g.id')
      .select(['g.id', 'g.request_key', 'k.recipient_id'])
      .where('g.workspace_id', '=', teamId)
      .execute();
    expect(gifts).toHaveLength(24);
    expect(new Set(gifts.map((g) => g.request_key)).size).toBe(24);

    await eventually(
      async () => {
        const pending = await db
          .selectFrom('kudos_gifts')
          .select('id')
          .where('workspace_id', '=', teamId)
          .where('announced_at', 'is', null)
          .execute();
        return pending.length === 0 ? true : undefined;
      },
      'every gift announced',
      60_000,
    );
    const expected = gifts.flatMap((g) => announcementKeys({ id: g.id, recipients: [g.recipient_id] })).sort();
    const landed = messagesByKey(sandbox);
    expect([...landed.keys()].sort()).toEqual(expected);
    for (const key of expected) expect(landed.get(key), key).toHaveLength(1);
    // And no message was even attempted twice: one chat.postMessage call per key.
    expect(sandbox.callsTo('chat.postMessage', { teamId }).filter((c) => c.status === 200)).toHaveLength(
      expected.length,
    );
  }, 120_000);

  test('the same reaction event delivered to both web processes at once gives one kudos', async () => {
    const message = sandbox.addUserMessage({ channelId: 'C0TEAM', userId: 'U0ALEX', text: 'Fixed the flaky build' });
    const drivers = webPorts.map((port) =>
      sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret }),
    );
    const event = {
      type: 'reaction_added',
      user: 'U0BEA',
      reaction: 'clap',
      item_user: 'U0ALEX',
      item: { type: 'message', channel: 'C0TEAM', ts: message.ts },
      event_ts: message.ts,
    };
    const responses = await Promise.all(
      drivers.map((driver) => driver.event({ teamId, event, eventId: 'Ev0SAMEREACTION' })),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const gift = await eventually(
      async () =>
        db
          .selectFrom('kudos_gifts')
          .selectAll()
          .where('workspace_id', '=', teamId)
          .where('giver_id', '=', 'U0BEA')
          .where('announced_at', 'is not', null)
          .executeTakeFirst(),
      'reaction kudos announced',
      30_000,
    );
    const rows = await db.selectFrom('kudos').select('id').where('gift_id', '=', gift.id).execute();
    expect(rows).toHaveLength(1);
    const all = await db.selectFrom('kudos_gifts').select('id').where('giver_id', '=', 'U0BEA').execute();
    expect(all).toHaveLength(1);
    expect(messagesByKey(sandbox).get(`kudos.post.${gift.id}`)).toHaveLength(1);
  }, 60_000);
});
