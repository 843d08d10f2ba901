import { context, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { LogEvent } from 'kysely';

/** The statement's kind (`SELECT`, `INSERT`, `BEGIN`…): what a trace may say of a query, never its text or values. */
export function statementKind(sql: string): string {
  const keyword = /^\s*(?:\/\*.*?\*\/\s*)*([a-z]+)/is.exec(sql)?.[1];
  return keyword ? keyword.toUpperCase() : 'QUERY';
}

/**
 * A span per query, made from Kysely's log hook once the query has finished (the hook runs in the caller's
 * async context, so the span lands under the request or job that ran it). `pg` is loaded as an ES module here,
 * which the OpenTelemetry pg instrumentation cannot hook without a loader flag on every start.
 */
export function queryTracer(tracer: Tracer): (event: LogEvent) => void {
  return (event) => {
    // A query outside any request or job (a readiness probe, the boot's migrations, a schedule reconcile) would be
    // a trace of one span each, every few seconds: only queries that explain some work are kept.
    if (!trace.getSpan(context.active())) return;
    const endTime = performance.timeOrigin + performance.now();
    const operation = statementKind(event.query.sql);
    const span = tracer.startSpan(operation, {
      kind: SpanKind.CLIENT,
      startTime: endTime - event.queryDurationMillis,
      attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation },
    });
    if (event.level === 'error') {
      const code = (event.error as { code?: unknown }).code;
      span.setStatus({ code: SpanStatusCode.ERROR });
      if (typeof code === 'string') span.setAttribute('db.response.status_code', code);
    }
    span.end(endTime);
  };
}
