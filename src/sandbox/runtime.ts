import type { FailureQueue } from './failure-injection.ts';
import type { OpenIdSigner } from './openid/signing-key.ts';
import type { RateLimiter } from './rate-limits.ts';
import type { SocketModeServer } from './socket-mode/socket-mode-server.ts';
import type { SandboxStore } from './store.ts';
import type { RecordedCall, SandboxOptions } from './types.ts';

/** What the HTTP endpoints and the driver share: the state plus the machinery around it. */
export interface SandboxRuntime {
  store: SandboxStore;
  limiter: RateLimiter;
  failures: FailureQueue;
  calls: RecordedCall[];
  now: () => number;
  /** Known once the server listens; no trailing slash. */
  baseUrl: string;
  oauth: NonNullable<SandboxOptions['oauth']>;
  /** The app-level token apps.connections.open takes. */
  appToken: string;
  socketMode: SocketModeServer;
  /** Signs Sign in with Slack's id_tokens; its public key is served at /openid/connect/keys. */
  openId: OpenIdSigner;
}

const runtimes = new WeakMap<object, SandboxRuntime>();

/** Ties a Sandbox handle to its runtime, so in-process add-ons (the browser UI) can reach the state behind it. */
export function bindRuntime(sandbox: object, runtime: SandboxRuntime): void {
  runtimes.set(sandbox, runtime);
}

export function runtimeOf(sandbox: object): SandboxRuntime {
  const runtime = runtimes.get(sandbox);
  if (!runtime) throw new Error('sandbox: not a Sandbox returned by startSandbox()');
  return runtime;
}

/** An HTTP answer the server writes, possibly after a delay (injected timeouts). */
export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  delayMs?: number;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): HttpReply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function textReply(status: number, body: string, headers: Record<string, string> = {}): HttpReply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}
