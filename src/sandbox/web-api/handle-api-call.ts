import { retryAfterSeconds } from '../rate-limits.ts';
import { type HttpReply, jsonReply, type SandboxRuntime, textReply } from '../runtime.ts';
import type { OrgGrant, WorkspaceRecord } from '../store.ts';
import type { InjectedFailure, RecordedCall } from '../types.ts';
import { fail } from './method-context.ts';
import { METHODS } from './method-table.ts';
import { orgCallTarget } from './org-token.ts';
import { type ParsedApiRequest, parseApiRequest, stringArg } from './parse-request.ts';

/**
 * One Web API call, start to finish: parse, injected failure, method lookup, auth, rate limit, handler, record.
 * Errors keep Slack's shapes: HTTP 200 with `{ ok: false, error }`, except rate limits (HTTP 429 with
 * Retry-After and `{ ok: false, error: 'ratelimited' }`) and injected HTTP failures.
 */
export function handleApiCall(
  runtime: SandboxRuntime,
  method: string,
  request: { contentType: string | undefined; body: string; query: URLSearchParams; authorization: string | undefined },
): HttpReply {
  const at = runtime.now();
  const parsed = parseApiRequest(request);
  const lookup = parsed.token === undefined ? undefined : runtime.store.lookupToken(parsed.token);
  const org = lookup?.status === 'org' ? lookup.org : undefined;
  const target = org ? orgCallTarget(runtime.store, org, method, parsed.args) : undefined;
  const workspace =
    lookup?.status === 'ok' ? lookup.workspace : target && 'workspace' in target ? target.workspace : undefined;
  const caller: Caller = { workspace, org, refusal: target && 'error' in target ? target.error : undefined };
  const failure = runtime.failures.take(method, workspace?.teamId);

  const record = (reply: HttpReply, extra: Partial<RecordedCall> = {}): HttpReply => {
    const call: RecordedCall = {
      method,
      args: structuredClone(parsed.args),
      status: reply.status,
      response: parseBody(reply.body),
      at,
      ...extra,
    };
    if (workspace) call.teamId = workspace.teamId;
    runtime.calls.push(call);
    return reply;
  };

  if (failure) return record(injectedReply(runtime, method, parsed, caller, failure), { injected: failure.kind });
  const reply = processCall(runtime, method, parsed, caller, { force: false });
  return record(reply, reply.status === 429 ? { rateLimited: true } : {});
}

/** Who is calling: the workspace the token acts in, and for an org-wide token its organisation (or why it cannot act). */
interface Caller {
  workspace: WorkspaceRecord | undefined;
  org: OrgGrant | undefined;
  refusal: string | undefined;
}

function injectedReply(
  runtime: SandboxRuntime,
  method: string,
  parsed: ParsedApiRequest,
  caller: Caller,
  failure: InjectedFailure,
): HttpReply {
  switch (failure.kind) {
    case 'http_error': {
      const status = failure.status ?? 500;
      return textReply(status, `sandbox: injected HTTP ${status} for ${method}`);
    }
    case 'ratelimited':
      return jsonReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfterSeconds) });
    case 'error':
      return jsonReply(200, fail(failure.error));
    case 'timeout': {
      if (failure.applyEffect === false) {
        return { ...textReply(504, `sandbox: injected timeout for ${method}`), delayMs: failure.delayMs };
      }
      return { ...processCall(runtime, method, parsed, caller, { force: true }), delayMs: failure.delayMs };
    }
    case 'fail_after_effect': {
      processCall(runtime, method, parsed, caller, { force: true });
      const status = failure.status ?? 500;
      return textReply(status, `sandbox: injected HTTP ${status} after ${method} took effect`);
    }
  }
}

function processCall(
  runtime: SandboxRuntime,
  method: string,
  parsed: ParsedApiRequest,
  caller: Caller,
  options: { force: boolean },
): HttpReply {
  const { workspace, org } = caller;
  const definition = METHODS[method];
  if (!definition) return jsonReply(200, { ...fail('unknown_method'), req_method: method });
  if (parsed.bodyError) return jsonReply(200, fail(parsed.bodyError));
  const now = runtime.now();
  const base = {
    store: runtime.store,
    args: parsed.args,
    malformed: parsed.malformed,
    now,
    baseUrl: runtime.baseUrl,
    oauth: runtime.oauth,
    token: parsed.token,
    appToken: runtime.appToken,
    openSocketUrl: () => runtime.socketMode.openUrl(),
    openId: runtime.openId,
    ...(parsed.basicAuth ? { basicAuth: parsed.basicAuth } : {}),
  };
  if (definition.auth === 'none') {
    const admission = runtime.limiter.admit({ teamKey: 'app', method, tier: definition.tier }, now, options.force);
    if (!admission.ok) return rateLimitedReply(admission.retryAfterMs);
    return jsonReply(200, definition.handle(base));
  }
  if (parsed.token === undefined) return jsonReply(200, fail('not_authed'));
  if (caller.refusal) return jsonReply(200, fail(caller.refusal));
  if (!workspace) {
    const revoked = runtime.store.lookupToken(parsed.token).status === 'revoked';
    return jsonReply(200, fail(revoked ? 'token_revoked' : 'invalid_auth'));
  }
  const channel = runtime.store.conversationIdFor(workspace, stringArg(parsed.args, 'channel') ?? '');
  const admission = runtime.limiter.admit(
    { teamKey: workspace.teamId, method, tier: definition.tier, channel },
    now,
    options.force,
  );
  if (!admission.ok) return rateLimitedReply(admission.retryAfterMs);
  return jsonReply(200, definition.handle({ ...base, workspace, ...(org ? { org } : {}) }));
}

function rateLimitedReply(retryAfterMs: number): HttpReply {
  return jsonReply(
    429,
    { ok: false, error: 'ratelimited' },
    { 'retry-after': String(retryAfterSeconds(retryAfterMs)), 'x-sandbox-retry-after-ms': String(retryAfterMs) },
  );
}

function parseBody(body: string | Buffer): unknown {
  try {
    return JSON.parse(body.toString());
  } catch {
    return body;
  }
}
