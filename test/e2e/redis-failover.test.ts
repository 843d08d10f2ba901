import { afterAll, beforeAll, expect, test } from 'vitest';
import { commandAnswer, type DriverResponse } from '../../src/sandbox/index.ts';
import { runCoffee } from '../support/coffee-command.ts';
import { waitForDeliveredRound } from '../support/delivered-round.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { untilEveryGiftAnnounced } from '../support/kudos-ledger.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { type SentinelGroup, startSentinelGroup } from '../support/redis-sentinel.ts';
import { announcementKeys, messagesByKey } from '../support/sent-messages.ts';
import { eventually } from '../support/wait.ts';

/**
 * Redis behind Sentinel: a primary, a replica and three sentinels. Nudge (web and worker) knows only the sentinels.
 * The primary dies (SIGKILL) while a kudos burst and a coffee round are under way; the sentinels promote the
 * replica, and Nudge follows it: every kudos is answered and recorded once, every intro is sent exactly once.
 */
const teamId = 'T0FAILOVER';
const colleagues = Array.from({ length: 24 }, (_, i) => `U0P${String(i).padStart(2, '0')}`);
let group: SentinelGroup;
let h: Harness;
/** The app's clock, moved forward to let the kudos sweep's grace period pass without waiting for it. */
let skewMs = 0;
const clock = { now: () => new Date(Date.now() + skewMs) };

beforeAll(async () => {
  group = await startSentinelGroup();
  const spec = kudosWorkspace(teamId);
  spec.channels = [
    ...(spec.channels ?? []),
    { id: 'C0COFFEE', name: 'coffee', members: ['U0ADMIN', ...colleagues], botIsMember: true },
  ];
  h = await startHarness({
    label: 'failover',
    redisUrl: `redis://${group.settings.name}`,
    redisSentinel: group.settings,
    clock,
    workspaces: [spec],
  });
  await waitForMember(h.service.deps.db, teamId, 'U0P23', 30_000);
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await group?.stop();
});

/** Twelve gifts at once, each from a different giver, `from` the first twelve colleagues or the last twelve. */
async function kudosBurst(from: 'first' | 'last', reason: string): Promise<DriverResponse[]> {
  const givers = from === 'first' ? colleagues.slice(0, 12) : colleagues.slice(12);
  const recipients = from === 'first' ? colleagues.slice(12) : colleagues.slice(0, 12);
  return await Promise.all(
    givers.map(async (giver, i) => {
      const response = await h.driver.command({
        teamId,
        userId: giver,
        channelId: 'C0KUDOS',
        command: '/kudos',
        text: `<@${recipients[i]}> ${reason} (${i})`,
      });
      expect(response.status).toBe(200);
      return response;
    }),
  );
}

const introKeys = () => [...messagesByKey(h.sandbox).keys()].filter((key) => key.startsWith('pairing.intro.'));

test('the primary killed during a kudos burst and a round: every kudos answered once, every intro sent once', async () => {
  const { db } = h.service.deps;
  expect(await runCoffee(h, { teamId, userId: 'U0ADMIN', channelId: 'C0COFFEE', text: 'start coffee' })).toContain(
    'Started',
  );
  const before = await kudosBurst('first', 'for the steady hand before the failover');
  // Answered before the primary dies: a give job cut short by the failover would run again and answer again.
  for (const response of before) await commandAnswer(h.sandbox, response, 30_000);
  await runCoffee(h, { teamId, userId: 'U0ADMIN', channelId: 'C0COFFEE', text: 'run' });
  // Kill the primary once the round is being delivered.
  await eventually(async () => (introKeys().length > 0 ? true : undefined), 'the first intro', 30_000);
  group.primary.kill();
  const introsAtKill = introKeys().length;
  const during = await kudosBurst('last', 'for the calm while Redis failed over');
  await group.untilReplicaPromoted(30_000);

  // Every kudos answered (through the response_url once its job ran, or in the ack when it could not be queued).
  const responses = [...before, ...during];
  for (const response of responses) {
    expect((await commandAnswer(h.sandbox, response, 60_000)).text).toContain('Kudos sent');
    const posts = h.sandbox.responseUrlPosts().filter((p) => p.url === response.responseUrl);
    expect(posts).toHaveLength(response.json === undefined ? 1 : 0);
  }
  // Recorded once each.
  const gifts = await db
    .selectFrom('kudos_gifts as g')
    .innerJoin('kudos as k', 'k.gift_id', 'g.id')
    .select(['g.id', 'g.request_key', 'k.recipient_id'])
    .where('g.workspace_id', '=', teamId)
    .execute();
  expect(gifts).toHaveLength(responses.length);
  expect(new Set(gifts.map((g) => g.request_key)).size).toBe(responses.length);

  // Every intro of the round sent exactly once, on the promoted replica.
  const { groups } = await waitForDeliveredRound(db, { workspaceId: teamId }, 60_000);
  expect(groups.flatMap((g) => g.members).sort()).toEqual(['U0ADMIN', ...colleagues].sort());
  // Intros are spaced under Slack's Tier 3, so most of the round was still to be delivered when the primary died.
  expect(introsAtKill).toBeLessThan(groups.length);
  const landed = messagesByKey(h.sandbox);
  for (const g of groups) expect(landed.get(`pairing.intro.${g.id}`), g.id).toHaveLength(1);

  // Gifts given in the request while Redis was away are announced by the sweep; every gift celebrated once.
  skewMs += 3 * 60 * 1000;
  await h.service.deps.queues.enqueue('kudos.sweep', {});
  await untilEveryGiftAnnounced(db, teamId, 30_000);
  const announced = messagesByKey(h.sandbox);
  for (const gift of gifts) {
    for (const key of announcementKeys({ id: gift.id, recipients: [gift.recipient_id] })) {
      expect(announced.get(key), key).toHaveLength(1);
    }
  }
}, 150_000);
