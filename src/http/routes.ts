import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Registry } from 'prom-client';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const checkTimeoutMillis = 2_000;

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return Promise.race([
    promise,
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Answers a Prometheus scrape; on the main port, or on the metrics port when one is set. */
export function serveMetrics(registry: Registry): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    void registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(text);
      },
      () => sendJson(res, 503, { status: 'metrics unavailable' }),
    );
  };
}

/**
 * /healthz (the process is alive), /readyz (Postgres and Redis answer), and /metrics (Prometheus) unless a separate
 * metrics port serves it: `registry` undefined.
 */
export function operationalRoutes(deps: {
  readiness: ReadinessCheck[];
  registry: Registry | undefined;
}): CustomRoute[] {
  const registry = deps.registry;
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 200, { status: 'ok' }),
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        void (async () => {
          const results = await Promise.all(
            deps.readiness.map(async ({ name, check }) => {
              try {
                await withTimeout(check(), checkTimeoutMillis);
                return { name, ok: true as const };
              } catch (error) {
                return { name, ok: false as const, error: error instanceof Error ? error.message : String(error) };
              }
            }),
          );
          const failing = results.filter((r) => !r.ok);
          sendJson(res, failing.length === 0 ? 200 : 503, {
            status: failing.length === 0 ? 'ready' : 'unavailable',
            checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : r.error])),
          });
        })();
      },
    },
    ...(registry ? [{ path: '/metrics', method: ['GET'], handler: serveMetrics(registry) }] : []),
  ];
}
