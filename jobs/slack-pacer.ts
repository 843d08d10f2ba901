import { SlackRateLimitedError } from '../src/slack/platform/send-errors.ts';

export interface WindowPacerOptions {
  /** The Slack method this paces (named in the delay it asks for). */
  method: string;
  /** Calls admitted per window, per key (workspace). */
  limit: number;
  /** The window at time scale 1. */
  windowMs: number;
  /** Waits up to this many slots (windowMs / limit) in process; a longer wait parks the job instead. */
  maxWaitSlots: number;
}

/**
 * Keeps this process's calls of one Slack method per workspace inside a sliding window like Slack's ("per
 * method per workspace per app"). Intros are already planned at a pace under the method's tier; this matters
 * when a worker falls behind that plan (a busy machine, a slow query): the late intros then catch up as fast as
 * the window allows instead of bursting past it, where each 429 parks the method for a whole Retry-After and
 * the backlog only grows. Other processes, and other callers of the method, share Slack's window without
 * sharing this one, so Slack's own 429s are still handled by the sender as before.
 */
export class WindowPacer {
  readonly #options: WindowPacerOptions;
  /** Admission times per key, ascending; the latest may lie in the future (a caller waiting for its slot). */
  readonly #admitted = new Map<string, number[]>();

  constructor(options: WindowPacerOptions) {
    this.#options = options;
  }

  /**
   * Resolves when the call may be made (at once, or after a short wait in FIFO order). Throws
   * SlackRateLimitedError with the exact wait when it would be longer, so the worker delays the job instead of
   * holding a slot that other messages need.
   */
  async take(key: string, timeScale = 1): Promise<void> {
    const { limit, maxWaitSlots, method } = this.#options;
    const windowMs = this.#options.windowMs / timeScale;
    const now = Date.now();
    const admitted = (this.#admitted.get(key) ?? []).filter((at) => at > now - windowMs);
    const slot = Math.max(
      now,
      admitted.at(-1) ?? now,
      admitted.length >= limit ? admitted[admitted.length - limit]! + windowMs : now,
    );
    const wait = slot - now;
    if (wait > (maxWaitSlots * windowMs) / limit) {
      this.#admitted.set(key, admitted);
      throw new SlackRateLimitedError(method, wait);
    }
    admitted.push(slot);
    this.#admitted.set(key, admitted);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
