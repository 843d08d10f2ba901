import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Metrics } from '../../../observability/metrics.ts';
import { listenerLabel } from './listener-label.ts';

export function metricsMiddleware(metrics: Metrics): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const listener = listenerLabel(body as unknown as Record<string, unknown>);
    const started = performance.now();
    try {
      await next();
      metrics.listenerRequests.inc({ listener, outcome: 'ok' });
    } catch (error) {
      metrics.listenerRequests.inc({ listener, outcome: 'error' });
      throw error;
    } finally {
      metrics.listenerDuration.observe({ listener }, (performance.now() - started) / 1000);
    }
  };
}
