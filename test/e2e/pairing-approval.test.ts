import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenView, RecordedCall, UserSpec, WorkspaceSpec } from '../../src/sandbox/index.ts';
import { runCoffee } from '../support/coffee-command.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { submitOpenedView } from '../support/view-submission.ts';
import { eventually, sleep } from '../support/wait.ts';

/**
 * Approval mode's changes before anything is sent: reshuffle (the same people, matched again) and swapping two
 * people between groups (refused where it would pair people who blocked each other, or one team in a
 * cross-team programme), then delivery of exactly the groups as they stand, once each.
 */

const teamId = 'T0REVIEW';
const boss = 'U0BOSS';
const people = ['U0P1', 'U0P2', 'U0P3', 'U0P4', 'U0P5', 'U0P6', 'U0P7', 'U0P8'];
const pool = [boss, ...people];
const nameOf = (id: string) => (id === boss ? 'Boss Person' : `Person ${id.slice(2)}`);
const person = (id: string, extra: Partial<UserSpec> = {}): UserSpec => ({
  id,
  name: id.slice(2).toLowerCase(),
  realName: `Person ${id.slice(2)}`,
  tz: 'Europe/Paris',
  title: 'Engineer',
  ...extra,
});
const workspace: WorkspaceSpec = {
  teamId,
  name: 'Review Co',
  users: [person(boss, { isAdmin: true, realName: 'Boss Person' }), ...people.map((id) => person(id)), person('U0OUT')],
  channels: [
    { id: 'C0REVIEW', name: 'review', members: pool, botIsMember: true },
    { id: 'C0XREVIEW', name: 'cross-review', members: pool.slice(0, 8), botIsMember: true },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ label: 'coffee-approval', workspaces: [workspace] });
  await waitForMember(h.service.deps.db, teamId, 'U0OUT');
});
afterAll(async () => {
  await h?.stop();
});

const db = () => h.service.deps.db;

const coffee = (text: string, userId: string, channelId: string) => runCoffee(h, { teamId, userId, channelId, text });

const introCalls = (): RecordedCall[] =>
  h.sandbox
    .callsTo('chat.postMessage', { teamId })
    .filter((c) => c.status === 200 && JSON.stringify(c.args.metadata ?? {}).includes('pairing.intro.'));

/** Starts an approval-mode programme, runs today's round and returns it with the preview sent to its creator. */
async function previewedRound(channelId: string, kind: 'coffee' | 'cross-team') {
  expect(await coffee(`start ${kind}`, boss, channelId)).toContain('Started');
  await db().updateTable('programmes').set({ approval_required: true }).where('channel_id', '=', channelId).execute();
  await coffee('run', boss, channelId);
  const preview = await h.sandbox.waitFor(
    () =>
      h.sandbox
        .callsTo('chat.postMessage', { teamId })
        .find((c) => c.status === 200 && String(c.args.text).includes(`Round preview for <#${channelId}>`)),
    { timeoutMs: 20_000 },
  );
  const round = await db()
    .selectFrom('rounds as r')
    .innerJoin('programmes as p', 'p.id', 'r.programme_id')
    .select(['r.id', 'r.status', 'p.id as programmeId'])
    .where('p.channel_id', '=', channelId)
    .executeTakeFirstOrThrow();
  const { channel, ts } = preview.response as { channel: string; ts: string };
  return { round, channel, ts };
}

async function groupsOf(roundId: string) {
  return await db()
    .selectFrom('round_groups')
    .select(['id', 'members', 'why', 'status'])
    .where('round_id', '=', roundId)
    .orderBy('id')
    .execute();
}

const partition = (groups: Array<{ members: string[] }>) =>
  groups
    .map((g) => [...g.members].sort().join('+'))
    .sort()
    .join(' | ');

async function clickPreview(userId: string, at: { channel: string; ts: string }, actionId: string, roundId: string) {
  const response = await h.driver.interaction({
    teamId,
    userId,
    payload: {
      type: 'block_actions',
      container: { type: 'message', channel_id: at.channel, message_ts: at.ts },
      actions: [{ action_id: actionId, type: 'button', value: roundId }],
    },
  });
  expect(response.status).toBe(200);
}

const repliesTo = (userId: string, fragment: string) =>
  h.sandbox.responseUrlPosts().filter((p) => p.userId === userId && JSON.stringify(p.body).includes(fragment));

/** Someone who may not approve clicks a preview button with the round id (a copy of it, say): refused. */
async function clickRefused(userId: string, actionId: string, roundId: string) {
  await h.driver.interaction({
    teamId,
    userId,
    payload: {
      type: 'block_actions',
      channel: { id: 'C0REVIEW' },
      actions: [{ action_id: actionId, type: 'button', value: roundId }],
    },
  });
  await h.sandbox.waitFor(() => repliesTo(userId, 'Only Nudge admins or the programme’s creator').length > 0, {
    timeoutMs: 20_000,
  });
}

/** The swap modal the approver opened from the preview at or after `started`. */
async function openedSwapView(started: number): Promise<OpenView> {
  return await h.sandbox.waitFor(
    () =>
      h.sandbox
        .openViews()
        .find((v) => v.userId === boss && v.updatedAt >= started && v.view.callback_id === 'pairing_swap'),
    { timeoutMs: 20_000 },
  );
}

const submitSwap = (view: OpenView, userId: string, first: string | null, second: string | null) =>
  submitOpenedView(h, {
    teamId,
    userId,
    view,
    values: {
      pairing_swap_first: { first: { selected_user: first } },
      pairing_swap_second: { second: { selected_user: second } },
    },
  });

describe('reshuffle', () => {
  let review: Awaited<ReturnType<typeof previewedRound>>;

  test('only approvers may reshuffle; a reshuffle re-matches the same people, moves the trio debt, redraws the preview and sends nothing', async () => {
    review = await previewedRound('C0REVIEW', 'coffee');
    const first = await groupsOf(review.round.id);
    expect(first.flatMap((g) => g.members).sort()).toEqual([...pool].sort());

    // Someone else, even with the round id, is refused and nothing changes.
    await clickRefused('U0P1', 'pairing_reshuffle', review.round.id);
    expect(await groupsOf(review.round.id)).toEqual(first);

    const seen = new Set([partition(first)]);
    for (let n = 1; n <= 4; n += 1) {
      const before = h.sandbox.responseUrlPosts().length;
      await clickPreview(boss, review, 'pairing_reshuffle', review.round.id);
      await eventually(async () => {
        const round = await db()
          .selectFrom('rounds')
          .select('reshuffles')
          .where('id', '=', review.round.id)
          .executeTakeFirst();
        return round?.reshuffles === n ? true : undefined;
      }, `reshuffle ${n}`);
      const groups = await groupsOf(review.round.id);
      expect(groups.flatMap((g) => g.members).sort()).toEqual([...pool].sort());
      expect(groups.map((g) => g.id).some((id) => first.some((f) => f.id === id))).toBe(false);
      seen.add(partition(groups));
      // The preview message itself now lists the new groups.
      await h.sandbox.waitFor(() => h.sandbox.responseUrlPosts().length > before, { timeoutMs: 20_000 });
      const message = h.sandbox.messages(review.channel).find((m) => m.ts === review.ts)!;
      for (const group of groups)
        expect(JSON.stringify(message.blocks)).toContain(group.members.map((m) => `<@${m}>`).join(' + '));
      // Nine people make one trio: its three members carry the trio debt, nobody else.
      const trio = groups.find((g) => g.members.length === 3)!;
      const debts = await db()
        .selectFrom('programme_members')
        .select(['user_id', 'trio_debt'])
        .where('programme_id', '=', review.round.programmeId)
        .where('trio_debt', '>', 0)
        .execute();
      expect(debts.map((d) => d.user_id).sort()).toEqual([...trio.members].sort());
      expect(debts.every((d) => d.trio_debt === 1)).toBe(true);
    }
    expect(seen.size).toBeGreaterThan(1);
    expect(introCalls()).toHaveLength(0);
    expect(
      (await db().selectFrom('rounds').select('status').where('id', '=', review.round.id).executeTakeFirstOrThrow())
        .status,
    ).toBe('awaiting_approval');
  });

  describe('swap', () => {
    let swapView: OpenView;
    const swap = (userId: string, first: string | null, second: string | null) =>
      submitSwap(swapView, userId, first, second);

    test('the swap modal opens for approvers only', async () => {
      const started = Date.now();
      await clickRefused('U0P2', 'pairing_swap_open', review.round.id);
      expect(h.sandbox.openViews().filter((v) => v.userId === 'U0P2')).toEqual([]);
      await clickPreview(boss, review, 'pairing_swap_open', review.round.id);
      swapView = await openedSwapView(started);
      expect(JSON.parse(String(swapView.view.private_metadata))).toEqual({
        roundId: review.round.id,
        channelId: review.channel,
        messageTs: review.ts,
      });
    });

    test('bad swaps are refused inline with the reason, and change nothing', async () => {
      const groups = await groupsOf(review.round.id);
      const [g1, g2] = groups as [(typeof groups)[0], (typeof groups)[0]];
      const [a1, a2] = g1.members as [string, string];
      const [b1] = g2.members as [string];
      expect((await swap(boss, a1, a1))?.errors).toEqual({ pairing_swap_second: 'Choose two different people.' });
      expect((await swap(boss, a1, a2))?.errors?.pairing_swap_second).toContain('already in the same group');
      expect((await swap(boss, 'U0OUT', b1))?.errors).toEqual({
        pairing_swap_first: 'This person is not in any group of this round.',
      });
      expect((await swap(boss, a1, null))?.errors).toEqual({
        pairing_swap_second: 'Choose who they trade places with.',
      });
      // b1 confidentially blocks a1: moving b1 into a1's group (in place of a2) is refused, naming nobody and no block.
      expect(await coffee(`block <@${a1}>`, b1, 'C0REVIEW')).toContain('never pair you with');
      const blocked = await swap(boss, a2, b1);
      expect(blocked?.errors?.pairing_swap_second).toBe(
        'Not swapped: Nudge can’t group these people this way. Try a different swap.',
      );
      expect(JSON.stringify(blocked)).not.toMatch(new RegExp(`block|asked never|${nameOf(a1)}|${nameOf(b1)}`, 'i'));
      // Someone who is not an approver cannot swap, even with a real view of the round.
      expect((await swap('U0P3', a2, g2.members[1]!))?.errors?.pairing_swap_first).toContain('Only Nudge admins');
      // A forged round id finds nothing.
      const forgedView = {
        ...swapView,
        view: {
          ...swapView.view,
          private_metadata: JSON.stringify({ roundId: '00000000-0000-4000-8000-000000000000' }),
        },
      };
      const forged = await submitSwap(forgedView, boss, a2, g2.members[1]!);
      expect(forged?.errors?.pairing_swap_first).toBe('That round no longer exists.');
      expect(await groupsOf(review.round.id)).toEqual(groups);
      expect(await db().selectFrom('round_swaps').selectAll().execute()).toEqual([]);
    });

    test('a swap is recorded and redrawn, and approving sends each group as swapped exactly once', async () => {
      const groups = await groupsOf(review.round.id);
      const blocks = await db().selectFrom('pairing_blocks').selectAll().execute();
      const blockedPair = (x: string, y: string) =>
        blocks.some(
          (b) => (b.user_id === x && b.blocked_user_id === y) || (b.user_id === y && b.blocked_user_id === x),
        );
      // Two people of two pairs whose trade creates no blocked pair.
      const pairs = groups.filter((g) => g.members.length === 2);
      let chosen: { first: string; second: string; g1: (typeof groups)[0]; g2: (typeof groups)[0] } | undefined;
      for (const g1 of pairs)
        for (const g2 of pairs)
          for (const first of g1.members)
            for (const second of g2.members) {
              const stayA = g1.members.find((m) => m !== first)!;
              const stayB = g2.members.find((m) => m !== second)!;
              if (!chosen && g1.id !== g2.id && !blockedPair(second, stayA) && !blockedPair(first, stayB))
                chosen = { first, second, g1, g2 };
            }
      const { first, second, g1, g2 } = chosen!;
      const done = await swap(boss, first, second);
      expect(JSON.stringify(done?.view)).toContain('traded places');
      const after = await groupsOf(review.round.id);
      const moved1 = after.find((g) => g.id === g1.id)!;
      const moved2 = after.find((g) => g.id === g2.id)!;
      expect([...moved1.members].sort()).toEqual(g1.members.map((m) => (m === first ? second : m)).sort());
      expect([...moved2.members].sort()).toEqual(g2.members.map((m) => (m === second ? first : m)).sort());
      expect(moved1.why).toBe('picked by an organiser for this round');
      expect(
        await db().selectFrom('round_swaps').select(['user_a', 'user_b', 'group_a', 'group_b', 'swapped_by']).execute(),
      ).toEqual([{ user_a: first, user_b: second, group_a: g1.id, group_b: g2.id, swapped_by: boss }]);
      await h.sandbox.waitFor(() => {
        const message = h.sandbox.messages(review.channel).find((m) => m.ts === review.ts);
        return JSON.stringify(message?.blocks).includes(moved1.members.map((m) => `<@${m}>`).join(' + '));
      });
      expect(introCalls()).toHaveLength(0);

      await clickPreview(boss, review, 'pairing_approve', review.round.id);
      await h.sandbox.waitFor(() => introCalls().length === after.length, { timeoutMs: 20_000, description: 'intros' });
      for (const group of after) {
        const intro = introCalls().filter((c) => JSON.stringify(c.args.metadata).includes(group.id));
        expect(intro).toHaveLength(1);
        for (const member of group.members) expect(String(intro[0]!.args.text)).toContain(`<@${member}>`);
      }
      const movedIntro = introCalls().find((c) => JSON.stringify(c.args.metadata).includes(g1.id))!;
      expect(String(movedIntro.args.text)).toContain('Why you: picked by an organiser for this round');
      // Anything that nudges the round again sends nothing more.
      await h.service.deps.queues.runNow('pairing.resume', { workspaceId: teamId, roundId: review.round.id });
      await sleep(1_000);
      expect(introCalls()).toHaveLength(after.length);

      // Once approved, the groups are final.
      expect((await swap(boss, first, second))?.errors?.pairing_swap_first).toContain('already approved');
      await clickPreview(boss, review, 'pairing_reshuffle', review.round.id);
      await h.sandbox.waitFor(() => repliesTo(boss, 'already approved').length > 0, { timeoutMs: 20_000 });
      const membership = (groups: Array<{ id: string; members: string[] }>) => groups.map((g) => [g.id, g.members]);
      expect(membership(await groupsOf(review.round.id))).toEqual(membership(after));
    });
  });
});

describe('swap in a cross-team programme', () => {
  test('a swap that would put one team together is refused, naming the team', async () => {
    const teams: Record<string, string> = Object.fromEntries(
      pool.slice(0, 8).map((u, i) => [u, i < 4 ? 'North' : 'South']),
    );
    for (const [userId, team] of Object.entries(teams)) {
      await db()
        .updateTable('members')
        .set({ team })
        .where('workspace_id', '=', teamId)
        .where('user_id', '=', userId)
        .execute();
    }
    await db().deleteFrom('pairing_blocks').execute();
    const review = await previewedRound('C0XREVIEW', 'cross-team');
    const groups = await groupsOf(review.round.id);
    expect(groups).toHaveLength(4);
    for (const g of groups) expect(new Set(g.members.map((m) => teams[m])).size).toBe(2);
    const [g1, g2] = groups as [(typeof groups)[0], (typeof groups)[0]];
    const north1 = g1.members.find((m) => teams[m] === 'North')!;
    const south2 = g2.members.find((m) => teams[m] === 'South')!;
    const started = Date.now();
    await clickPreview(boss, review, 'pairing_swap_open', review.round.id);
    const view = await openedSwapView(started);
    const errors = (await submitSwap(view, boss, north1, south2))?.errors;
    expect(errors?.pairing_swap_second).toMatch(
      /^Not swapped: \w+ \w+ and \w+ \w+ are both in (North|South), and this programme only introduces people across teams\.$/,
    );
    expect(await groupsOf(review.round.id)).toEqual(groups);
  });
});
