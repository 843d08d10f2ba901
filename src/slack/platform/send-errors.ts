/** Slack said 429 (or its body said ratelimited): try again no sooner than `retryAfterMs`. */
export class SlackRateLimitedError extends Error {
  readonly retryAfterMs: number;
  readonly method: string;
  constructor(method: string, retryAfterMs: number) {
    super(`Slack rate-limited ${method}; retry after ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'SlackRateLimitedError';
    this.method = method;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The workspace is uninstalled or its token revoked: nothing more may be sent for it. */
export class WorkspaceInactiveError extends Error {
  readonly workspaceId: string;
  constructor(workspaceId: string, reason: string) {
    super(`workspace ${workspaceId} is not active: ${reason}`);
    this.name = 'WorkspaceInactiveError';
    this.workspaceId = workspaceId;
  }
}

/** Slack refused the call for a reason a retry cannot fix (channel_not_found, invalid_blocks, ...). */
export class SlackPermanentError extends Error {
  readonly code: string;
  readonly method: string;
  constructor(method: string, code: string) {
    super(`Slack refused ${method}: ${code}`);
    this.name = 'SlackPermanentError';
    this.code = code;
    this.method = method;
  }
}

/** Another sender holds this message's lease right now; retry shortly. */
export class SendInProgressError extends Error {
  constructor(key: string) {
    super(`message ${key} is being sent by another worker`);
    this.name = 'SendInProgressError';
  }
}
