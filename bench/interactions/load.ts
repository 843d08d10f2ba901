/**
 * The load generator, run in a worker thread so the sandbox and the orchestrator (on the main thread) do not
 * delay its clock. Open loop: request i is due at start + i/rate whatever happened to earlier ones (no
 * coordinated omission); latency is from the moment a request is written to the moment its response has
 * fully arrived. Closed loop: `connections` requests in flight at all times, for the throughput ceiling.
 *
 * With `answers`, it also serves every slash command's response_url and times the answer that arrives there
 * (Nudge acknowledges a kudos at once and confirms it from a job): the wait the person actually sees.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { type BuiltRequest, buildRequest, type RequestKind, type RequestMix, signedHeaders } from './requests.ts';

export interface LoadSpec {
  url: string;
  signingSecret: string;
  mix: RequestMix;
  mode: 'open' | 'closed';
  /** Requests per second (open loop). */
  rate: number;
  /** Requests in flight (closed loop). */
  connections: number;
  durationMs: number;
  /** A request with no complete answer after this long counts as an error. */
  timeoutMs: number;
  /** Listen on the commands' response_urls and wait up to this long after the load for their answers. */
  answers?: { waitMs: number };
}

export interface AnswerStats {
  /** 2xx commands acknowledged without an answer in the ack, i.e. answered later through the response_url. */
  expected: number;
  received: number;
  /** Answers that confirm a kudos. */
  confirmed: number;
  /** Received before the load ended: what the system completed while under that load. */
  receivedDuringLoad: number;
  /** Sorted ms from writing the command to its answer arriving. */
  latencies: number[];
  /** From the start of the load to the last answer. */
  lastAnswerMs: number;
}

export interface LoadResult {
  sent: number;
  completed: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** 2xx answers to /kudos that confirm a kudos ("Kudos sent"), i.e. the full give path ran. */
  confirmed: number;
  commands: number;
  byKind: Record<RequestKind, number>;
  elapsedMs: number;
  /** Sorted latencies in ms. */
  latencies: number[];
  /** Latest an open-loop request left after it was due: how far the generator itself fell behind. */
  maxLateMs: number;
  /** Requests answered in more than 50 ms: when each left (epoch ms, to line up with other processes' clocks) and its latency. */
  slow: Array<{ at: number; ms: number }>;
  answers?: AnswerStats;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Serves response_urls `/r/<i>`: records when each command's answer arrived and whether it confirms a kudos. */
async function answerServer(): Promise<{
  base: string;
  arrivals: Map<number, { at: number; confirmed: boolean }>;
  close(): Promise<void>;
}> {
  const arrivals = new Map<number, { at: number; confirmed: boolean }>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const index = Number(req.url?.split('/').at(-1));
      if (Number.isInteger(index) && !arrivals.has(index)) {
        arrivals.set(index, { at, confirmed: Buffer.concat(chunks).toString().includes('Kudos sent') });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    base: `http://127.0.0.1:${port}/r`,
    arrivals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function runLoad(spec: LoadSpec, onLoadEnded: () => void = () => {}): Promise<LoadResult> {
  const target = new URL(spec.url);
  const answers = spec.answers ? await answerServer() : undefined;
  const mix = answers ? { ...spec.mix, responseUrlBase: answers.base } : spec.mix;
  /** When each command awaiting a response_url answer was written. */
  const awaitingAnswer = new Map<number, number>();
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: spec.mode === 'closed' ? spec.connections : 2_048,
    maxFreeSockets: 2_048,
  });
  const latencies: number[] = [];
  const slow: Array<{ at: number; ms: number }> = [];
  const errorKinds: Record<string, number> = {};
  const byKind: Record<RequestKind, number> = { command: 0, home: 0, reaction: 0 };
  let sent = 0;
  let completed = 0;
  let confirmed = 0;
  let commands = 0;
  let maxLateMs = 0;
  const fail = (kind: string) => {
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };

  const send = (request: BuiltRequest, index: number): Promise<void> =>
    new Promise((resolve) => {
      sent += 1;
      byKind[request.kind] += 1;
      const started = performance.now();
      const startedAt = Date.now();
      let settled = false;
      const done = (error?: string) => {
        if (settled) return;
        settled = true;
        if (error) fail(error);
        resolve();
      };
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: signedHeaders(spec.signingSecret, request.body, request.contentType),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              done(`http ${status}`);
              return;
            }
            const latency = performance.now() - started;
            latencies.push(latency);
            if (latency > 50) slow.push({ at: startedAt, ms: latency });
            completed += 1;
            if (request.kind === 'command') {
              commands += 1;
              const body = Buffer.concat(chunks).toString();
              if (body.includes('Kudos sent')) confirmed += 1;
              else if (!body.includes('"text"')) awaitingAnswer.set(index, started);
            }
            done();
          });
          res.on('error', (error) => done(error.message));
        },
      );
      req.setTimeout(spec.timeoutMs, () => req.destroy(new Error('timeout')));
      req.on('error', (error) => done(error.message === 'timeout' ? 'timeout' : `network: ${error.message}`));
      req.end(request.body);
    });

  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const end = started + spec.durationMs;
  let i = 0;
  if (spec.mode === 'open') {
    const interval = 1000 / spec.rate;
    for (;;) {
      const due = started + i * interval;
      if (due >= end) break;
      const now = performance.now();
      if (due > now) await sleep(due - now);
      maxLateMs = Math.max(maxLateMs, performance.now() - due);
      const pending = send(buildRequest(mix, i), i);
      inFlight.add(pending);
      void pending.then(() => inFlight.delete(pending));
      i += 1;
    }
  } else {
    const loop = async () => {
      while (performance.now() < end) {
        const index = i;
        i += 1;
        await send(buildRequest(mix, index), index);
      }
    };
    await Promise.all(Array.from({ length: spec.connections }, loop));
  }
  await Promise.all(inFlight);
  const elapsedMs = performance.now() - started;
  onLoadEnded();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  let answerStats: AnswerStats | undefined;
  if (answers && spec.answers) {
    const loadEnd = started + elapsedMs;
    const giveUp = performance.now() + spec.answers.waitMs;
    const answered = () => [...awaitingAnswer.keys()].filter((index) => answers.arrivals.has(index)).length;
    while (answered() < awaitingAnswer.size && performance.now() < giveUp) await sleep(100);
    const latenciesToAnswer: number[] = [];
    let answerConfirmed = 0;
    let duringLoad = 0;
    let last = 0;
    for (const [index, sentAt] of awaitingAnswer) {
      const arrival = answers.arrivals.get(index);
      if (!arrival) continue;
      latenciesToAnswer.push(arrival.at - sentAt);
      if (arrival.confirmed) answerConfirmed += 1;
      if (arrival.at <= loadEnd) duringLoad += 1;
      last = Math.max(last, arrival.at - started);
    }
    confirmed += answerConfirmed;
    answerStats = {
      expected: awaitingAnswer.size,
      received: latenciesToAnswer.length,
      confirmed: answerConfirmed,
      receivedDuringLoad: duringLoad,
      latencies: latenciesToAnswer.sort((a, b) => a - b),
      lastAnswerMs: last,
    };
    await answers.close();
  }
  return {
    sent,
    completed,
    errors: Object.values(errorKinds).reduce((a, b) => a + b, 0),
    errorKinds,
    confirmed,
    commands,
    byKind,
    elapsedMs,
    latencies,
    maxLateMs,
    slow,
    ...(answerStats ? { answers: answerStats } : {}),
  };
}

if (parentPort && workerData) {
  const port = parentPort;
  // Tells the orchestrator the requests are done (before any wait for answers), so it can read CPU counters.
  void runLoad(workerData as LoadSpec, () => port.postMessage({ loadEnded: true })).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: unknown) => port.postMessage({ ok: false, error: String(error) }),
  );
}
