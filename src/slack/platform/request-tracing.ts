import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { activeTracer } from '../../observability/tracing.ts';

/**
 * A server span per request to Slack's endpoints while traces are on; the listener middleware names it after
 * the command, event or interaction. It wraps Bolt's own listener, inside the signature gate: the gate reads
 * the body through stream events, which would not carry the span's context on to Bolt.
 */
export function traceSlackRequests(
  listener: RequestListener,
  endpoints: string[],
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const tracer = activeTracer();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!tracer || !endpoints.includes(path)) {
      listener(req, res);
      return;
    }
    tracer.startActiveSpan(
      'slack request',
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'url.path': path } },
      (span) => {
        res.once('close', () => {
          span.setAttribute('http.response.status_code', res.statusCode);
          if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        });
        listener(req, res);
      },
    );
  };
}
