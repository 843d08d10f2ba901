import { type FetchFunction, WebClient } from '@slack/web-api';
import type { Logger } from '../../observability/logger.ts';
import { toSlackLogger } from '../../observability/logger.ts';
import type { Metrics } from '../../observability/metrics.ts';

function methodOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.slice(path.lastIndexOf('/') + 1) || 'unknown';
}

/** A fetch that counts Slack Web API calls and 429s per method for /metrics. */
export function instrumentedFetch(metrics: Metrics): FetchFunction {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input.href;
    const method = methodOf(url);
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
