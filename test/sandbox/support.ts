import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, LogLevel, WebAPIPlatformError, WebClient, type WebClientOptions } from '@slack/web-api';
import { expect } from 'vitest';
import { type Sandbox, type SandboxOptions, type SeededWorkspace, startSandbox } from '../../src/sandbox/index.ts';

/** A controllable clock for `now`: tests move time instead of sleeping. */
export function manualClock(startMs = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let current = startMs;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

export async function sandboxWithWorkspace(
  options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; workspace: SeededWorkspace }> {
  const sandbox = await startSandbox(options);
  const workspace = sandbox.createWorkspace({
    teamId: 'T0ACME0001',
    name: 'Acme',
    enterpriseId: 'E0ACME0001',
    users: [
      { id: 'U0ALICE001', name: 'alice', realName: 'Alice Anders', email: 'alice@acme.example', isAdmin: true },
      { id: 'U0BOB00001', name: 'bob', realName: 'Bob Brown', email: 'bob@acme.example', tz: 'Europe/Berlin' },
      { id: 'U0CAROL001', name: 'carol', realName: 'Carol Chen', tz: 'Asia/Tokyo', title: 'Designer' },
      { id: 'W0DAVE0001', name: 'dave', realName: 'Dave Diaz', tz: 'America/Los_Angeles' },
      { id: 'U0ERIN0001', name: 'erin', realName: 'Erin Ex', deleted: true },
    ],
    channels: [
      { id: 'C0GENERAL1', name: 'general', members: ['U0ALICE001', 'U0BOB00001', 'U0CAROL001'], botIsMember: true },
      { id: 'C0RANDOM01', name: 'random', members: ['U0ALICE001'] },
      { id: 'C0SECRET01', name: 'secret', isPrivate: true, members: ['U0ALICE001'] },
      { id: 'C0CLUB0001', name: 'club', isPrivate: true, members: ['U0BOB00001'], botIsMember: true },
    ],
  });
  return { sandbox, workspace };
}

/** Keeps expected Slack errors (which the client logs) out of the test output. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

/** The real client, configured as the bot will be in tests: no retries, quiet logs. */
export function clientFor(sandbox: Sandbox, token: string | undefined, options: WebClientOptions = {}): WebClient {
  return new WebClient(token, {
    slackApiUrl: sandbox.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
    ...options,
  });
}

/** Captures what a tiny app server receives; answers with `reply` (default 200, empty body). */
export async function captureServer(
  reply: (request: CapturedRequest) => { status?: number; body?: string } = () => ({}),
): Promise<{ url: string; requests: CapturedRequest[]; close(): Promise<void> }> {
  const requests: CapturedRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const captured: CapturedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers as Record<string, string | undefined>,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(captured);
      const answer = reply(captured);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body: string;
}

/** The Slack error code a Web API call was refused with; fails the test when the call succeeded or threw otherwise. */
export async function errorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data.error;
}
