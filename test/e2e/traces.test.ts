import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandAnswer, type Sandbox } from '../../src/sandbox/index.ts';
import { signingSecret } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver.ts';
import { reservePort } from '../support/ports.ts';
import { type ProcessServices, startProcessServices } from '../support/process-services.ts';
import { type RunningMain, runMain, waitForOutput, waitUntilReady } from '../support/processes.ts';
import { eventually } from '../support/wait.ts';

/**
 * Traces as an operator gets them: `node src/main.ts` with the standard OTEL_* variables pointing at a collector
 * (here an OTLP/HTTP receiver on loopback), and the same process without them.
 */
const teamId = 'T0TRACE';
const spanKindServer = 2;
const spanKindClient = 3;
const spanKindConsumer = 5;
let services: ProcessServices;
let sandbox: Sandbox;
let receiver: OtlpReceiver;
const processes: RunningMain[] = [];

beforeAll(async () => {
  services = await startProcessServices(kudosWorkspace(teamId));
  sandbox = services.sandbox;
  receiver = await startOtlpReceiver();
}, 60_000);

afterAll(async () => {
  await services?.stop(processes);
  await receiver?.close();
});

async function startNudge(env: Record<string, string>): Promise<{ run: RunningMain; port: number }> {
  const port = await reservePort();
  const run = runMain(['all'], { ...services.env, ...env, PORT: String(port) });
  processes.push(run);
  await waitUntilReady(port, run);
  await waitForOutput(run, /Nudge started/);
  return { run, port };
}

/** Sends a signed `/kudos`, waits for its answer and its public post; returns the command's response_url. */
async function giveKudos(port: number, giver: string, text: string): Promise<string> {
  const driver = sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret });
  const response = await driver.command({ teamId, userId: giver, channelId: 'C0TEAM', command: '/kudos', text });
  expect(response.status).toBe(200);
  expect((await commandAnswer(sandbox, response, 30_000)).text).toContain('Kudos sent');
  await sandbox.waitFor(
    () => sandbox.messages('C0TEAM').find((m) => m.source === 'chat.postMessage' && m.text.includes(text.slice(-20))),
    { timeoutMs: 30_000 },
  );
  return response.responseUrl ?? '';
}

/** The names of a span's ancestors, nearest first; undefined if the chain breaks before a root. */
function ancestry(span: ReceivedSpan, byId: Map<string, ReceivedSpan>): ReceivedSpan[] | undefined {
  const chain: ReceivedSpan[] = [];
  let parentId = span.parentSpanId;
  while (parentId) {
    const parent = byId.get(parentId);
    if (!parent) return undefined;
    chain.push(parent);
    parentId = parent.parentSpanId;
  }
  return chain;
}

describe('OpenTelemetry traces', () => {
  test('one /kudos is one trace: the request, its jobs, their queries and the public post', async () => {
    const { run, port } = await startNudge({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'nudge-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    expect(run.output()).toContain('"traces":"otlp"');
    await waitForMember(services.db, teamId, 'U0ALEX', 30_000);
    const text = '<@U0ALEX> for untangling the release checklist';
    const responseUrl = await giveKudos(port, 'U0GIVER', text);

    const trace = await eventually(
      async () => {
        const spans = receiver.spans();
        const request = spans.find((s) => s.name === 'slack command:/kudos');
        if (!request) return undefined;
        const inTrace = spans.filter((s) => s.traceId === request.traceId);
        const byId = new Map(inTrace.map((s) => [s.spanId, s]));
        const posts = inTrace.filter((s) => s.name === 'slack chat.postMessage');
        const announce = inTrace.find((s) => s.name === 'job kudos.announce');
        // Every post Slack received is a span of this trace, and the announce job (which made them) has ended.
        const landed = sandbox.callsTo('chat.postMessage', { teamId }).filter((c) => c.status === 200).length;
        if (!announce || posts.length < landed) return undefined;
        return { request, inTrace, byId, posts, landed };
      },
      'the /kudos trace with its posts',
      30_000,
    );
    const { request, inTrace, byId, posts, landed } = trace;

    expect(request.service).toBe('nudge-under-test');
    expect(request.kind).toBe(spanKindServer);
    expect(request.parentSpanId).toBeUndefined();
    expect(request.attributes).toMatchObject({
      'slack.listener': 'command:/kudos',
      'slack.team_id': teamId,
      'http.response.status_code': 200,
    });

    const give = inTrace.find((s) => s.name === 'job kudos.give');
    const announce = inTrace.find((s) => s.name === 'job kudos.announce');
    expect(give?.kind).toBe(spanKindConsumer);
    expect(give?.attributes).toMatchObject({ 'messaging.destination.name': 'nudge-interactions' });
    // Every span of the trace reaches the request through its parents: nothing is cut off.
    for (const span of inTrace) expect(ancestry(span, byId), span.name).toBeDefined();
    expect(ancestry(give!, byId)).toContain(request);
    expect(ancestry(announce!, byId)).toContain(give);

    expect(posts).toHaveLength(landed);
    expect(landed).toBeGreaterThanOrEqual(1);
    for (const post of posts) {
      expect(post.kind).toBe(spanKindClient);
      expect(post.attributes).toMatchObject({ 'slack.method': 'chat.postMessage', 'http.response.status_code': 200 });
      expect(ancestry(post, byId)).toContain(announce);
    }
    expect(posts.some((p) => p.attributes['slack.ok'] === true)).toBe(true);

    // The give's own transaction, statement by statement, as spans under its job.
    const queries = inTrace.filter((s) => s.attributes['db.system.name'] === 'postgresql');
    const giveQueries = queries.filter((q) => q.parentSpanId === give?.spanId);
    expect(giveQueries.map((q) => q.attributes['db.operation.name'])).toEqual(
      expect.arrayContaining(['BEGIN', 'SELECT', 'COMMIT']),
    );
    for (const query of queries) expect(query.name).toBe(query.attributes['db.operation.name']);
    // The boot's migrations and the /readyz probes ran queries outside any request or job: none became a trace.
    const strayQueries = receiver
      .spans()
      .filter((s) => s.attributes['db.system.name'] === 'postgresql' && !s.parentSpanId);
    expect(strayQueries).toEqual([]);
    // The command's answer through its response_url, from the give job.
    const answer = inTrace.find((s) => s.name === 'slack response_url');
    expect(answer?.parentSpanId).toBe(give?.spanId);

    // Never the person's words, a token or a query's values.
    const exported = receiver.rawBodies().join('\n');
    expect(exported).not.toContain('untangling');
    expect(exported).not.toContain('xoxb-');
    expect(exported).not.toContain('U0ALEX');
    expect(responseUrl).not.toBe('');
    expect(exported).not.toContain(responseUrl);
  }, 120_000);

  test('with tracing switched off, a /kudos exports nothing', async () => {
    // Flush and stop the traced process, so whatever arrives now could only come from the next one.
    for (const run of processes.splice(0)) await run.stop();
    const before = receiver.rawBodies().length;
    const { run, port } = await startNudge({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_SDK_DISABLED: 'true',
    });
    expect(run.output()).toContain('"traces":"off"');
    await giveKudos(port, 'U0BEA', '<@U0ALEX> for pairing on the flaky deploy script');
    await run.stop();
    expect(receiver.rawBodies().length).toBe(before);
  }, 120_000);
});
