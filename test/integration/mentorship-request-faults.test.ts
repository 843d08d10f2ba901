import { afterAll, beforeAll, expect, test } from 'vitest';
import { findSend } from '../../src/domain/delivery/send-ledger.ts';
import { answerRequest } from '../../src/domain/mentorship/answer-request.ts';
import { requestMentor } from '../../src/domain/mentorship/requests.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { signUp, startProgramme } from '../support/mentorship-programme.ts';
import { messagesByKey } from '../support/sent-messages.ts';
import { eventually, sleep } from '../support/wait.ts';

/**
 * Mentee choice under faults: the mentor's request DM and the mentee's hand-off each land once through posts that
 * reach Slack but answer 500, jobs queued twice, and jobs that were lost before they ran (the hourly requests job
 * makes them good).
 */

const teamId = 'T0MFAULT';
let h: Harness;
const db = () => h.service.deps.db;

beforeAll(async () => {
  h = await startHarness({ label: 'mentor-faults', workspaces: [kudosWorkspace(teamId)] });
  await waitForMember(db(), teamId, 'U0P23');
});
afterAll(async () => {
  await h?.stop();
});

const landed = (key: string) => messagesByKey(h.sandbox).get(key) ?? [];
const posts = (key: string) =>
  h.sandbox
    .callsTo('chat.postMessage')
    .filter((c) => (c.args.metadata as { event_payload?: { key?: string } })?.event_payload?.key === key);

/** A mentee-choice programme whose mentors P00 and P01 teach Rust, and mentee P10 who learns it. */
async function programme(channelId: string): Promise<string> {
  const now = new Date();
  const id = await startProgramme(db(), teamId, now, { matchingMode: 'choice' }, channelId);
  for (const mentor of ['U0P00', 'U0P01'])
    await signUp(db(), teamId, id, mentor, now, { role: 'mentor', teaches: ['Rust'], learns: [], capacity: 1 });
  await signUp(db(), teamId, id, 'U0P10', now, { learns: ['Rust'] });
  return id;
}

async function asked(programmeId: string, mentorId: string): Promise<string> {
  const result = await requestMentor(db(), {
    workspaceId: teamId,
    programmeId,
    menteeId: 'U0P10',
    mentorId,
    now: new Date(),
  });
  if (!result.ok) throw new Error(result.refused);
  return result.requestId;
}

test('a request DM and a hand-off whose posts land but answer 500, each queued twice: one message each', {
  timeout: 60_000,
}, async () => {
  const programmeId = await programme('C0MFAULT1');
  const requestId = await asked(programmeId, 'U0P00');
  h.sandbox.inject({ method: 'chat.postMessage', kind: 'fail_after_effect', status: 500, times: 1 });
  for (let i = 0; i < 2; i += 1)
    await h.service.deps.queues.enqueue('mentorship.request', { workspaceId: teamId, requestId });
  // The retry finds the post in the DM's history by its key and records it instead of posting again.
  await eventually(
    async () =>
      (await findSend(db(), teamId, `mentorship.request.${requestId}`))?.status === 'sent' ? true : undefined,
    'the request DM recorded as sent',
    30_000,
  );

  const declined = await answerRequest(db(), {
    workspaceId: teamId,
    requestId,
    mentorId: 'U0P00',
    answer: 'decline',
    now: new Date(),
  });
  expect(declined).toMatchObject({ ok: true, outcome: 'declined' });
  h.sandbox.inject({ method: 'chat.postMessage', kind: 'fail_after_effect', status: 500, times: 1 });
  for (let i = 0; i < 2; i += 1)
    await h.service.deps.queues.enqueue('mentorship.handoff', { workspaceId: teamId, requestId });
  await eventually(
    async () => {
      const row = await db()
        .selectFrom('mentorship_requests')
        .select('handed_off_at')
        .where('workspace_id', '=', teamId)
        .where('id', '=', requestId)
        .executeTakeFirst();
      return row?.handed_off_at ?? undefined;
    },
    'the hand-off recorded',
    30_000,
  );
  // And the hourly job afterwards: nothing is owed, nothing is sent.
  await h.service.deps.queues.enqueue('mentorship.expire', { workspaceId: teamId });
  await sleep(1_500);

  expect(landed(`mentorship.request.${requestId}`)).toHaveLength(1);
  expect(landed(`mentorship.handoff.${requestId}`)).toHaveLength(1);
  expect(posts(`mentorship.request.${requestId}`)).toHaveLength(1);
  expect(posts(`mentorship.handoff.${requestId}`)).toHaveLength(1);
  const [handoff] = landed(`mentorship.handoff.${requestId}`);
  expect(handoff!.text).toContain('Here is another mentor who teaches Rust');
});

test('jobs lost before they ran (a request DM, a hand-off): the hourly requests job sends each once', {
  timeout: 60_000,
}, async () => {
  const programmeId = await programme('C0MFAULT2');
  // Recorded by the domain with no job queued, as when the queue was away at the click.
  const open = await asked(programmeId, 'U0P01');
  const closed = await asked(programmeId, 'U0P00');
  await answerRequest(db(), {
    workspaceId: teamId,
    requestId: closed,
    mentorId: 'U0P00',
    answer: 'decline',
    now: new Date(),
  });

  for (let i = 0; i < 3; i += 1) await h.service.deps.queues.enqueue('mentorship.expire', { workspaceId: teamId });
  await h.sandbox.waitFor(
    () => landed(`mentorship.request.${open}`).length > 0 && landed(`mentorship.handoff.${closed}`).length > 0,
    { timeoutMs: 30_000, description: 'the DM and the hand-off re-driven' },
  );
  await h.service.deps.queues.enqueue('mentorship.expire', { workspaceId: teamId });
  await sleep(1_500);
  expect(landed(`mentorship.request.${open}`)).toHaveLength(1);
  expect(landed(`mentorship.handoff.${closed}`)).toHaveLength(1);
  expect(posts(`mentorship.request.${open}`)).toHaveLength(1);
  expect(posts(`mentorship.handoff.${closed}`)).toHaveLength(1);
});
