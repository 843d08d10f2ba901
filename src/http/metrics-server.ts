import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { serveMetrics } from './routes.ts';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The metrics port (METRICS_PORT): /metrics only, apart from the port Slack reaches, so it can stay inside the
 * cluster; and the one way to scrape a worker process, which has no other HTTP server.
 */
export async function startMetricsServer(options: {
  registry: Registry;
  port: number;
  host: string | undefined;
}): Promise<MetricsServer> {
  const metrics = serveMetrics(options.registry);
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) return metrics(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found: this port serves /metrics only\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Prometheus keeps its scrape connections open; they must not hold up a shutdown.
        server.closeAllConnections();
      }),
  };
}
