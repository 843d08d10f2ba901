import { afterAll, beforeAll, expect, test } from 'vitest';
import { waitForDeliveredRound } from '../support/delivered-round.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';
import { sleep } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0STORM';

beforeAll(async () => {
  h = await startHarness({ label: 'pairing-faults', workspaces: [pairingWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0IDA');
});
afterAll(async () => {
  await h?.stop();
});

test('a 429 storm and 5xx during delivery: every group gets exactly one intro, and Retry-After is honoured', {
  timeout: 90_000,
}, async () => {
  await h.driver.command({ teamId, userId: 'U0ADA', channelId: 'C0COFFEE', command: '/coffee', text: 'start coffee' });
  // The channel's welcome post goes out first, so the faults below fall on the intros.
  await h.sandbox.waitFor(() =>
    h.sandbox.messages('C0COFFEE').find((m) => String(m.metadata?.event_payload.key).startsWith('pairing.welcome.')),
  );
  h.sandbox.inject({ method: 'conversations.open', kind: 'ratelimited', retryAfterSeconds: 1, times: 3 });
  h.sandbox.inject({ method: 'chat.postMessage', kind: 'ratelimited', retryAfterSeconds: 2, times: 4 });
  h.sandbox.inject({ method: 'chat.postMessage', kind: 'http_error', status: 503, times: 2 });
  h.sandbox.inject({ method: 'chat.postMessage', kind: 'fail_after_effect', status: 500, times: 1 });
  await h.driver.command({ teamId, userId: 'U0ADA', channelId: 'C0COFFEE', command: '/coffee', text: 'run' });

  const { groups } = await waitForDeliveredRound(h.service.deps.db, { workspaceId: teamId }, 60_000);
  await sleep(1_000);
  for (const group of groups) {
    const visible = h.sandbox
      .messages(group.conversation_id!)
      .filter((m) => m.metadata?.event_payload.key === `pairing.intro.${group.id}`);
    expect(visible).toHaveLength(1);
  }
  // After a 429 no new call to that method is made until Retry-After has passed. Calls already in flight when
  // the 429 came back may still arrive a moment later, so the first 300 ms are not counted.
  for (const [method, retryAfterMs] of [
    ['chat.postMessage', 2_000],
    ['conversations.open', 1_000],
  ] as const) {
    const calls = h.sandbox.callsTo(method);
    const limited = calls.filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const hit of limited) {
      const early = calls.filter((c) => c.at > hit.at + 300 && c.at < hit.at + retryAfterMs - 100 && c.status !== 429);
      expect(early).toEqual([]);
    }
  }
});
