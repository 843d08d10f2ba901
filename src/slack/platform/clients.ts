import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { type FetchFunction, WebClient } from '@slack/web-api';
import type { Logger } from '../../observability/logger.ts';
import { toSlackLogger } from '../../observability/logger.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { activeTracer } from '../../observability/tracing.ts';

function methodOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.slice(path.lastIndexOf('/') + 1) || 'unknown';
}

/** A fetch that counts Slack Web API calls and 429s per method for /metrics, and traces each one when traces are on. */
export function instrumentedFetch(metrics: Metrics): FetchFunction {
  const counted = async (
    input: Parameters<FetchFunction>[0],
    init: Parameters<FetchFunction>[1],
  ): Promise<Response> => {
    const method = methodOf(typeof input === 'string' ? input : input.href);
    try {
      const response = await fetch(input, init as RequestInit);
      if (response.status === 429) {
        metrics.slackRateLimited.inc({ method });
        metrics.slackCalls.inc({ method, outcome: 'rate_limited' });
      } else {
        metrics.slackCalls.inc({ method, outcome: response.ok ? 'ok' : 'http_error' });
      }
      return response;
    } catch (error) {
      metrics.slackCalls.inc({ method, outcome: 'network_error' });
      throw error;
    }
  };
  return (input, init) => {
    const tracer = activeTracer();
    if (!tracer) return counted(input, init);
    const method = methodOf(typeof input === 'string' ? input : input.href);
    // One span per HTTP attempt: a retried call shows as sibling spans, a 429 with the wait Slack asked for.
    // Only the method name and the outcome: arguments carry tokens and people's words.
    return tracer.startActiveSpan(
      `slack ${method}`,
      { kind: SpanKind.CLIENT, attributes: { 'slack.method': method, 'http.request.method': 'POST' } },
      async (span) => {
        try {
          const response = await counted(input, init);
          span.setAttribute('http.response.status_code', response.status);
          const retryAfter = response.headers.get('retry-after');
          if (response.status === 429 && retryAfter) span.setAttribute('slack.retry_after_seconds', Number(retryAfter));
          // Slack answers most failures with 200 and `ok: false`; its error code (`channel_not_found`) names no one.
          const answer = (await response
            .clone()
            .json()
            .catch(() => undefined)) as { ok?: unknown; error?: unknown } | undefined;
          if (typeof answer?.ok === 'boolean') span.setAttribute('slack.ok', answer.ok);
          if (typeof answer?.error === 'string') span.setAttribute('slack.error', answer.error);
          if (!response.ok || answer?.ok === false) span.setStatus({ code: SpanStatusCode.ERROR });
          return response;
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          span.setAttribute('error.type', error instanceof Error ? error.name : 'unknown');
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };
}

export interface SlackClientSettings {
  apiUrl: string;
  metrics: Metrics;
  logger: Logger;
}

/**
 * The client background jobs use: a 429 rejects at once (the job is delayed by Retry-After through BullMQ
 * instead of stalling a worker), and no SDK retries, because a retried post after a 5xx could post twice;
 * BullMQ retries the job and the send ledger decides whether to post again.
 */
export function createWorkerClient(token: string, settings: SlackClientSettings): WebClient {
  return new WebClient(token, {
    slackApiUrl: settings.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    fetch: instrumentedFetch(settings.metrics),
    logger: toSlackLogger(settings.logger, 'slack-worker-client'),
  });
}
