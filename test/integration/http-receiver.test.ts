import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { queueNames } from '../../jobs/contracts.ts';
import { commandAnswer } from '../../src/sandbox/index.ts';
import { untilAppIdle } from '../support/app-idle.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { eventually, sleep } from '../support/wait.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ label: 'http' });
});
afterAll(async () => {
  await h?.stop();
});

function sign(body: string, timestamp: number, secret = 'test-signing-secret-0123456789'): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

const commandBody = (teamId: string, text: string) =>
  new URLSearchParams({
    token: 'legacy',
    team_id: teamId,
    team_domain: 'acme',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0BOB',
    user_name: 'bob',
    command: '/nudge',
    text,
    api_app_id: 'A0SANDBOX01',
    response_url: 'http://127.0.0.1:1/unused',
    trigger_id: '1.2.3',
  }).toString();

async function processedEventCount(): Promise<number> {
  const row = await h.service.deps.db
    .selectFrom('processed_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('the Bolt HTTP receiver', () => {
  test('/nudge help answers with every command, ephemerally, in the ack', async () => {
    const response = await h.driver.command({
      teamId: h.workspace.teamId,
      userId: 'U0BOB',
      channelId: 'C0GENERAL',
      command: '/nudge',
      text: 'help',
    });
    expect(response.status).toBe(200);
    const body = response.json as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/nudge help');
    expect(body.blocks.length).toBeGreaterThan(0);
  });

  test('unknown /nudge text gets a specific answer and the help', async () => {
    const response = await h.driver.command({
      teamId: h.workspace.teamId,
      userId: 'U0BOB',
      channelId: 'C0GENERAL',
      command: '/nudge',
      text: 'frobnicate <everything>',
    });
    expect(response.status).toBe(200);
    const body = response.json as { text: string };
    expect(body.text).toContain("I don't know `frobnicate &lt;everything&gt;`");
  });

  test('an oversized body is refused with 413', async () => {
    const body = commandBody(h.workspace.teamId, 'x'.repeat(400 * 1024));
    const now = Math.floor(Date.now() / 1000);
    const response = await h.driver.signedPost({
      body,
      contentType: 'application/x-www-form-urlencoded',
      timestamp: now,
      signature: sign(body, now),
    });
    expect(response.status).toBe(413);
  });

  test('a correctly signed request from a workspace this install does not serve gets 401 and stores nothing', async () => {
    const before = await processedEventCount();
    const response = await h.driver.event({
      teamId: 'T0STRANGER',
      event: { type: 'app_home_opened', user: 'U0BOB', tab: 'home' },
    });
    expect(response.status).toBe(401);
    expect(await processedEventCount()).toBe(before);
    const strangers = await h.service.deps.db
      .selectFrom('workspaces')
      .select('id')
      .where('id', '=', 'T0STRANGER')
      .execute();
    expect(strangers).toEqual([]);
  });

  test('/healthz, /readyz and /metrics answer', async () => {
    expect((await fetch(`${h.appUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.appUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
    const metrics = await (await fetch(`${h.appUrl}/metrics`)).text();
    expect(metrics).toMatch(/nudge_listener_requests_total\{listener="command:\/nudge",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/nudge_slack_api_calls_total\{method="auth.test",outcome="ok"\} \d+/);
  });
});

/** What the person saw for a command sent with `post`: the ack's message or the response_url answer. */
async function answerOf(response: Response, responseUrl: string) {
  const body = await response.text();
  return await commandAnswer(h.sandbox, {
    status: response.status,
    body,
    ...(body ? { json: JSON.parse(body) } : {}),
    responseUrl,
  });
}

/** What a request could have changed: rows, Slack calls, queued jobs. A refused request must change none. */
async function effects() {
  const count = async (table: 'kudos_gifts' | 'processed_events' | 'members') => {
    const row = await h.service.deps.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const jobs = await Promise.all(queueNames.map((name) => h.service.deps.queues.queue(name).getJobCounts()));
  return {
    gifts: await count('kudos_gifts'),
    events: await count('processed_events'),
    members: await count('members'),
    slackCalls: h.sandbox.calls.length,
    jobs: jobs.map((c) => Object.values(c).reduce((a, b) => a + b, 0)),
  };
}

async function settled(): Promise<void> {
  await untilAppIdle(h, 20_000);
}

let serial = 0;
const next = () => {
  serial += 1;
  return serial;
};
/** Each surface's body, as Slack would send it, with the effect it has when properly signed: a kudos recorded. */
const surfaces = {
  command: () => {
    const form = h.driver.commandForm({
      teamId: h.workspace.teamId,
      channelId: 'C0GENERAL',
      userId: 'U0BOB',
      command: '/kudos',
      text: `<@U0CARA> for the signed request check number ${next()}`,
    });
    return { contentType: 'application/x-www-form-urlencoded', body: form.body, responseUrl: form.responseUrl };
  },
  event: () => ({
    contentType: 'application/json',
    body: JSON.stringify({
      type: 'event_callback',
      team_id: h.workspace.teamId,
      api_app_id: 'A0SANDBOX01',
      event_id: `Ev0SIGNED${next()}`,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'reaction_added',
        user: 'U0BOB',
        reaction: 'clap',
        item_user: 'U0ALICE',
        item: { type: 'message', channel: 'C0GENERAL', ts: `1700000000.${String(serial).padStart(6, '0')}` },
        event_ts: `${Date.now() / 1000}`,
      },
    }),
  }),
  interaction: () => ({
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({
      payload: JSON.stringify({
        type: 'view_submission',
        team: { id: h.workspace.teamId, domain: 'acme' },
        user: { id: 'U0BOB', team_id: h.workspace.teamId },
        api_app_id: 'A0SANDBOX01',
        view: {
          id: `V0SIGNED${next()}`,
          callback_id: 'kudos_modal',
          private_metadata: '',
          state: {
            values: {
              kudos_recipients: { recipients: { type: 'multi_users_select', selected_users: ['U0ALICE'] } },
              kudos_reason: { reason: { type: 'plain_text_input', value: 'for checking every signed request' } },
              kudos_value: { value: { type: 'static_select', selected_option: null } },
            },
          },
        },
      }),
    }).toString(),
  }),
};

const now = () => Math.floor(Date.now() / 1000);
/** Ways to present a request without a valid signature for this moment; each must get 401 and change nothing. */
const attacks: Array<[string, (body: string) => { headers: Record<string, string>; body?: string }]> = [
  ['a signature made with another secret', (body) => signed(body, now(), 'wrong-secret')],
  ['a valid signature over a different body', (body) => ({ ...signed(body, now()), body: `${body}&x=1` })],
  ['no signature header', (body) => ({ headers: { 'x-slack-request-timestamp': String(now()) }, body })],
  [
    'no timestamp header',
    (body) => ({ headers: { 'x-slack-signature': signed(body, now()).headers['x-slack-signature']! } }),
  ],
  ['no signature headers at all', () => ({ headers: {} })],
  ['a timestamp six minutes old', (body) => signed(body, now() - 6 * 60)],
  ['a timestamp six minutes ahead', (body) => signed(body, now() + 6 * 60)],
  ['a timestamp a year ahead', (body) => signed(body, now() + 365 * 24 * 3600)],
  [
    'a timestamp that is not a number',
    (body) => ({ headers: { ...signed(body, now()).headers, 'x-slack-request-timestamp': 'soon' } }),
  ],
  [
    'a v1 signature',
    (body) => ({
      headers: { ...signed(body, now()).headers, 'x-slack-signature': sign(body, now()).replace('v0=', 'v1=') },
    }),
  ],
  ['an empty signature', (body) => ({ headers: { ...signed(body, now()).headers, 'x-slack-signature': 'v0=' } })],
];

function signed(body: string, timestamp: number, secret?: string) {
  return {
    headers: { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp, secret) },
  };
}

async function post(contentType: string, body: string, headers: Record<string, string>): Promise<Response> {
  return await fetch(`${h.appUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
}

describe('request authenticity', () => {
  test.each(Object.keys(surfaces) as Array<keyof typeof surfaces>)(
    'every forged or replayed %s is refused with 401 and changes nothing',
    async (surface) => {
      await settled();
      for (const [name, attack] of attacks) {
        const before = await effects();
        const request = surfaces[surface]();
        const forged = attack(request.body);
        const response = await post(request.contentType, forged.body ?? request.body, forged.headers);
        expect(response.status, name).toBe(401);
        // Anything a listener would start runs after the answer: give it a moment before looking.
        await sleep(100);
        expect(await effects(), name).toEqual(before);
      }
      // The same request, signed properly, does have an effect, so the refusals above were not vacuous.
      const before = await effects();
      const request = surfaces[surface]();
      const accepted = await post(request.contentType, request.body, signed(request.body, now()).headers);
      expect(accepted.status).toBe(200);
      await eventually(async () => ((await effects()).gifts === before.gifts + 1 ? true : undefined), 'the kudos');
    },
  );

  test('a signed body that is JSON but not an object gets 400, and the app keeps serving', async () => {
    // Bolt 5.1 reads `body.ssl_check` from these outside its error handling: unanswered, and an unhandled rejection.
    for (const [contentType, body] of [
      ['application/json', 'null'],
      ['application/json', '42'],
      ['application/json', '"text"'],
      ['application/x-www-form-urlencoded', 'payload=null'],
      ['application/x-www-form-urlencoded', 'payload=7'],
      // The same key percent-encoded: Bolt decodes it, so the gate must too.
      ['application/x-www-form-urlencoded', 'p%61yload=null'],
      ['application/x-www-form-urlencoded', 'team_id=T1&p%61yload=%22x%22'],
    ] as const) {
      const response = await post(contentType, body, signed(body, now()).headers);
      expect(response.status, body).toBe(400);
    }
    const request = surfaces.command();
    const after = await post(request.contentType, request.body, signed(request.body, now()).headers);
    expect(after.status).toBe(200);
    expect(await answerOf(after, request.responseUrl)).toMatchObject({ response_type: 'ephemeral' });
  });

  test('a refusal says why, without the secret or the expected signature', async () => {
    const request = surfaces.command();
    const forged = signed(request.body, now(), 'wrong-secret');
    const response = await post(request.contentType, request.body, forged.headers);
    expect(response.status).toBe(401);
    const reason = await response.text();
    expect(reason).toBe('signature mismatch\n');
    const stale = await post(request.contentType, request.body, signed(request.body, now() - 6 * 60).headers);
    expect(await stale.text()).toBe('x-slack-request-timestamp is more than five minutes from now\n');
  });

  test('the endpoint with a query string is the same endpoint: an unsigned command there is refused too', async () => {
    await settled();
    const before = await effects();
    const request = surfaces.command();
    const response = await fetch(`${h.appUrl}/slack/events?via=proxy`, {
      method: 'POST',
      headers: { 'content-type': request.contentType },
      body: request.body,
    });
    expect(response.status).toBe(401);
    await sleep(100);
    expect(await effects()).toEqual(before);
  });

  test("Slack's unsigned ssl_check is answered 200 and nothing smuggled with it reaches a listener", async () => {
    await settled();
    const before = await effects();
    const plain = await post('application/x-www-form-urlencoded', 'ssl_check=1&token=legacy', {});
    expect(plain.status).toBe(200);
    // A command hidden in an ssl_check body: answered as the check, never run.
    const smuggled = `${surfaces.command().body}&ssl_check=1`;
    const response = await post('application/x-www-form-urlencoded', smuggled, {});
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await sleep(100);
    expect(await effects()).toEqual(before);
  });

  test('clocks a little apart are tolerated: four minutes either way is accepted', async () => {
    for (const skew of [-4 * 60, 4 * 60]) {
      const request = surfaces.command();
      const response = await post(request.contentType, request.body, signed(request.body, now() + skew).headers);
      expect(response.status).toBe(200);
      // Answered by the listener (a confirmation, or the weekly cap once these checks have used it up).
      expect(await answerOf(response, request.responseUrl)).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringContaining('<@U0CARA>'),
      });
    }
  });
});
