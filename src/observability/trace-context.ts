import { type Context, context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { activeTracer } from './tracing.ts';

/** The current trace as W3C headers (`traceparent`, `tracestate`), or undefined when traces are off. */
export function currentTraceHeaders(): { traceparent: string; tracestate?: string } | undefined {
  if (!activeTracer()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (!carrier.traceparent) return undefined;
  return { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) };
}

/** The context to continue a trace carried as W3C headers in (a fresh root when nothing was carried). */
export function contextFromTraceHeaders(
  headers: { traceparent: string; tracestate?: string | undefined } | undefined,
): Context {
  return headers ? propagation.extract(ROOT_CONTEXT, headers) : ROOT_CONTEXT;
}
