/**
 * Slack's Web API rate limits as the sandbox enforces them ("per API method per workspace per app",
 * docs.slack.dev/apis/web-api/rate-limits; per-method tiers from the method reference and the Java SDK's
 * MethodsRateLimits). Windows are sliding: a call is refused while `limit` calls were admitted in the last
 * window, and Retry-After says when the oldest of them leaves it.
 *
 * Retry-After is always a whole number of seconds, rounded up and at least 1, also under `timeScale`:
 * @slack/web-api reads it with parseInt, so "0.25" would become 0 and a worker honouring it would retry at
 * once in a hot loop. Compressed runs therefore wait up to one second longer than strictly needed; the exact
 * wait is in the `x-sandbox-retry-after-ms` header for anyone who wants it.
 */

export type RateTier = 'tier1' | 'tier2' | 'tier3' | 'tier4' | 'special' | 'post_message' | 'none';

const PER_MINUTE: Record<Exclude<RateTier, 'post_message' | 'none'>, number> = {
  tier1: 1,
  tier2: 20,
  tier3: 50,
  tier4: 100,
  // auth.test and chat.getPermalink: "hundreds per minute"; the Java SDK budgets 600.
  special: 600,
};

/** chat.postMessage: about one message per second per channel, with a short burst allowed. */
export const POST_MESSAGE_PER_CHANNEL = { burst: 3, perSecond: 1 } as const;
/** chat.postMessage: the workspace-wide cap of "several hundred messages per minute". */
export const POST_MESSAGE_WORKSPACE_PER_MINUTE = 600;

const MINUTE_MS = 60_000;
const SECOND_MS = 1000;

export type Admission = { ok: true } | { ok: false; retryAfterMs: number };

export interface RateRequest {
  teamKey: string;
  method: string;
  tier: RateTier;
  /** For chat.postMessage: the conversation posted to. */
  channel?: string;
}

export class RateLimiter {
  #windows = new Map<string, number[]>();
  readonly #scale: number;
  readonly #enabled: boolean;

  constructor(options: { enabled: boolean; timeScale: number }) {
    this.#enabled = options.enabled;
    this.#scale = options.timeScale > 0 ? options.timeScale : 1;
  }

  /**
   * Admits or refuses a call; an admitted call counts against its windows. `force` counts it without refusing,
   * for injected failures that must apply their effect.
   */
  admit(request: RateRequest, now: number, force = false): Admission {
    if (!this.#enabled || request.tier === 'none') return { ok: true };
    const checks = this.#checksFor(request);
    if (!force) {
      let wait = 0;
      for (const check of checks) wait = Math.max(wait, this.#waitFor(check, now));
      if (wait > 0) return { ok: false, retryAfterMs: wait };
    }
    for (const check of checks) this.#record(check.key, now, check.windowMs);
    return { ok: true };
  }

  reset(): void {
    this.#windows.clear();
  }

  #checksFor(request: RateRequest): Array<{ key: string; limit: number; windowMs: number }> {
    if (request.tier === 'post_message') {
      const perChannel = POST_MESSAGE_PER_CHANNEL;
      return [
        {
          key: `${request.teamKey}|chat.postMessage|${request.channel ?? ''}`,
          limit: perChannel.burst,
          // `burst` posts per `burst` seconds: one per second on average, `burst` back to back.
          windowMs: (perChannel.burst * SECOND_MS) / perChannel.perSecond / this.#scale,
        },
        {
          key: `${request.teamKey}|chat.postMessage`,
          limit: POST_MESSAGE_WORKSPACE_PER_MINUTE,
          windowMs: MINUTE_MS / this.#scale,
        },
      ];
    }
    if (request.tier === 'none') return [];
    return [
      {
        key: `${request.teamKey}|${request.method}`,
        limit: PER_MINUTE[request.tier],
        windowMs: MINUTE_MS / this.#scale,
      },
    ];
  }

  #waitFor(check: { key: string; limit: number; windowMs: number }, now: number): number {
    const admitted = this.#live(check.key, now, check.windowMs);
    if (admitted.length < check.limit) return 0;
    const oldestThatMustLeave = admitted[admitted.length - check.limit]!;
    return Math.max(1, oldestThatMustLeave + check.windowMs - now);
  }

  #record(key: string, now: number, windowMs: number): void {
    const admitted = this.#live(key, now, windowMs);
    admitted.push(now);
    this.#windows.set(key, admitted);
  }

  #live(key: string, now: number, windowMs: number): number[] {
    const admitted = (this.#windows.get(key) ?? []).filter((at) => at > now - windowMs);
    this.#windows.set(key, admitted);
    return admitted;
  }
}

export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
