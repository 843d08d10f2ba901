import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { commandAnswer, type Sandbox } from '../../src/sandbox/index.ts';
import { signingSecret } from '../support/harness.ts';
import { untilEveryGiftAnnounced } from '../support/kudos-ledger.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { reservePort } from '../support/ports.ts';
import { type ProcessServices, startProcessServices } from '../support/process-services.ts';
import { type RunningMain, runMain, waitForOutput, waitUntilReady } from '../support/processes.ts';
import { announcementKeys, messagesByKey, sendKeyOf } from '../support/sent-messages.ts';
import { eventually } from '../support/wait.ts';

/**
 * Scale-out as deployed: two `web` and two `worker` processes (`node src/main.ts web|worker`) on one Postgres
 * and one Redis, started at the same time (so they also race to migrate). A burst of kudos, each delivered to
 * both web processes at once, must be recorded once and celebrated exactly once; a coffee round started through
 * both web processes at once while kudos keep coming must introduce every group exactly once.
 */
const teamId = 'T0SCALE';
let sandbox: Sandbox;
let services: ProcessServices;
let db: Db;
const processes: RunningMain[] = [];
const webPorts: number[] = [];
const coffeePeople = ['U0ADMIN', ...Array.from({ length: 24 }, (_, i) => `U0P${String(i).padStart(2, '0')}`)];

beforeAll(async () => {
  const spec = kudosWorkspace(teamId);
  // A coffee channel of 25 people (an odd count, so one trio) for the pairing round.
  spec.channels = [
    ...(spec.channels ?? []),
    { id: 'C0COFFEE', name: 'coffee', members: coffeePeople, botIsMember: true },
  ];
  services = await startProcessServices(spec);
  ({ sandbox, db } = services);
  const env = services.env;
  webPorts.push(await reservePort(), await reservePort());
  for (const port of webPorts) processes.push(runMain(['web'], { ...env, PORT: String(port) }));
  for (let i = 0; i < 2; i += 1) processes.push(runMain(['worker'], env));
  await Promise.all([
    ...webPorts.map((port, i) => waitUntilReady(port, processes[i]!)),
    ...processes.slice(2).map((run) => waitForOutput(run, /Nudge started/)),
  ]);
  await waitForMember(db, teamId, 'U0P23', 30_000);
}, 120_000);

afterAll(async () => {
  await services?.stop(processes);
});

describe('two web and two worker processes on one Postgres and Redis', () => {
  test('a kudos burst, each command delivered to both web processes: recorded once, celebrated once', async () => {
    const drivers = webPorts.map((port) =>
      sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret }),
    );
    // 24 gifts from 12 givers (two each), every one sent to both web processes at the same moment.
    const sends = Array.from({ length: 24 }, (_, i) => {
      const giver = `U0P${String(i % 12).padStart(2, '0')}`;
      const recipient = `U0P${String(12 + (i % 12)).padStart(2, '0')}`;
      return drivers[0]!.commandForm({
        teamId,
        userId: giver,
        channelId: 'C0TEAM',
        command: '/kudos',
        text: `<@${recipient}> for burst item ${i} of the scale-out test`,
      });
    });
    await Promise.all(
      sends.flatMap((form) =>
        drivers.map(async (driver) => {
          const response = await driver.signedPost({
            body: form.body,
            contentType: 'application/x-www-form-urlencoded',
          });
          expect(response.status).toBe(200);
        }),
      ),
    );
    // One of each pair queues the give; the other's copy is the same job (same trigger_id): one answer each.
    for (const form of sends) {
      const answer = await commandAnswer(sandbox, { status: 200, body: '', responseUrl: form.responseUrl }, 60_000);
      expect(answer.text).toContain('Kudos sent');
    }
    const gifts = await db
      .selectFrom('kudos_gifts as g')
      .innerJoin('kudos as k', 'k.gift_id', 'g.id')
      .select(['g.id', 'g.request_key', 'k.recipient_id'])
      .where('g.workspace_id', '=', teamId)
      .execute();
    expect(gifts).toHaveLength(24);
    expect(new Set(gifts.map((g) => g.request_key)).size).toBe(24);

    await untilEveryGiftAnnounced(db, teamId, 60_000);
    const expected = gifts.flatMap((g) => announcementKeys({ id: g.id, recipients: [g.recipient_id] })).sort();
    const landed = messagesByKey(sandbox);
    expect([...landed.keys()].sort()).toEqual(expected);
    for (const key of expected) expect(landed.get(key), key).toHaveLength(1);
    for (const form of sends) {
      expect(
        sandbox.responseUrlPosts().filter((p) => p.url === form.responseUrl),
        form.triggerId,
      ).toHaveLength(1);
    }
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
  test('a coffee round started on both web processes during a kudos burst: one round, one intro per group', async () => {
    const drivers = webPorts.map((port) =>
      sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret }),
    );
    const started = await drivers[0]!.command({
      teamId,
      userId: 'U0ADMIN',
      channelId: 'C0COFFEE',
      command: '/coffee',
      text: 'start coffee',
    });
    expect(started.status).toBe(200);
    // "Run a round now" reaches both web processes at the same moment, with kudos arriving alongside.
    const run = drivers[0]!.commandForm({
      teamId,
      userId: 'U0ADMIN',
      channelId: 'C0COFFEE',
      command: '/coffee',
      text: 'run',
    });
    const kudos = Array.from({ length: 8 }, (_, i) =>
      drivers[i % 2]!.commandForm({
        teamId,
        userId: `U0P${String(i).padStart(2, '0')}`,
        channelId: 'C0TEAM',
        command: '/kudos',
        text: `<@U0P${String(23 - i).padStart(2, '0')}> for round-time help number ${i}`,
      }),
    );
    const responses = await Promise.all([
      ...drivers.map((driver) =>
        driver.signedPost({ body: run.body, contentType: 'application/x-www-form-urlencoded' }),
      ),
      ...kudos.map((form, i) =>
        drivers[i % 2]!.signedPost({ body: form.body, contentType: 'application/x-www-form-urlencoded' }),
      ),
    ]);
    for (const response of responses) expect(response.status).toBe(200);

    const rounds = await eventually(
      async () => {
        const rows = await db.selectFrom('rounds').selectAll().where('workspace_id', '=', teamId).execute();
        return rows.length > 0 && rows.every((r) => r.status === 'delivered') ? rows : undefined;
      },
      'the round delivered',
      90_000,
    );
    expect(rounds).toHaveLength(1);
    const groups = await db.selectFrom('round_groups').selectAll().where('round_id', '=', rounds[0]!.id).execute();
    // Everyone in the channel placed exactly once: 11 pairs and one trio.
    expect(groups.flatMap((g) => g.members).sort()).toEqual([...coffeePeople].sort());
    expect(groups.map((g) => g.members.length).sort()).toEqual([...Array(11).fill(2), 3]);
    const landed = messagesByKey(sandbox);
    for (const group of groups) expect(landed.get(`pairing.intro.${group.id}`), group.id).toHaveLength(1);
    const introCalls = sandbox
      .callsTo('chat.postMessage', { teamId })
      .filter((c) => c.status === 200 && sendKeyOf(c)?.startsWith('pairing.intro.'));
    expect(introCalls).toHaveLength(groups.length);
    // The kudos sent during the round were each answered once and recorded once.
    for (const form of kudos) {
      expect(
        (await commandAnswer(sandbox, { status: 200, body: '', responseUrl: form.responseUrl }, 60_000)).text,
      ).toContain('Kudos sent');
    }
    const gifts = await db
      .selectFrom('kudos_gifts')
      .select('request_key')
      .where('workspace_id', '=', teamId)
      .where(
        'request_key',
        'in',
        kudos.map((k) => `command:${k.triggerId}`),
      )
      .execute();
    expect(gifts).toHaveLength(kudos.length);
  }, 180_000);
});
