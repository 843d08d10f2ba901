import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { signingSecret } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { reservePort } from '../support/ports.ts';
import { type ProcessServices, startProcessServices } from '../support/process-services.ts';
import { type RunningMain, runMain, waitForOutput, waitUntilReady } from '../support/processes.ts';
import { messagesByKey, sendKeyOf } from '../support/sent-messages.ts';
import { eventually } from '../support/wait.ts';

/**
 * The worker is SIGKILLed while a round's intros are going out (one post has reached Slack but not been
 * answered), then a new worker starts: every group ends up with exactly one intro. The dead worker's jobs come
 * back when their locks expire; the send ledger's lease and the history check keep the ambiguous post single.
 */
const teamId = 'T0KILLED';
let sandbox: Sandbox;
let services: ProcessServices;
let db: Db;
let env: Record<string, string>;
let webPort: number;
const processes: RunningMain[] = [];

beforeAll(async () => {
  services = await startProcessServices(pairingWorkspace(teamId));
  ({ sandbox, db } = services);
  env = services.env;
  webPort = await reservePort();
  processes.push(runMain(['web'], { ...env, PORT: String(webPort) }), runMain(['worker'], env));
  await Promise.all([waitUntilReady(webPort, processes[0]!), waitForOutput(processes[1]!, /Nudge started/)]);
  await waitForMember(db, teamId, 'U0IDA', 30_000);
}, 120_000);

afterAll(async () => {
  await services?.stop(processes);
});

test('a worker killed mid-delivery and restarted: every group gets exactly one intro', async () => {
  const driver = sandbox.driver({ appUrl: `http://127.0.0.1:${webPort}/slack/events`, signingSecret });
  await driver.command({ teamId, userId: 'U0ADA', channelId: 'C0COFFEE', command: '/coffee', text: 'start coffee' });
  // The channel's welcome post goes out first, so the fault below falls on an intro.
  await sandbox.waitFor(() =>
    sandbox.messages('C0COFFEE').find((m) => String(m.metadata?.event_payload.key).startsWith('pairing.welcome.')),
  );
  // The first intro reaches Slack but its answer never comes back to this worker.
  sandbox.inject({ method: 'chat.postMessage', teamId, kind: 'timeout', delayMs: 60_000 });
  await driver.command({ teamId, userId: 'U0ADA', channelId: 'C0COFFEE', command: '/coffee', text: 'run' });
  const stuck = await sandbox.waitFor(() => sandbox.callsTo('chat.postMessage').find((c) => c.injected === 'timeout'), {
    timeoutMs: 30_000,
  });
  await processes[1]!.kill();
  expect(processes[1]!.child.signalCode).toBe('SIGKILL');

  processes.push(runMain(['worker'], env));
  await waitForOutput(processes[2]!, /Nudge started/);
  const round = await eventually(
    async () => {
      const row = await db.selectFrom('rounds').selectAll().where('workspace_id', '=', teamId).executeTakeFirst();
      return row?.status === 'delivered' ? row : undefined;
    },
    'every group introduced',
    150_000,
  );
  const groups = await db.selectFrom('round_groups').selectAll().where('round_id', '=', round.id).execute();
  const landed = messagesByKey(sandbox);
  for (const group of groups) expect(landed.get(`pairing.intro.${group.id}`)).toHaveLength(1);
  // The intro that was in flight when the worker died was found in history, not posted again.
  expect(sandbox.callsTo('chat.postMessage').filter((c) => sendKeyOf(c) === sendKeyOf(stuck))).toHaveLength(1);
}, 240_000);
