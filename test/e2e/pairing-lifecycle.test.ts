import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCoffee } from '../support/coffee-command.ts';
import { type Harness, startHarness, transports } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { eventually, sleep } from '../support/wait.ts';

// The same listener tests over Slack's two ways in: signed HTTP requests and Socket Mode envelopes.
describe.each(transports)('over %s', (transport) => {
  let h: Harness;
  const teamId = 'T0LIFE';

  beforeAll(async () => {
    h = await startHarness({ label: `coffee-life-${transport}`, workspaces: [pairingWorkspace(teamId)], transport });
    await waitForMember(h.service.deps.db, teamId, 'U0IDA');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const coffee = (text: string, userId: string, channelId: string) => runCoffee(h, { teamId, userId, channelId, text });

  const posted = (fragment: string) =>
    h.sandbox.callsTo('chat.postMessage').filter((c) => c.status === 200 && String(c.args.text).includes(fragment));

  async function programmeIn(channelId: string) {
    return await h.service.deps.db
      .selectFrom('programmes')
      .selectAll()
      .where('workspace_id', '=', teamId)
      .where('channel_id', '=', channelId)
      .executeTakeFirstOrThrow();
  }

  async function deliveredRound(programmeId: string, roundDate: string) {
    return await eventually(
      async () => {
        const round = await h.service.deps.db
          .selectFrom('rounds')
          .selectAll()
          .where('programme_id', '=', programmeId)
          .where('round_date', '=', roundDate)
          .executeTakeFirst();
        return round?.status === 'delivered' ? round : undefined;
      },
      `round ${roundDate} delivered`,
      30_000,
    );
  }

  describe('partner rescue', () => {
    test('a guest who skips after the intro is replaced from the standby pool the same day, once', {
      timeout: 60_000,
    }, async () => {
      await coffee('start lottery <@U0ADA|ada>', 'U0ADA', 'C0EXEC');
      await coffee('run', 'U0ADA', 'C0EXEC');
      const programme = await programmeIn('C0EXEC');
      const round = await eventually(
        async () =>
          h.service.deps.db
            .selectFrom('rounds')
            .selectAll()
            .where('programme_id', '=', programme.id)
            .executeTakeFirst(),
        'round',
      );
      await deliveredRound(programme.id, round.round_date);
      const [group] = await h.service.deps.db
        .selectFrom('round_groups')
        .selectAll()
        .where('round_id', '=', round.id)
        .execute();
      const guest = group!.members.find((m) => m !== 'U0ADA')!;
      expect(await coffee('skip', guest, 'C0EXEC')).toContain('Your partner has been matched with someone else');
      const rescue = await eventually(
        async () => {
          const row = await h.service.deps.db
            .selectFrom('round_groups')
            .selectAll()
            .where('rescue_of', '=', group!.id)
            .executeTakeFirst();
          return row?.status === 'delivered' ? row : undefined;
        },
        'rescue intro',
        30_000,
      );
      expect(rescue.members[0]).toBe('U0ADA');
      expect(rescue.members[1]).not.toBe(guest);
      const standby = await h.service.deps.db
        .selectFrom('round_unmatched')
        .selectAll()
        .where('round_id', '=', round.id)
        .where('user_id', '=', rescue.members[1]!)
        .executeTakeFirstOrThrow();
      expect(standby.rescued_into).toBe(rescue.id);
      // Skipping again changes nothing more: a skip is one round, and the guest is already out of this one.
      expect(await coffee('skip', guest, 'C0EXEC')).toBe(
        'You are already out of this round; you will be in the next one.',
      );
      await sleep(500);
      expect(
        await h.service.deps.db.selectFrom('round_groups').select('id').where('round_id', '=', round.id).execute(),
      ).toHaveLength(2);
    });

    test('a partner left alone with nobody free is told, and goes first next time', async () => {
      await coffee('start coffee', 'U0ADA', 'C0REVIEW');
      await coffee('run', 'U0ADA', 'C0REVIEW');
      const programme = await programmeIn('C0REVIEW');
      const round = await eventually(
        async () =>
          h.service.deps.db
            .selectFrom('rounds')
            .selectAll()
            .where('programme_id', '=', programme.id)
            .executeTakeFirst(),
        'round',
      );
      await deliveredRound(programme.id, round.round_date);
      const groups = await h.service.deps.db
        .selectFrom('round_groups')
        .selectAll()
        .where('round_id', '=', round.id)
        .execute();
      const [skipper, partner] = groups[0]!.members;
      expect(await coffee('skip', skipper!, 'C0REVIEW')).toContain('Your partner has been told');
      await h.sandbox.waitFor(() => posted('had to skip, and nobody else is free').length === 1, { timeoutMs: 20_000 });
      const state = await h.service.deps.db
        .selectFrom('programme_members')
        .selectAll()
        .where('programme_id', '=', programme.id)
        .where('user_id', '=', partner!)
        .executeTakeFirstOrThrow();
      expect(state.unmatched_debt).toBe(1);
    });
  });

  describe('ghosts', () => {
    test('two silent rounds warn, a third pauses with a one-click resume; answering resets the count', {
      timeout: 90_000,
    }, async () => {
      await coffee('start coffee', 'U0ADA', 'C0XTEAM');
      const programme = await programmeIn('C0XTEAM');
      const dates = ['2026-01-05', '2026-01-12', '2026-01-19'];
      for (const [i, roundDate] of dates.entries()) {
        await h.service.deps.queues.enqueue('pairing.round', {
          workspaceId: teamId,
          programmeId: programme.id,
          roundDate,
          deliverNow: true,
        });
        const round = await deliveredRound(programme.id, roundDate);
        if (i === 0) {
          // Ada answers the first check-in; everyone else stays silent throughout.
          const mine = (
            await h.service.deps.db.selectFrom('round_groups').selectAll().where('round_id', '=', round.id).execute()
          ).find((g) => g.members.includes('U0ADA'))!;
          await h.service.deps.db
            .insertInto('round_checkins')
            .values({
              workspace_id: teamId,
              group_id: mine.id,
              user_id: 'U0ADA',
              answer: 'met',
              answered_at: new Date(),
            })
            .execute();
        }
        await h.service.deps.queues.runNow('pairing.close', { workspaceId: teamId, roundId: round.id });
        await eventually(
          async () => {
            const row = await h.service.deps.db
              .selectFrom('rounds')
              .select('status')
              .where('id', '=', round.id)
              .executeTakeFirst();
            return row?.status === 'closed' ? true : undefined;
          },
          'closed',
          30_000,
        );
      }
      await h.sandbox.waitFor(() => posted('Three rounds in a row').length === 5, { timeoutMs: 20_000 });
      // Warned after round 2: the five who never answered; after round 3: Ada, silent twice since answering.
      expect(posted("haven't answered the last two check-ins in <#C0XTEAM>")).toHaveLength(6);
      const states = await h.service.deps.db
        .selectFrom('programme_members')
        .selectAll()
        .where('programme_id', '=', programme.id)
        .orderBy('user_id')
        .execute();
      expect(states.find((s) => s.user_id === 'U0ADA')).toMatchObject({ status: 'active', ghost_strikes: 2 });
      expect(states.filter((s) => s.status === 'paused').map((s) => s.user_id)).toEqual([
        'U0BEN',
        'U0CAT',
        'U0DAN',
        'U0EVE',
        'U0FAY',
      ]);

      const notice = posted('Three rounds in a row').find((c) => JSON.stringify(c.args.metadata).includes('U0BEN'))!;
      await h.driver.interaction({
        teamId,
        userId: 'U0BEN',
        payload: {
          type: 'block_actions',
          channel: { id: notice.args.channel },
          actions: [{ action_id: 'pairing_resume', type: 'button', value: programme.id }],
        },
      });
      await eventually(async () => {
        const row = await h.service.deps.db
          .selectFrom('programme_members')
          .selectAll()
          .where('programme_id', '=', programme.id)
          .where('user_id', '=', 'U0BEN')
          .executeTakeFirst();
        return row?.status === 'active' && row.ghost_strikes === 0 ? true : undefined;
      }, 'resumed');
    });
  });
});
