import type { OpenIdSigner } from '../openid/signing-key.ts';
import type { RateTier } from '../rate-limits.ts';
import type { OrgGrant, SandboxStore, WorkspaceRecord } from '../store.ts';
import type { SandboxOptions } from '../types.ts';

export type MethodResult = Record<string, unknown>;

export interface MethodContext {
  store: SandboxStore;
  args: Record<string, unknown>;
  /** JSON-string fields that failed to parse. */
  malformed: Set<string>;
  now: number;
  /** The sandbox's own base URL, for permalinks and response_urls. */
  baseUrl: string;
  basicAuth?: { user: string; password: string };
  oauth: NonNullable<SandboxOptions['oauth']>;
  /** The token the call carried, for methods that take an app-level token rather than a bot token. */
  token: string | undefined;
  /** The app-level token (`xapp-…`) the sandbox issued to its one app. */
  appToken: string;
  /** A fresh one-use Socket Mode URL. */
  openSocketUrl(): string;
  /** Signs Sign in with Slack's id_tokens. */
  openId: OpenIdSigner;
}

export interface AuthedContext extends MethodContext {
  /** The workspace the call acts in (for an org-wide token, the one it names or is about). */
  workspace: WorkspaceRecord;
  /** Set when the token is an org-wide install's. */
  org?: OrgGrant;
}

export type MethodDefinition =
  | { auth: 'bot'; tier: RateTier; handle(ctx: AuthedContext): MethodResult }
  | { auth: 'none'; tier: RateTier; handle(ctx: MethodContext): MethodResult };

export function ok(extra: Record<string, unknown> = {}): MethodResult {
  return { ok: true, ...extra };
}

export function fail(error: string, extra: Record<string, unknown> = {}): MethodResult {
  return { ok: false, error, ...extra };
}

/** Slack's shape for argument problems: `invalid_arguments` plus human-readable lines. */
export function invalidArguments(messages: string[]): MethodResult {
  return fail('invalid_arguments', { response_metadata: { messages } });
}

/** Opaque cursors as Slack hands them out (base64 of a position), so callers cannot depend on their content. */
export function encodeCursor(kind: string, position: string | number): string {
  return Buffer.from(`${kind}:${position}`).toString('base64');
}

export function decodeCursor(kind: string, cursor: string): string | undefined {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  return decoded.startsWith(`${kind}:`) ? decoded.slice(kind.length + 1) : undefined;
}

/** Page `items` by an index cursor; `limit` is clamped like Slack does (1..max, default when absent). */
export function paginate<T>(
  items: T[],
  kind: string,
  args: { cursor: string | undefined; limit: number | undefined },
  defaults: { limit: number; max: number },
): { page: T[]; nextCursor: string } | { error: 'invalid_cursor' | 'invalid_limit' } {
  let start = 0;
  if (args.cursor !== undefined && args.cursor !== '') {
    const position = decodeCursor(kind, args.cursor);
    const index = position === undefined ? Number.NaN : Number(position);
    if (!Number.isInteger(index) || index < 0 || index > items.length) return { error: 'invalid_cursor' };
    start = index;
  }
  if (args.limit !== undefined && Number.isNaN(args.limit)) return { error: 'invalid_limit' };
  const limit = Math.min(
    Math.max(args.limit === undefined || args.limit === 0 ? defaults.limit : args.limit, 1),
    defaults.max,
  );
  const page = items.slice(start, start + limit);
  const next = start + page.length;
  return { page, nextCursor: next < items.length ? encodeCursor(kind, next) : '' };
}
