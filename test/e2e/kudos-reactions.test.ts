import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { eventually, sleep } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0REACT';

beforeAll(async () => {
  h = await startHarness({ label: 'reactions', workspaces: [kudosWorkspace(teamId)] });
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await h.service.deps.db.deleteFrom('kudos_gifts').where('workspace_id', '=', teamId).execute();
});

const reaction = (
  type: 'reaction_added' | 'reaction_removed',
  user: string,
  author: string,
  ts: string,
  name = 'clap',
  channel = 'C0TEAM',
) =>
  h.driver.event({
    teamId,
    event: {
      type,
      user,
      reaction: name,
      item_user: author,
      item: { type: 'message', channel, ts },
      event_ts: `${Date.now() / 1000}`,
    },
  });

const gifts = () =>
  h.service.deps.db.selectFrom('kudos_gifts').selectAll().where('workspace_id', '=', teamId).execute();

describe('emoji kudos', () => {
  test("clapping a message thanks its author, in the message's thread, with a link to it", async () => {
    const message = h.sandbox.addUserMessage({
      channelId: 'C0TEAM',
      userId: 'U0ALEX',
      text: 'I fixed the flaky test suite',
    });
    expect((await reaction('reaction_added', 'U0GIVER', 'U0ALEX', message.ts)).status).toBe(200);
    const gift = await eventually(async () => (await gifts())[0], 'gift');
    expect(gift).toMatchObject({ giver_id: 'U0GIVER', source: 'reaction', source_ts: message.ts });
    expect(gift.message_link).toContain('/archives/C0TEAM/p');
    const reply = await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0TEAM').find((m) => m.threadTs === message.ts && m.text.includes('gave kudos')),
    );
    expect(reply.text).toContain('<@U0ALEX>');
    const ephemeral = await h.sandbox.waitFor(() =>
      h.sandbox.ephemerals({ userId: 'U0GIVER' }).find((e) => e.text.includes('Kudos sent')),
    );
    expect(ephemeral.channelId).toBe('C0TEAM');
  });

  test('removing the reaction within five minutes takes the kudos back and withdraws the post', async () => {
    const message = h.sandbox.addUserMessage({
      channelId: 'C0TEAM',
      userId: 'U0BEA',
      text: 'Wrote up the incident review',
    });
    await reaction('reaction_added', 'U0GIVER', 'U0BEA', message.ts);
    const reply = await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0TEAM').find((m) => m.threadTs === message.ts && m.text.includes('gave kudos')),
    );
    await reaction('reaction_removed', 'U0GIVER', 'U0BEA', message.ts);
    await eventually(async () => {
      const row = await h.service.deps.db
        .selectFrom('kudos_revocations')
        .selectAll()
        .where('workspace_id', '=', teamId)
        .executeTakeFirst();
      return row?.reason === 'reaction_removed' ? row : undefined;
    }, 'revocation');
    await h.sandbox.waitFor(() => (h.sandbox.messages('C0TEAM').some((m) => m.ts === reply.ts) ? undefined : true));
    expect(h.sandbox.messages('C0TEAM').filter((m) => m.threadTs === message.ts && m.ts !== message.ts)).toEqual([]);
  });

  test('clap then unclap leaves no trace, even when the announcement crashed after its post landed', async () => {
    // In a channel Nudge can read, so a retry can look for a post whose answer was lost.
    const message = h.sandbox.addUserMessage({ channelId: 'C0KUDOS', userId: 'U0ALEX', text: 'Rebuilt the CI cache' });
    // The public post reaches Slack but its answer is lost: the ledger cannot say it was sent.
    h.sandbox.inject({ method: 'chat.postMessage', kind: 'fail_after_effect', status: 500 });
    await reaction('reaction_added', 'U0GIVER', 'U0ALEX', message.ts, 'clap', 'C0KUDOS');
    await h.sandbox.waitFor(() =>
      h.sandbox.callsTo('chat.postMessage').find((c) => c.status === 500 && c.args.thread_ts === message.ts),
    );
    await reaction('reaction_removed', 'U0GIVER', 'U0ALEX', message.ts, 'clap', 'C0KUDOS');
    const gift = await eventually(async () => {
      const row = (await gifts())[0];
      const revoked = await h.service.deps.db
        .selectFrom('kudos_revocations')
        .select('gift_id')
        .where('workspace_id', '=', teamId)
        .executeTakeFirst();
      return row?.announced_at && revoked ? row : undefined;
    }, 'announced and revoked');
    const queue = h.service.deps.queues.queue('nudge-messages');
    for (const jobId of [`kudos.announce.${gift.id}`, `kudos.retract.${gift.id}`]) {
      await eventually(async () => ((await (await queue.getJob(jobId))?.isCompleted()) ? true : undefined), jobId);
    }
    const permalinkId = `p${message.ts.replace('.', '')}`;
    const dms = h.sandbox
      .callsTo('chat.postMessage')
      .map((c) => String(c.args.channel))
      .filter((channel) => channel.startsWith('D'));
    const left = [...new Set(['C0KUDOS', ...dms])].flatMap((channel) =>
      h.sandbox
        .messages(channel)
        .filter((m) => m.ts !== message.ts && (m.threadTs === message.ts || m.text.includes(permalinkId))),
    );
    expect(left).toEqual([]);
  });

  test('the same clap delivered twice, other emoji, and claps on your own message change nothing', async () => {
    const message = h.sandbox.addUserMessage({
      channelId: 'C0TEAM',
      userId: 'U0ALEX',
      text: 'Shipped the new onboarding flow',
    });
    await reaction('reaction_added', 'U0GIVER', 'U0ALEX', message.ts, 'clap', 'C0KUDOS');
    await reaction('reaction_added', 'U0GIVER', 'U0ALEX', message.ts, 'clap', 'C0KUDOS');
    await reaction('reaction_added', 'U0BEA', 'U0ALEX', message.ts, 'tada');
    const own = h.sandbox.addUserMessage({ channelId: 'C0TEAM', userId: 'U0GIVER', text: 'My own update' });
    await reaction('reaction_added', 'U0GIVER', 'U0GIVER', own.ts);
    await sleep(300);
    const rows = await gifts();
    expect(rows).toHaveLength(1);
    expect(h.sandbox.ephemerals({ userId: 'U0GIVER' }).filter((e) => e.text.includes('yourself'))).toEqual([]);
  });
  test('a give queued with an emoji that is no longer the kudos emoji records nothing and says nothing', async () => {
    // As when an admin changes the emoji while another web process still holds the old one for a few seconds.
    const message = h.sandbox.addUserMessage({ channelId: 'C0TEAM', userId: 'U0BEA', text: 'Old emoji era' });
    const give = {
      source: 'reaction' as const,
      workspaceId: teamId,
      giverId: 'U0ALEX',
      recipientId: 'U0BEA',
      channelId: 'C0TEAM',
      messageTs: message.ts,
    };
    await h.service.deps.queues.enqueue('kudos.give', { ...give, reaction: 'tada' });
    const queue = h.service.deps.queues.queue('nudge-interactions');
    const jobId = `kudos.give.${teamId}.reaction.C0TEAM.${message.ts}.U0ALEX`;
    await eventually(async () => ((await (await queue.getJob(jobId))?.isCompleted()) ? true : undefined), 'the job');
    expect(await gifts()).toEqual([]);
    expect(h.sandbox.ephemerals({ userId: 'U0ALEX' })).toEqual([]);
    // The same give with the current emoji does record: the refusal above was the emoji, not the job.
    await h.service.deps.queues.enqueue('kudos.give', { ...give, messageTs: `${message.ts}1`, reaction: 'clap' });
    await eventually(async () => (await gifts())[0], 'the kudos with the current emoji');
  });
});
