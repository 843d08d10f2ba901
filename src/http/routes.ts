import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Registry } from 'prom-client';
import type { ReadinessMonitor } from './readiness.ts';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const alive = (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 200, { status: 'ok' });

/**
 * /livez (the process answers; it touches neither Postgres nor Redis, so a database outage never gets healthy
 * processes restarted), /healthz (the same, its older name), /readyz (the background probe's last verdict: 503
 * naming the failing part) and /metrics (Prometheus).
 */
export function operationalRoutes(deps: { readiness: ReadinessMonitor; registry: Registry }): CustomRoute[] {
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
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        void deps.registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': deps.registry.contentType });
            res.end(text);
          },
          () => sendJson(res, 503, { status: 'metrics unavailable' }),
        );
      },
    },
  ];
}
