import type { CustomRoute } from '@slack/bolt';
import type { Config, EnvConfig } from '../config.ts';
import { adjustableClock, type Clock, systemClock } from '../observability/clock.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { loadOrCreateEncryptionKey } from './encryption-key.ts';
import { startSandboxMode } from './sandbox-mode.ts';
import type { TimeControlDeps } from './time-controls.ts';

export interface Resolved {
  config: Config;
  /** What was filled in, for the start-up log. */
  notes: string[];
  /** Sandbox mode's routes (the browser UI); `service` hands its time controls the running service's deps. */
  routes(appUrl: () => string, service?: () => TimeControlDeps | undefined): CustomRoute[];
  sandboxMode: boolean;
  /** Sandbox mode's demo data, once the service runs; nothing otherwise. */
  seed(service: TimeControlDeps): Promise<void>;
  /** Sandbox mode's clock, which the "advance the clock a day" control moves; real time otherwise. */
  clock: Clock;
  stop(): Promise<void>;
}

/** Fills what the environment left out with local stand-ins: embedded PostgreSQL, a key file, the sandbox. */
export async function resolveConfig(env: EnvConfig): Promise<Resolved> {
  const notes: string[] = [];
  const stops: Array<() => Promise<void>> = [];
  try {
    let databaseUrl = env.databaseUrl;
    if (!databaseUrl) {
      const database = await startEmbeddedPostgres(env.dataDir);
      stops.push(database.stop);
      databaseUrl = database.url;
      notes.push(`no DATABASE_URL: using an embedded PostgreSQL with its data in ${env.dataDir}/postgres`);
    }
    if (!env.redisUrl) notes.push('no REDIS_URL: BullMQ runs on its PostgreSQL backend in the same database');
    let encryptionKey = env.encryptionKey;
    if (!encryptionKey) {
      encryptionKey = loadOrCreateEncryptionKey(env.dataDir);
      notes.push(`no NUDGE_ENCRYPTION_KEY: using the generated key in ${env.dataDir}/encryption.key`);
    }
    const sandbox = env.slack.kind === 'sandbox' ? await startSandboxMode() : undefined;
    if (sandbox) {
      stops.push(sandbox.stop);
      notes.push('no Slack credentials: sandbox mode, with a demo workspace you can use in the browser');
    }
    const slack =
      env.slack.kind === 'slack'
        ? {
            signingSecret: env.slack.signingSecret,
            mode: env.slack.mode,
            appToken: env.slack.appToken,
            apiUrl: env.slack.apiUrl,
            signIn: env.slack.signIn,
          }
        : {
            signingSecret: sandbox!.signingSecret,
            mode: { kind: 'single-workspace' as const, botToken: sandbox!.botToken },
            appToken: undefined,
            apiUrl: sandbox!.apiUrl,
            signIn: sandbox!.signIn,
          };
    const config: Config = Object.freeze({
      slack,
      databaseUrl,
      databaseCa: env.databaseCa,
      redisUrl: env.redisUrl,
      redisCa: env.redisCa,
      redisSentinel: env.redisSentinel,
      port: env.port,
      // The sandbox is for the person at this machine: listen on loopback unless HOST says otherwise.
      host: env.host ?? (sandbox ? '127.0.0.1' : undefined),
      metricsPort: env.metricsPort,
      encryptionKey,
      migrateOnStart: env.migrateOnStart,
      logLevel: env.logLevel,
    });
    return {
      config,
      notes,
      routes: (appUrl, service) => sandbox?.routes(appUrl, service) ?? [],
      sandboxMode: sandbox !== undefined,
      seed: async (service) => await sandbox?.seed(service),
      clock: sandbox ? adjustableClock() : systemClock,
      async stop() {
        for (const stop of stops.reverse()) await stop().catch(() => {});
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw error;
  }
}
