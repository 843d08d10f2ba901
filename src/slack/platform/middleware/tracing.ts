import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { activeTracer } from '../../../observability/tracing.ts';
import { listenerLabel } from './listener-label.ts';

/**
 * Names the request's span after what Slack sent (`slack command:/kudos`, `slack action:…`) with the team it
 * came from; never the text, the user's words or a token. Socket Mode has no HTTP request: its span starts here.
 */
export function tracingMiddleware(): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const tracer = activeTracer();
    if (!tracer) {
      await next();
      return;
    }
    const listener = listenerLabel(body as unknown as Record<string, unknown>);
    const attributes = {
      'slack.listener': listener,
      ...(context.teamId ? { 'slack.team_id': context.teamId } : {}),
      ...(context.enterpriseId ? { 'slack.enterprise_id': context.enterpriseId } : {}),
    };
    const requestSpan = trace.getActiveSpan();
    if (requestSpan) {
      requestSpan.updateName(`slack ${listener}`);
      requestSpan.setAttributes(attributes);
      await next();
      return;
    }
    await tracer.startActiveSpan(`slack ${listener}`, { kind: SpanKind.SERVER, attributes }, async (span) => {
      try {
        await next();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
  };
}
