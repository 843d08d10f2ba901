import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createJobQueues, type JobQueues } from '../../jobs/queues.ts';
import type { Db } from '../../src/db/database.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { waitForMember } from '../support/member-sync.ts';
import { mentorshipCycleWorkspace } from '../support/mentorship-cycle-workspace.ts';
import { approveNextCycle, days, signUp, startProgramme } from '../support/mentorship-programme.ts';
import { reservePort } from '../support/ports.ts';
import { type ProcessServices, startProcessServices } from '../support/process-services.ts';
import { type RunningMain, runMain, waitForOutput, waitUntilReady } from '../support/processes.ts';
import { messagesByKey, sendKeyOf } from '../support/sent-messages.ts';
import { eventually, sleep } from '../support/wait.ts';

/**
 * Mentorship check-ins through every fault at once: the sweep and a check-in job queued several times over, the
 * worker SIGKILLed while a check-in DM has reached Slack but not been answered, and Redis flushed before a new
 * worker starts. Postgres alone says what is owed: each person gets their check-in exactly once, none is skipped.
 */
const teamId = 'T0MCRASH';
let sandbox: Sandbox;
let services: ProcessServices;
let db: Db;
let queues: JobQueues;
let producer: Redis;
let programmeId: string;
let pairs: Map<string, string>;
const processes: RunningMain[] = [];

beforeAll(async () => {
  services = await startProcessServices(mentorshipCycleWorkspace(teamId));
  ({ sandbox, db } = services);
  const webPort = await reservePort();
  processes.push(runMain(['web'], { ...services.env, PORT: String(webPort) }), runMain(['worker'], services.env));
  await Promise.all([waitUntilReady(webPort, processes[0]!), waitForOutput(processes[1]!, /Nudge started/)]);
  await waitForMember(db, teamId, 'U0DAN', 30_000);
  // Two pairs that started fifteen days ago: their first check-in is due.
  const started = new Date(Date.now() - days(15));
  programmeId = await startProgramme(db, teamId, started, { skills: ['Rust', 'Go'] });
  await signUp(db, teamId, programmeId, 'U0ALEX', started, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
  await signUp(db, teamId, programmeId, 'U0BEA', started, { learns: ['Rust'] });
  await signUp(db, teamId, programmeId, 'U0CAL', started, { role: 'mentor', teaches: ['Go'], capacity: 1 });
  await signUp(db, teamId, programmeId, 'U0DAN', started, { learns: ['Go'] });
  pairs = await approveNextCycle(db, teamId, programmeId, started);
  producer = new Redis(services.redis.url, { maxRetriesPerRequest: 1 });
  queues = createJobQueues({ kind: 'redis', connection: producer, prefix: 'nudge' });
}, 120_000);

afterAll(async () => {
  await queues?.close();
  producer?.disconnect();
  await services?.stop(processes);
});

test('duplicated jobs, a worker killed mid-post and a Redis flush: each check-in DM exactly once', async () => {
  const pairA = pairs.get('U0BEA')!;
  const pairB = pairs.get('U0DAN')!;
  const expected = [
    `mentorship.checkin.${pairA}.1.U0ALEX`,
    `mentorship.checkin.${pairA}.1.U0BEA`,
    `mentorship.checkin.${pairB}.1.U0CAL`,
    `mentorship.checkin.${pairB}.1.U0DAN`,
  ];
  // The first check-in reaches Slack but its answer never comes back to this worker.
  sandbox.inject({ method: 'chat.postMessage', teamId, kind: 'timeout', delayMs: 60_000 });
  await Promise.all([
    ...[1, 2, 3].map(() => queues.enqueue('mentorship.sweep', { workspaceId: teamId, programmeId })),
    ...[1, 2].map(() => queues.enqueue('mentorship.checkin', { workspaceId: teamId, pairId: pairA, number: 1 })),
  ]);
  const stuck = await sandbox.waitFor(() => sandbox.callsTo('chat.postMessage').find((c) => c.injected === 'timeout'), {
    timeoutMs: 30_000,
  });
  await processes[1]!.kill();
  expect(processes[1]!.child.signalCode).toBe('SIGKILL');

  // Every queued job is gone with the flush; the new worker rebuilds the schedules, and the sweep finds what is owed.
  await producer.flushall();
  processes.push(runMain(['worker'], services.env));
  await waitForOutput(processes[2]!, /Nudge started/);
  await queues.enqueue('mentorship.sweep', { workspaceId: teamId, programmeId });
  const recorded = () =>
    db.selectFrom('mentorship_checkins').select(['pair_id', 'user_id']).where('workspace_id', '=', teamId).execute();
  await eventually(
    async () => {
      if ((await recorded()).length === 4) return true;
      // The hourly sweep, here by hand: the post that was in flight stays leased for a minute, then is found.
      await queues.enqueue('mentorship.sweep', { workspaceId: teamId, programmeId });
      await sleep(2_000);
      return undefined;
    },
    'every check-in recorded',
    180_000,
  );
  const landed = messagesByKey(sandbox);
  for (const key of expected) expect(landed.get(key), key).toHaveLength(1);
  expect([...landed.keys()].filter((k) => k.startsWith('mentorship.checkin.')).sort()).toEqual([...expected].sort());
  // The check-in in flight when the worker died was found in the DM's history, not posted again.
  expect(sandbox.callsTo('chat.postMessage').filter((c) => sendKeyOf(c) === sendKeyOf(stuck))).toHaveLength(1);

  // Another sweep and duplicated jobs later, still one each.
  await queues.enqueue('mentorship.sweep', { workspaceId: teamId, programmeId });
  await queues.enqueue('mentorship.checkin', { workspaceId: teamId, pairId: pairB, number: 1 });
  await sleep(2_000);
  for (const key of expected) expect(messagesByKey(sandbox).get(key), key).toHaveLength(1);
}, 300_000);
