/**
 * The load generator, run in a worker thread so the sandbox and the orchestrator (on the main thread) do not
 * delay its clock. Open loop: request i is due at start + i/rate whatever happened to earlier ones (no
 * coordinated omission); latency is from the moment a request is written to the moment its response has
 * fully arrived. Closed loop: `connections` requests in flight at all times, for the throughput ceiling.
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
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const target = new URL(spec.url);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: spec.mode === 'closed' ? spec.connections : 2_048,
    maxFreeSockets: 2_048,
  });
  const latencies: number[] = [];
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

  const send = (request: BuiltRequest): Promise<void> =>
    new Promise((resolve) => {
      sent += 1;
      byKind[request.kind] += 1;
      const started = performance.now();
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
            latencies.push(performance.now() - started);
            completed += 1;
            if (request.kind === 'command') {
              commands += 1;
              if (Buffer.concat(chunks).toString().includes('Kudos sent')) confirmed += 1;
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
      const pending = send(buildRequest(spec.mix, i));
      inFlight.add(pending);
      void pending.then(() => inFlight.delete(pending));
      i += 1;
    }
  } else {
    const loop = async () => {
      while (performance.now() < end) {
        const index = i;
        i += 1;
        await send(buildRequest(spec.mix, index));
      }
    };
    await Promise.all(Array.from({ length: spec.connections }, loop));
  }
  await Promise.all(inFlight);
  const elapsedMs = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
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
  };
}

if (parentPort && workerData) {
  const port = parentPort;
  void runLoad(workerData as LoadSpec).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: unknown) => port.postMessage({ ok: false, error: String(error) }),
  );
}
