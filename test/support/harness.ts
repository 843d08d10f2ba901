import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import type { Config, RedisSentinel } from '../../src/config.ts';
import type { Clock } from '../../src/observability/clock.ts';
import {
  type Sandbox,
  type SeededWorkspace,
  type SlackDriver,
  startSandbox,
  type WorkspaceSpec,
} from '../../src/sandbox/index.ts';
import { type NudgeService, type Role, startNudge } from '../../src/service.ts';
import { createTestDatabase, uniquePrefix } from './databases.ts';
import { reservePort } from './ports.ts';

export const signingSecret = 'test-signing-secret-0123456789';

export type QueueBackendKind = 'redis' | 'postgres';
/** Queue tests run on both BullMQ backends. */
export const queueBackends: QueueBackendKind[] = ['redis', 'postgres'];

/** Every log line a test app writes, so tests can assert what did (and did not) get logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    callback();
  }
  text(): string {
    return this.lines.join('\n');
  }
}

export const oauthClient = { id: '111.222', secret: 'client-secret-test' };

export function testConfig(input: { databaseUrl: string; apiUrl: string; botToken?: string; oauth?: boolean }): Config {
  return Object.freeze({
    slack: {
      signingSecret,
      mode: input.oauth
        ? {
            kind: 'oauth' as const,
            clientId: '111.222',
            clientSecret: 'client-secret-test',
            stateSecret: 'state-secret-test',
          }
        : { kind: 'single-workspace' as const, botToken: input.botToken ?? 'xoxb-missing' },
      appToken: undefined,
      apiUrl: input.apiUrl,
    },
    databaseUrl: input.databaseUrl,
    redisUrl: inject('redisUrl'),
    port: 0,
    encryptionKey: randomBytes(32),
    migrateOnStart: true,
    logLevel: 'debug' as const,
  });
}

export const defaultWorkspace: WorkspaceSpec = {
  teamId: 'T0ACME',
  name: 'Acme',
  domain: 'acme',
  users: [
    {
      id: 'U0ALICE',
      name: 'alice',
      realName: 'Alice Admin',
      tz: 'Europe/London',
      title: 'Engineering Manager',
      isAdmin: true,
      email: 'alice@acme.test',
    },
    {
      id: 'U0BOB',
      name: 'bob',
      realName: 'Bob Builder',
      tz: 'America/New_York',
      title: 'Engineer',
      email: 'bob@acme.test',
    },
    {
      id: 'U0CARA',
      name: 'cara',
      realName: 'Cara Designer',
      tz: 'Asia/Tokyo',
      title: 'Designer',
      email: 'cara@acme.test',
    },
    { id: 'U0GONE', name: 'gone', realName: 'Gone Person', deleted: true },
    { id: 'U0ROBOT', name: 'robot', realName: 'Some Bot', isBot: true },
  ],
  channels: [{ id: 'C0GENERAL', name: 'general', members: ['U0ALICE', 'U0BOB', 'U0CARA'] }],
};

export type Transport = 'http' | 'socket';
/** Listener tests that prove both ways Slack reaches Nudge run once per transport. */
export const transports: Transport[] = ['http', 'socket'];

export interface Harness {
  sandbox: Sandbox;
  /** The first seeded workspace; `workspaces` has them all. */
  workspace: SeededWorkspace;
  workspaces: SeededWorkspace[];
  driver: SlackDriver;
  service: NudgeService;
  config: Config;
  logs: LogCapture;
  appUrl: string;
  stop(): Promise<void>;
}

/**
 * The real Nudge (Bolt HTTP receiver, BullMQ, Postgres, Redis) wired to a fresh sandbox. Single-workspace
 * mode by default; with `oauth`, the app runs in OAuth distribution mode and no workspace is installed until
 * a test goes through the install flow (see installViaOAuth).
 */
export async function startHarness(
  options: {
    roles?: Role[];
    workspaces?: WorkspaceSpec[];
    rateLimits?: 'slack' | 'off';
    label?: string;
    oauth?: boolean;
    /** A Redis of the test's own (e.g. one it will stop); the run's shared Redis otherwise. */
    redisUrl?: string;
    /** Reach Redis through these sentinels (`redisUrl` then names the primary, as REDIS_URL does). */
    redisSentinel?: RedisSentinel;
    /** 'postgres' runs BullMQ on its PostgreSQL backend in the test database, with no Redis at all. */
    queueBackend?: QueueBackendKind;
    /** A database of the test's own (e.g. on a server it will restart); a fresh one on the run's server otherwise. */
    databaseUrl?: string;
    /** The app's clock; a test that moves it can make time pass for sweeps and schedules. */
    clock?: Clock;
    /** Serve /metrics on a port of its own (0: any free one, read back from `service.metricsPort`). */
    metricsPort?: number;
    /** Run the sandbox on `clock` too (message ts, history windows), for tests that move time by hours or days. */
    sandboxOnClock?: boolean;
    /**
     * A sandbox of the test's own, which outlives this harness (a second Nudge sees the same Slack, messages
     * included): its workspaces are reused when already there, and `stop()` leaves it running.
     */
    sandbox?: Sandbox;
    /** NUDGE_ENCRYPTION_KEY, for a Nudge that must open what another sealed (a restored database); random otherwise. */
    encryptionKey?: Buffer;
    /** 'socket' runs Nudge in Socket Mode (SLACK_APP_TOKEN set) and drives it over the sandbox's socket. */
    transport?: Transport;
    /**
     * Sign in with Slack (the insights page) against the sandbox's OpenID endpoints, with the app's client credentials
     * (always on with `oauth`); `{ issuer }` names another issuer in front of the sandbox.
     */
    signIn?: boolean | { issuer: string };
  } = {},
): Promise<Harness> {
  const port = await reservePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const ownSandbox = options.sandbox === undefined;
  const sandbox =
    options.sandbox ??
    (await startSandbox({
      rateLimits: options.rateLimits ?? 'off',
      ...(options.clock && options.sandboxOnClock ? { now: () => (options.clock as Clock).now().getTime() } : {}),
      ...(options.oauth
        ? {
            oauth: {
              clientId: oauthClient.id,
              clientSecret: oauthClient.secret,
              redirectUri: `${appUrl}/slack/oauth_redirect`,
            },
          }
        : options.signIn
          ? { oauth: { clientId: oauthClient.id, clientSecret: oauthClient.secret } }
          : {}),
    }));
  const workspaces = (options.workspaces ?? [defaultWorkspace]).map(
    (spec) => sandbox.workspace(spec.teamId) ?? sandbox.createWorkspace(spec),
  );
  const workspace = workspaces[0]!;
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const base = testConfig({
    databaseUrl,
    apiUrl: sandbox.apiUrl,
    botToken: workspace.botToken,
    oauth: options.oauth === true,
  });
  // An OAuth app signs people in with the same client credentials, as parseConfig sets it up.
  const signIn =
    options.signIn || options.oauth
      ? {
          issuer: typeof options.signIn === 'object' ? options.signIn.issuer : sandbox.url,
          clientId: oauthClient.id,
          clientSecret: oauthClient.secret,
        }
      : undefined;
  const config = {
    ...base,
    slack: {
      ...base.slack,
      ...(options.transport === 'socket' ? { appToken: sandbox.appToken } : {}),
      ...(signIn ? { signIn } : {}),
    },
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    ...(options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
    ...(options.redisSentinel ? { redisSentinel: options.redisSentinel } : {}),
    ...(options.queueBackend === 'postgres' ? { redisUrl: undefined } : {}),
  };
  const logs = new LogCapture();
  const service = await startNudge(config, {
    roles: options.roles ?? ['web', 'worker'],
    port,
    queuePrefix: uniquePrefix(options.label ?? 'h'),
    logDestination: logs,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.metricsPort !== undefined ? { metricsPort: options.metricsPort } : {}),
  });
  const driver = sandbox.driver({
    appUrl: `${appUrl}/slack/events`,
    signingSecret,
    transport: options.transport ?? 'http',
  });
  return {
    sandbox,
    workspace,
    workspaces,
    driver,
    service,
    config,
    logs,
    appUrl,
    async stop() {
      await service.stop({ deadlineMs: 5_000 });
      if (ownSandbox) await sandbox.close();
    },
  };
}

/** Installs the app into `teamId` the way a browser would: /slack/install → Slack's consent → redirect back. */
export async function installViaOAuth(h: Harness, teamId: string): Promise<Response> {
  const start = await fetch(`${h.appUrl}/slack/install`, { redirect: 'manual' });
  const consent = new URL(start.headers.get('location') ?? '');
  consent.searchParams.set('team', teamId);
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const approved = await fetch(consent, { redirect: 'manual' });
  const callback = approved.headers.get('location');
  if (!callback)
    throw new Error(`the sandbox did not approve the install: ${approved.status} ${await approved.text()}`);
  return await fetch(callback, { headers: { cookie }, redirect: 'manual' });
}
