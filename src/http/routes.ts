import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Registry } from 'prom-client';
import type { ReadinessMonitor } from './readiness.ts';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const alive = (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 200, { status: 'ok' });

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
 * /livez (the process answers; it touches neither Postgres nor Redis, so a database outage never gets healthy
 * processes restarted), /healthz (the same, its older name), /readyz (the background probe's last verdict: 503
 * naming the failing part), and /metrics (Prometheus) unless a separate metrics port serves it: `registry` undefined.
 */
export function operationalRoutes(deps: {
  readiness: ReadinessMonitor;
  registry: Registry | undefined;
}): CustomRoute[] {
  const registry = deps.registry;
  return [
    { path: '/livez', method: ['GET'], handler: alive },
    { path: '/healthz', method: ['GET'], handler: alive },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        const { ready, checks } = deps.readiness.current();
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', checks });
      },
    },
    ...(registry ? [{ path: '/metrics', method: ['GET'], handler: serveMetrics(registry) }] : []),
  ];
}
