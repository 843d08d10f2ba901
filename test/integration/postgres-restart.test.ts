import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rebuildKudosTotals } from '../../src/domain/kudos/rebuild-totals.ts';
import { commandAnswer } from '../../src/sandbox/index.ts';
import { tryAgainText } from '../../src/slack/platform/error-replies.ts';
import { type Harness, queueBackends, startHarness } from '../support/harness.ts';
import { liveKudosTotals, untilEveryGiftAnnounced } from '../support/kudos-ledger.ts';
import { saveKudosSettings } from '../support/kudos-settings.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { type PostgresProcess, startPostgresProcess } from '../support/postgres-server.ts';
import { messagesByKey } from '../support/sent-messages.ts';
import { eventually, sleep } from '../support/wait.ts';

/**
 * Postgres restarted under traffic, on a server of this test's own (stopped and started on the same port and
 * data directory). Nudge itself is never restarted. With BullMQ on its PostgreSQL backend the queue goes down
 * with the database too; gifts recorded meanwhile are found by the kudos sweep.
 */
const teamId = 'T0PGBLINK';
let postgres: PostgresProcess;

beforeAll(async () => {
  postgres = await startPostgresProcess();
});
afterAll(async () => {
  await postgres?.stop();
});

interface Sent {
  phase: 'before' | 'outage' | 'after';
  status: number;
  text: string;
  requestKey: string;
}

describe.each(queueBackends)('Postgres restarted during traffic, queues on %s', (queueBackend) => {
  let h: Harness;
  /** The app's clock; moved forward to let a send lease run out without waiting a minute for it. */
  let skewMs = 0;
  const clock = { now: () => new Date(Date.now() + skewMs) };

  beforeAll(async () => {
    const name = `nudge_restart_${queueBackend}`;
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const databaseUrl = new URL(postgres.url);
    databaseUrl.pathname = `/${name}`;
    h = await startHarness({
      label: 'pg-restart',
      queueBackend,
      databaseUrl: databaseUrl.href,
      clock,
      workspaces: [kudosWorkspace(teamId)],
    });
    // Steady traffic repeats giver and recipient pairs: no allowance or weekly cap may refuse any of it.
    await saveKudosSettings(h.service.deps.db, teamId, {
      allowance: 1000,
      pair_cap: 1000,
      kudos_channel_id: 'C0KUDOS',
    });
    await waitForMember(h.service.deps.db, teamId, 'U0P23');
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('commands get a friendly "try again" during the outage, normal service after, no half-written rows', async () => {
    const sent: Sent[] = [];
    // A queued kudos is answered later through its response_url (after Postgres is back, for one queued in
    // the outage); the entry's text is filled in when that answer lands.
    const answers: Promise<void>[] = [];
    let phase: Sent['phase'] = 'before';
    let stop = false;
    // Steady /kudos traffic from rotating givers: a bounded loop, one command every ~100 ms.
    const traffic = (async () => {
      for (let i = 0; i < 600 && !stop; i += 1) {
        const giver = `U0P${String(i % 12).padStart(2, '0')}`;
        const recipient = `U0P${String(12 + ((i * 5) % 12)).padStart(2, '0')}`;
        const at = phase;
        const response = await h.driver.command({
          teamId,
          userId: giver,
          channelId: 'C0KUDOS',
          command: '/kudos',
          text: `<@${recipient}> for steady work through the database restart, round ${i}`,
        });
        const inAck = (response.json as { text?: string } | undefined)?.text;
        const entry: Sent = {
          phase: at,
          status: response.status,
          text: inAck ?? '',
          requestKey: `command:${response.triggerId}`,
        };
        sent.push(entry);
        if (inAck === undefined && response.status === 200) {
          answers.push(
            commandAnswer(h.sandbox, response, 150_000).then(
              (answer) => {
                entry.text = answer.text ?? '';
              },
              () => {
                entry.text = 'no answer';
              },
            ),
          );
        }
        await sleep(100);
      }
    })();
    const count = (p: Sent['phase'], pattern: string) =>
      sent.filter((s) => s.phase === p && s.text.includes(pattern)).length;
    try {
      await eventually(async () => (count('before', 'Kudos sent') >= 3 ? true : undefined), 'traffic before', 30_000);
      phase = 'outage';
      await postgres.pause();
      await eventually(async () => (count('outage', tryAgainText) >= 5 ? true : undefined), 'answers in the outage');
      await postgres.resume();
      phase = 'after';
      await eventually(async () => (count('after', 'Kudos sent') >= 5 ? true : undefined), 'service back', 30_000);
    } finally {
      stop = true;
      await traffic;
      await Promise.all(answers);
    }

    // Every answer was a 200 with either the confirmation or the friendly try-again; never a 401 or a 5xx.
    for (const s of sent) {
      expect(s.status, s.text).toBe(200);
      expect(s.text.includes('Kudos sent') || s.text === tryAgainText, s.text).toBe(true);
    }
    // Nothing in between: a confirmed kudos is recorded once, a try-again left no gift behind.
    const gifts = await h.service.deps.db
      .selectFrom('kudos_gifts')
      .select(['id', 'request_key'])
      .where('workspace_id', '=', teamId)
      .execute();
    const recorded = new Set(gifts.map((g) => g.request_key));
    for (const s of sent) expect(recorded.has(s.requestKey), s.requestKey).toBe(s.text.includes('Kudos sent'));
    expect(gifts).toHaveLength(sent.filter((s) => s.text.includes('Kudos sent')).length);
    // No half-written rows: every gift has its ledger row, and the running totals equal a rebuild from the ledger.
    const orphans = await h.service.deps.db
      .selectFrom('kudos_gifts as g')
      .leftJoin('kudos as k', 'k.gift_id', 'g.id')
      .select('g.id')
      .where('g.workspace_id', '=', teamId)
      .where('k.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
    const totals = () => liveKudosTotals(h.service.deps.db, teamId);
    const live = await totals();
    await rebuildKudosTotals(h.service.deps.db, teamId);
    expect(await totals()).toEqual(live);

    // The worker recovered too: every recorded gift is celebrated, exactly once. A post that reached Slack just
    // as Postgres went away could not be marked sent, and its lease (a minute) keeps other attempts off it until
    // it runs out; let that minute pass, after which the retry finds the post in the channel's history.
    skewMs = 61_000;
    await untilEveryGiftAnnounced(h.service.deps.db, teamId, 60_000);
    const landed = messagesByKey(h.sandbox);
    for (const gift of gifts) expect(landed.get(`kudos.post.${gift.id}`), gift.id).toHaveLength(1);
    // /readyz serves the background probe's last verdict, which may still be one taken during the outage when
    // everything above went fast: it turns 200 at the next probe, within the 10 s Nudge promises.
    await eventually(
      async () => ((await fetch(`${h.appUrl}/readyz`)).status === 200 ? true : undefined),
      'ready again',
      10_000,
    );
  }, 300_000);
});
