import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jobContracts } from '../../jobs/contracts.ts';
import { demoTimeControls, type TimeControl } from '../../src/embedded/time-controls.ts';
import { adjustableClock } from '../../src/observability/clock.ts';
import type { StoredMessage } from '../../src/sandbox/index.ts';
import { followUpPromptKey, helloKey } from '../../src/slack/keep-in-touch/keep-in-touch.blocks.ts';
import { runCoffee } from '../support/coffee-command.ts';
import { type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { messagesByKey } from '../support/sent-messages.ts';
import { submitOpenedView } from '../support/view-submission.ts';
import { eventually } from '../support/wait.ts';

/**
 * Keeping in touch end to end, with Nudge's clock moved by the sandbox's own "Advance the clock a day": the follow-up
 * a day after a coffee check-in said "met", contacts added from the Home tab, the weekly reconnect DM (a kudos between
 * two people postpones it), its Snooze / Done / Message / Stop, away people, and a second workspace with the same ids.
 */

const teamId = 'T0KIT';
const otherTeam = 'T0KIT2';
const clock = adjustableClock();
const hour = 3600 * 1000;
const day = 24 * hour;
const realNow = Math.floor(Date.now() / 1000);
let h: Harness;
let advanceDay: TimeControl;
let coffeeRound: TimeControl;
const db = () => h.service.deps.db;

beforeAll(async () => {
  // Hal is on holiday for two months, Ida out of office for twenty days (on Nudge's clock, which the test moves).
  const away: Record<string, { text: string; emoji: string; expiration: number }> = {
    U0HAL: { text: 'Vacation', emoji: ':palm_tree:', expiration: realNow + 60 * 86400 },
    U0IDA: { text: 'OOO', emoji: ':airplane:', expiration: realNow + 20 * 86400 },
  };
  const base = pairingWorkspace(teamId);
  const users = (base.users ?? []).map((u) => (away[u.id] ? { ...u, status: away[u.id] } : u));
  const other = pairingWorkspace(otherTeam);
  h = await startHarness({
    oauth: true,
    label: 'keep-in-touch',
    clock,
    workspaces: [
      { ...base, users },
      {
        ...other,
        users: [...(other.users ?? []), { id: 'U0NEWB', name: 'newb', realName: 'newb', tz: 'UTC' }],
        channels: (other.channels ?? []).map((c) => ({ ...c, id: c.id.replace(/^C0/, 'C1') })),
      },
    ],
  });
  for (const team of [teamId, otherTeam]) {
    expect((await installViaOAuth(h, team)).status).toBe(200);
    await waitForMember(db(), team, 'U0IDA', 20_000);
  }
  const controls = demoTimeControls(() => h.service.deps, {
    teamId,
    promptChannelId: 'C0COFFEE',
    kudosChannelId: 'C0COFFEE',
    coffeeChannelId: 'C0COFFEE',
    channelName: (id) => id,
  });
  advanceDay = controls.find((c) => c.id === 'advance-day')!;
  coffeeRound = controls.find((c) => c.id === 'coffee-round')!;
});
afterAll(async () => {
  await h?.stop();
});

const keysStartingWith = (prefix: string) => [...messagesByKey(h.sandbox).keys()].filter((k) => k.startsWith(prefix));

async function sent(key: string): Promise<StoredMessage> {
  const found = await h.sandbox.waitFor(() => messagesByKey(h.sandbox).get(key), {
    timeoutMs: 30_000,
    description: `message ${key}`,
  });
  expect(found).toHaveLength(1);
  return found[0]!;
}

const current = (message: StoredMessage) => h.sandbox.messages(message.channelId).find((m) => m.ts === message.ts)!;
const blocksText = (message: StoredMessage) => JSON.stringify(current(message).blocks ?? []);

/** The people of the conversation a message went to, from the conversations.open that made it. */
function recipients(message: StoredMessage): string[] {
  const opened = h.sandbox
    .callsTo('conversations.open')
    .find((c) => (c.response as { channel?: { id?: string } }).channel?.id === message.channelId);
  return String(opened?.args.users ?? '')
    .split(',')
    .sort();
}

async function click(userId: string, message: StoredMessage, actionId: string, value: string) {
  const response = await h.driver.interaction({
    teamId,
    userId,
    payload: {
      type: 'block_actions',
      container: { type: 'message', channel_id: message.channelId, message_ts: message.ts },
      actions: [{ type: 'button', action_id: actionId, block_id: 'b', value }],
    },
  });
  expect(response.status).toBe(200);
  return response;
}

/** A finished job's result, once it has run: what a processor decided when it sent nothing. */
async function jobResult(name: keyof typeof jobContracts, jobId: string): Promise<unknown> {
  const queue = h.service.deps.queues.queue(jobContracts[name].queue);
  return await eventually(
    async () => {
      const job = await queue.getJob(jobId);
      if (!job || !(await job.isCompleted())) return undefined;
      // The copy read above may predate the completion (no return value yet): read the finished job again.
      return (await queue.getJob(jobId))?.returnvalue ?? null;
    },
    `job ${jobId}`,
    30_000,
  );
}

/** Adds a contact as the owner would: the Home tab's Add button, then the modal. */
async function addFromHome(team: string, ownerId: string, contactId: string, weeks: number) {
  const since = Date.now();
  const opened = await h.driver.interaction({
    teamId: team,
    userId: ownerId,
    payload: { type: 'block_actions', actions: [{ type: 'button', action_id: 'keep_in_touch_add', block_id: 'b' }] },
  });
  expect(opened.status).toBe(200);
  const view = await h.sandbox.waitFor(
    () =>
      h.sandbox
        .openViews()
        .find(
          (v) =>
            v.teamId === team &&
            v.userId === ownerId &&
            v.updatedAt >= since &&
            v.view.callback_id === 'keep_in_touch_add_modal',
        ),
    { timeoutMs: 10_000, description: 'the keep-in-touch modal' },
  );
  return await submitOpenedView(h, {
    teamId: team,
    userId: ownerId,
    view,
    values: {
      kit_contact: { user: { type: 'users_select', selected_user: contactId } },
      kit_cadence: { cadence: { type: 'static_select', selected_option: { value: String(weeks) } } },
    },
  });
}

const contactsOf = async (team: string, ownerId: string) =>
  (
    await db()
      .selectFrom('keep_in_touch_contacts')
      .select('contact_id')
      .where('workspace_id', '=', team)
      .where('owner_id', '=', ownerId)
      .orderBy('contact_id')
      .execute()
  ).map((r) => r.contact_id);

describe('the follow-up prompt', () => {
  test('a day after a check-in says "met", each person of the group is asked about each partner, once', {
    timeout: 90_000,
  }, async () => {
    expect(await runCoffee(h, { teamId, userId: 'U0ADA', channelId: 'C0COFFEE', text: 'start coffee' })).toContain(
      'Started',
    );
    await coffeeRound.run();
    const groups = await eventually(
      async () => {
        const rows = await db()
          .selectFrom('round_groups')
          .select(['id', 'members', 'conversation_id', 'status'])
          .where('workspace_id', '=', teamId)
          .execute();
        return rows.length > 0 && rows.every((g) => g.status === 'delivered') ? rows : undefined;
      },
      'a delivered round',
      30_000,
    );
    const group = groups[0]!;
    const [first, second] = group.members;
    await click(
      first!,
      { channelId: group.conversation_id!, ts: '' } as StoredMessage,
      'pairing_checkin_met',
      `${group.id}|met`,
    );
    await eventually(
      async () =>
        await db()
          .selectFrom('round_checkins')
          .select('answer')
          .where('workspace_id', '=', teamId)
          .where('group_id', '=', group.id)
          .executeTakeFirst(),
      'the check-in answer',
      30_000,
    );
    expect(await advanceDay.run()).toContain(
      'Keep-in-touch follow-ups and reconnect DMs due by then are on their way.',
    );
    const pairs = group.members.flatMap((u) => group.members.filter((p) => p !== u).map((p) => [u, p] as const));
    const prompts = await eventually(
      async () => {
        const rows = await db()
          .selectFrom('keep_in_touch_prompts')
          .select(['id', 'user_id', 'partner_id', 'source'])
          .where('workspace_id', '=', teamId)
          .execute();
        return rows.length === pairs.length ? rows : undefined;
      },
      'the prompts',
      30_000,
    );
    for (const [userId, partnerId] of pairs) {
      const prompt = prompts.find((p) => p.user_id === userId && p.partner_id === partnerId)!;
      expect(prompt.source).toBe('pairing');
      const message = await sent(followUpPromptKey(prompt.id));
      expect(recipients(message)).toEqual([userId]);
      expect(message.text).toBe(`Keep in touch with <@${partnerId}>?`);
    }
    // The first person keeps in touch every 8 weeks: the DM is rewritten in place and the contact saved.
    const mine = prompts.find((p) => p.user_id === first && p.partner_id === second)!;
    const message = await sent(followUpPromptKey(mine.id));
    await click(first!, message, 'keep_in_touch_prompt_8', mine.id);
    await eventually(
      async () => (blocksText(message).includes('every 8 weeks') ? true : undefined),
      'rewritten',
      30_000,
    );
    expect(blocksText(message)).not.toContain('keep_in_touch_prompt_2');
    expect(await contactsOf(teamId, first!)).toEqual([second]);
    // A second click changes nothing; another day asks nobody again.
    await click(first!, message, 'keep_in_touch_prompt_no', mine.id);
    expect(await contactsOf(teamId, first!)).toEqual([second]);
    await advanceDay.run();
    const after = await db()
      .selectFrom('keep_in_touch_prompts')
      .select('id')
      .where('workspace_id', '=', teamId)
      .execute();
    expect(after).toHaveLength(pairs.length);
    for (const p of prompts) expect(messagesByKey(h.sandbox).get(followUpPromptKey(p.id))).toHaveLength(1);
    expect(
      await db().selectFrom('keep_in_touch_prompts').select('id').where('workspace_id', '=', otherTeam).execute(),
    ).toEqual([]);
  });
});

describe('contacts and the weekly reconnect DM', () => {
  test('yourself, a bot, someone who left, an id of another workspace: a clear error, nothing saved', async () => {
    // Ida is away, so no coffee round gave her a contact before this.
    const errors = async (contactId: string) => (await addFromHome(teamId, 'U0IDA', contactId, 1))?.errors;
    expect(await errors('U0IDA')).toEqual({
      kit_contact: 'You cannot keep in touch with yourself: choose a colleague.',
    });
    expect(await errors('U0BOT')).toEqual({ kit_contact: 'That is an app or a bot: choose a person.' });
    expect(await errors('U0GONE')).toEqual({
      kit_contact: 'That person has left the workspace: choose someone still here.',
    });
    expect(await errors('U0NEWB')).toEqual({
      kit_contact: 'That person is not a member of this workspace: choose someone from it.',
    });
    expect(await contactsOf(teamId, 'U0IDA')).toEqual([]);
  });

  test('a kudos between two people postpones the reminder; up to three, longest overdue first, away people left out', {
    timeout: 120_000,
  }, async () => {
    // Ben keeps in touch with Cat and Dan every two weeks; Eve with five people every week, added an hour apart
    // (Hal, the first, is on holiday); Ida, out of office, with Gus.
    for (const contact of ['U0CAT', 'U0DAN']) expect(await addFromHome(teamId, 'U0BEN', contact, 2)).toBeUndefined();
    for (const contact of ['U0HAL', 'U0ADA', 'U0BEN', 'U0CAT', 'U0FAY']) {
      expect(await addFromHome(teamId, 'U0EVE', contact, 1)).toBeUndefined();
      clock.advance(hour);
    }
    expect(await addFromHome(teamId, 'U0IDA', 'U0GUS', 1)).toBeUndefined();
    // The Home tab lists them, within its block budget.
    await h.driver.event({ teamId, event: { type: 'app_home_opened', user: 'U0EVE', tab: 'home' } });
    const home = await eventually(
      async () => {
        const view = h.sandbox.homeView(teamId, 'U0EVE') as {
          blocks: Array<{ type: string; text?: { text: string } }>;
        };
        return JSON.stringify(view?.blocks ?? []).includes('And 1 more') ? view : undefined;
      },
      'the Home tab with the list',
      30_000,
    );
    // Four shown, soonest due first; the fifth is counted, and the list command shows everyone.
    expect(JSON.stringify(home.blocks)).toContain('U0CAT');
    expect(JSON.stringify(home.blocks)).not.toContain('U0FAY');
    const start = home.blocks.findIndex((b) => b.type === 'header' && b.text?.text === 'Keep in touch');
    const section = home.blocks.slice(start - 1);
    const end = section.findIndex((b, i) => i > 1 && (b.type === 'divider' || b.type === 'header'));
    expect(start).toBeGreaterThan(0);
    expect(end === -1 ? section.length : end).toBeLessThanOrEqual(8);

    // Nine days on, Cat thanks Ben with a kudos.
    clock.advance(9 * day);
    const kudos = await h.driver.command({
      teamId,
      userId: 'U0CAT',
      channelId: 'C0COFFEE',
      command: '/kudos',
      text: '<@U0BEN> for the help with the launch',
    });
    expect(kudos.status).toBe(200);
    await eventually(
      async () =>
        await db()
          .selectFrom('kudos')
          .select('id')
          .where('workspace_id', '=', teamId)
          .where('recipient_id', '=', 'U0BEN')
          .executeTakeFirst(),
      'the kudos',
      30_000,
    );
    // Fifteen days after the contacts were added: Dan is overdue, Cat not (the kudos restarted their two weeks).
    clock.advance(5 * day);
    await advanceDay.run();
    const ben = await sent(`keep-in-touch.reconnect.${teamId}.U0BEN.0`);
    expect(recipients(ben)).toEqual(['U0BEN']);
    expect(ben.text).toBe('Time to reconnect with <@U0DAN>?');
    const eve = await sent(`keep-in-touch.reconnect.${teamId}.U0EVE.0`);
    expect(eve.text).toBe('Time to reconnect with <@U0ADA>, <@U0BEN>, <@U0CAT>?');
    expect(blocksText(eve)).not.toContain('U0HAL');
    // Ida is away: nothing for her until she is back.
    const today = clock.now().toISOString().slice(0, 10);
    expect(await jobResult('keep-in-touch.reconnect', `keep-in-touch.reconnect.${teamId}.U0IDA.0.${today}`)).toEqual({
      skipped: 'away until their status clears',
    });
    expect(keysStartingWith(`keep-in-touch.reconnect.${teamId}.U0IDA.`)).toEqual([]);
  });

  test('snooze, done and message answer in place; one DM a week at most; stop in one click', {
    timeout: 180_000,
  }, async () => {
    const eve = await sent(`keep-in-touch.reconnect.${teamId}.U0EVE.0`);
    await click('U0EVE', eve, 'keep_in_touch_snooze', 'U0ADA');
    await eventually(async () => (blocksText(eve).includes('snoozed until') ? true : undefined), 'snoozed', 30_000);
    await click('U0EVE', eve, 'keep_in_touch_done', 'U0BEN');
    await eventually(
      async () => (blocksText(eve).includes('done, the timer starts again') ? true : undefined),
      'done',
      30_000,
    );
    await click('U0EVE', eve, 'keep_in_touch_message', 'U0CAT');
    await eventually(async () => (blocksText(eve).includes('say hello there') ? true : undefined), 'hello', 30_000);
    // Each answer replaced that person's buttons only; the stop button stays.
    expect(blocksText(eve)).not.toContain('keep_in_touch_snooze');
    expect(blocksText(eve)).toContain('keep_in_touch_stop');
    const hello = await sent(helloKey(teamId, 'U0EVE', 'U0CAT', clock.now().toISOString().slice(0, 10)));
    expect(recipients(hello)).toEqual(['U0CAT', 'U0EVE']);

    // A day at a time for a week: the next DM comes seven days after the first, not before, and lists Fay first
    // (overdue longest), never Ada (snoozed for two weeks).
    for (let i = 0; i < 7; i += 1) await advanceDay.run();
    const firstSentAt = (
      await db()
        .selectFrom('keep_in_touch_people')
        .select('last_reconnect_at')
        .where('workspace_id', '=', teamId)
        .where('user_id', '=', 'U0EVE')
        .executeTakeFirstOrThrow()
    ).last_reconnect_at;
    expect(firstSentAt).not.toBeNull();
    const next = await eventually(
      async () => keysStartingWith(`keep-in-touch.reconnect.${teamId}.U0EVE.`).find((k) => !k.endsWith('.0')),
      'the second weekly DM',
      30_000,
    );
    const second = await sent(next);
    expect(second.text.startsWith('Time to reconnect with <@U0FAY>')).toBe(true);
    expect(second.text).not.toContain('U0ADA');
    expect(keysStartingWith(`keep-in-touch.reconnect.${teamId}.U0EVE.`)).toHaveLength(2);
    // Ida is back by now: her DM came once her status cleared.
    const ida = await sent(`keep-in-touch.reconnect.${teamId}.U0IDA.0`);
    expect(ida.text).toBe('Time to reconnect with <@U0GUS>?');

    // Stop: the DM says so in place, and no reminder follows.
    await click('U0EVE', second, 'keep_in_touch_stop', '');
    await eventually(
      async () => (blocksText(second).includes('reminders are off') ? true : undefined),
      'stopped',
      30_000,
    );
    const person = await db()
      .selectFrom('keep_in_touch_people')
      .select('opted_out_at')
      .where('workspace_id', '=', teamId)
      .where('user_id', '=', 'U0EVE')
      .executeTakeFirstOrThrow();
    expect(person.opted_out_at).not.toBeNull();
    for (let i = 0; i < 8; i += 1) await advanceDay.run();
    // Ida's next weekly DM shows the sweeps ran; Eve got none.
    await eventually(
      async () => (keysStartingWith(`keep-in-touch.reconnect.${teamId}.U0IDA.`).length >= 2 ? true : undefined),
      "Ida's next DM",
      30_000,
    );
    expect(keysStartingWith(`keep-in-touch.reconnect.${teamId}.U0EVE.`)).toHaveLength(2);
  });

  test('another workspace with the same user ids sees none of it', async () => {
    const list = await h.driver.command({
      teamId: otherTeam,
      userId: 'U0EVE',
      channelId: 'C1COFFEE',
      command: '/nudge',
      text: 'keep-in-touch',
    });
    expect((list.json as { text?: string }).text).toBe('You are not keeping in touch with anyone through Nudge yet.');
    const mine = await h.driver.command({
      teamId,
      userId: 'U0BEN',
      channelId: 'C0COFFEE',
      command: '/nudge',
      text: 'keep-in-touch',
    });
    expect((mine.json as { text?: string }).text).toContain('<@U0CAT>');
    expect(await contactsOf(otherTeam, 'U0EVE')).toEqual([]);
    // Remove, from the Home tab: only the person's own list changes.
    const removed = await h.driver.interaction({
      teamId,
      userId: 'U0BEN',
      payload: {
        type: 'block_actions',
        actions: [{ type: 'button', action_id: 'keep_in_touch_remove', block_id: 'b', value: 'U0DAN' }],
      },
    });
    expect(removed.status).toBe(200);
    await eventually(
      async () => (!(await contactsOf(teamId, 'U0BEN')).includes('U0DAN') ? true : undefined),
      'Dan removed',
      30_000,
    );
    expect(await contactsOf(teamId, 'U0BEN')).toContain('U0CAT');
    expect(await contactsOf(teamId, 'U0EVE')).toEqual(
      expect.arrayContaining(['U0ADA', 'U0BEN', 'U0CAT', 'U0FAY', 'U0HAL']),
    );
    expect(keysStartingWith(`keep-in-touch.reconnect.${otherTeam}.`)).toEqual([]);
  });
});
