import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { postgresSslMode, postgresUrlProblems } from './db/postgres-connection.ts';

/**
 * The one reader of the environment. Everything else receives a parsed, frozen config, so tests build one
 * directly and a bad deployment fails at boot with every problem listed at once.
 *
 * Nothing configured means "try Nudge": an embedded PostgreSQL, BullMQ on that PostgreSQL instead of Redis,
 * and the local Slack sandbox instead of Slack (see src/embedded). Production sets DATABASE_URL, REDIS_URL,
 * Slack credentials and NUDGE_ENCRYPTION_KEY.
 */

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const optionalFlag = z
  .enum(['true', 'false', '1', '0', ''], { error: 'must be true or false' })
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1'));

/** The embedded database and the generated key live here when NUDGE_DATA_DIR is unset. */
const defaultDataDir = '.nudge';

const envSchema = z.object({
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must start with xoxb-'),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must start with xapp-'),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://slack.com/api/')
    .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  DATABASE_URL: optionalText.refine(
    (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
    'must be a postgres:// URL',
  ),
  DATABASE_CA_FILE: optionalText,
  REDIS_URL: optionalText.refine((v) => v === undefined || /^rediss?:\/\//.test(v), 'must be a redis:// URL'),
  REDIS_CA_FILE: optionalText,
  REDIS_SENTINELS: optionalText,
  REDIS_SENTINEL_NAME: optionalText,
  REDIS_SENTINEL_PASSWORD: optionalText,
  PORT: z.coerce.number({ error: 'must be a number' }).int().min(0).max(65_535).default(3000),
  HOST: optionalText,
  METRICS_PORT: optionalText.pipe(
    z.coerce.number<string>({ error: 'must be a number' }).int().min(0).max(65_535).optional(),
  ),
  NUDGE_ENCRYPTION_KEY: optionalText.refine(
    (value) => value === undefined || decodeKey(value) !== undefined,
    'must be 32 bytes, as base64 or 64 hex characters',
  ),
  NUDGE_MIGRATE: optionalFlag,
  NUDGE_SANDBOX: optionalFlag,
  NUDGE_DATA_DIR: optionalText,
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
});

/** Every environment variable Nudge reads; deployment files (docker-compose.yml, Dockerfile) set no others. */
export const configVariableNames: readonly string[] = Object.freeze(Object.keys(envSchema.shape));

export type SlackMode =
  | { kind: 'single-workspace'; botToken: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string; stateSecret: string };

/** Slack's OpenID Connect issuer: Sign in with Slack's id_tokens come from it, and its discovery document lists the rest. */
export const slackOpenIdIssuer = 'https://slack.com';

/**
 * Sign in with Slack, for the insights page: the app's own client credentials, and the OpenID issuer that vouches for
 * the person (Slack; the local sandbox in sandbox mode).
 */
export interface SignInSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Redis behind Sentinel: the sentinels to ask, and the name of the primary they watch. */
export interface RedisSentinel {
  readonly sentinels: ReadonlyArray<{ readonly host: string; readonly port: number }>;
  readonly name: string;
  /** The sentinels' own password (their `requirepass`), when they have one. */
  readonly password: string | undefined;
}

/** Where Nudge's connections go and what they trust; the same in the environment's view and the running service's. */
interface Connections {
  /** The PEM of DATABASE_CA_FILE: the CA PostgreSQL's certificate must chain to (sslmode=verify-ca/verify-full). */
  readonly databaseCa?: string | undefined;
  /** The PEM of REDIS_CA_FILE, for a rediss:// REDIS_URL. */
  readonly redisCa?: string | undefined;
  /** Set when Redis is reached through Sentinel; `redisUrl`'s host is then the primary's name, not an address. */
  readonly redisSentinel?: RedisSentinel | undefined;
}

/** What the environment says, before embedded defaults fill the gaps. */
export interface EnvConfig extends Connections {
  readonly slack:
    | {
        readonly kind: 'slack';
        readonly signingSecret: string;
        readonly mode: SlackMode;
        readonly appToken: string | undefined;
        readonly apiUrl: string;
        readonly signIn: SignInSettings | undefined;
      }
    | { readonly kind: 'sandbox' };
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly port: number;
  /** Where the HTTP server listens; the sandbox defaults to localhost only. */
  readonly host: string | undefined;
  /** A port of its own for /metrics (on HOST); unset, /metrics is on the main port and a worker serves none. */
  readonly metricsPort: number | undefined;
  readonly encryptionKey: Buffer | undefined;
  readonly migrateOnStart: boolean;
  readonly logLevel: LogLevel;
  /** Embedded PostgreSQL data, the generated encryption key and the Node download live here. */
  readonly dataDir: string;
}

/** The configuration the service runs with: every resource known. */
export interface Config extends Connections {
  readonly slack: {
    readonly signingSecret: string;
    readonly mode: SlackMode;
    /** Socket Mode when an app-level token is given; HTTP otherwise. */
    readonly appToken: string | undefined;
    readonly apiUrl: string;
    /** Unset: the insights page cannot sign anyone in, and says which settings it needs. */
    readonly signIn?: SignInSettings | undefined;
  };
  readonly databaseUrl: string;
  /** BullMQ on Redis when set; on the PostgreSQL backend (same database) when not. */
  readonly redisUrl: string | undefined;
  readonly port: number;
  readonly host?: string | undefined;
  /** Set: /metrics moves off the main port to this one, which every role (a worker too) listens on. */
  readonly metricsPort?: number | undefined;
  readonly encryptionKey: Buffer;
  readonly migrateOnStart: boolean;
  readonly logLevel: LogLevel;
}

export type ConfigResult = { ok: true; config: EnvConfig } | { ok: false; errors: string[] };

export function decodeKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const decoded = Buffer.from(trimmed, 'base64');
  return decoded.length === 32 ? decoded : undefined;
}

type SlackEnv = Pick<
  z.infer<typeof envSchema>,
  | 'SLACK_SIGNING_SECRET'
  | 'SLACK_BOT_TOKEN'
  | 'SLACK_CLIENT_ID'
  | 'SLACK_CLIENT_SECRET'
  | 'SLACK_STATE_SECRET'
  | 'SLACK_APP_TOKEN'
  | 'SLACK_API_URL'
  | 'NUDGE_SANDBOX'
>;

/** The Slack variables as given, for reporting their problems even when other variables failed to parse. */
function rawSlackEnv(env: Record<string, string | undefined>): SlackEnv {
  const text = (name: string) => env[name]?.trim() || undefined;
  const sandbox = text('NUDGE_SANDBOX');
  return {
    SLACK_SIGNING_SECRET: text('SLACK_SIGNING_SECRET'),
    SLACK_BOT_TOKEN: text('SLACK_BOT_TOKEN'),
    SLACK_CLIENT_ID: text('SLACK_CLIENT_ID'),
    SLACK_CLIENT_SECRET: text('SLACK_CLIENT_SECRET'),
    SLACK_STATE_SECRET: text('SLACK_STATE_SECRET'),
    SLACK_APP_TOKEN: text('SLACK_APP_TOKEN'),
    SLACK_API_URL: 'https://slack.com/api/',
    NUDGE_SANDBOX: sandbox === undefined ? undefined : sandbox === 'true' || sandbox === '1',
  };
}

function slackSettings(env: SlackEnv, errors: string[]): EnvConfig['slack'] | undefined {
  const oauthNames = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
  const anyOauth = oauthNames.some((name) => env[name] !== undefined);
  const anyCredential = anyOauth || env.SLACK_BOT_TOKEN !== undefined;
  if (env.NUDGE_SANDBOX === true) {
    if (anyCredential) errors.push('NUDGE_SANDBOX: the sandbox replaces Slack; unset it or the Slack credentials');
    return { kind: 'sandbox' };
  }
  if (!anyCredential && env.NUDGE_SANDBOX !== false) return { kind: 'sandbox' };

  let mode: SlackMode | undefined;
  if (env.SLACK_BOT_TOKEN && env.SLACK_STATE_SECRET) {
    errors.push(
      'SLACK_BOT_TOKEN: set either SLACK_BOT_TOKEN (one workspace) or the SLACK_CLIENT_* variables (OAuth), not both',
    );
  } else if (env.SLACK_BOT_TOKEN) {
    mode = { kind: 'single-workspace', botToken: env.SLACK_BOT_TOKEN };
    // One workspace needs no OAuth, but Sign in with Slack (the insights page) uses the app's client credentials.
    if (env.SLACK_CLIENT_ID && !env.SLACK_CLIENT_SECRET) {
      errors.push('SLACK_CLIENT_SECRET: is required with SLACK_CLIENT_ID (Sign in with Slack)');
    } else if (env.SLACK_CLIENT_SECRET && !env.SLACK_CLIENT_ID) {
      errors.push('SLACK_CLIENT_ID: is required with SLACK_CLIENT_SECRET (Sign in with Slack)');
    }
  } else if (env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET) {
    mode = {
      kind: 'oauth',
      clientId: env.SLACK_CLIENT_ID,
      clientSecret: env.SLACK_CLIENT_SECRET,
      stateSecret: env.SLACK_STATE_SECRET,
    };
  } else if (anyOauth) {
    for (const name of oauthNames) {
      if (env[name] === undefined)
        errors.push(`${name}: is required for OAuth mode (the other SLACK_CLIENT_* are set)`);
    }
  } else {
    errors.push(
      'SLACK_BOT_TOKEN: is required (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for OAuth) when NUDGE_SANDBOX=false',
    );
  }
  if (!env.SLACK_SIGNING_SECRET) errors.push('SLACK_SIGNING_SECRET: is required with Slack credentials');
  if (!mode || !env.SLACK_SIGNING_SECRET) return undefined;
  return {
    kind: 'slack',
    signingSecret: env.SLACK_SIGNING_SECRET,
    mode,
    appToken: env.SLACK_APP_TOKEN,
    apiUrl: env.SLACK_API_URL,
    signIn:
      env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET
        ? { issuer: slackOpenIdIssuer, clientId: env.SLACK_CLIENT_ID, clientSecret: env.SLACK_CLIENT_SECRET }
        : undefined,
  };
}

type ConnectionEnv = Partial<
  Pick<
    z.infer<typeof envSchema>,
    | 'DATABASE_URL'
    | 'DATABASE_CA_FILE'
    | 'REDIS_URL'
    | 'REDIS_CA_FILE'
    | 'REDIS_SENTINELS'
    | 'REDIS_SENTINEL_NAME'
    | 'REDIS_SENTINEL_PASSWORD'
  >
>;

/** The PEM text of a CA file setting, or a problem naming the setting (the path is not a secret; the text is not shown). */
function readCaFile(name: string, path: string, errors: string[]): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    errors.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    return undefined;
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    errors.push(`${name}: ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    return undefined;
  }
  return text;
}

/** DATABASE_URL's TLS parameters and DATABASE_CA_FILE; returns the CA's PEM. */
function databaseSettings(env: ConnectionEnv, errors: string[]): string | undefined {
  const url = env.DATABASE_URL;
  for (const problem of url ? postgresUrlProblems(url) : []) errors.push(`DATABASE_URL: ${problem}`);
  if (!env.DATABASE_CA_FILE) return undefined;
  if (!url || postgresSslMode(url) === 'disable') {
    errors.push('DATABASE_CA_FILE: is only used over TLS; add sslmode=verify-full to DATABASE_URL');
    return undefined;
  }
  return readCaFile('DATABASE_CA_FILE', env.DATABASE_CA_FILE, errors);
}

function parseSentinels(list: string, errors: string[]): RedisSentinel['sentinels'] {
  const sentinels = list.split(',').map((entry) => {
    const match = /^(\[[0-9a-fA-F:]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(entry.trim());
    const port = Number(match?.[2]);
    return match && port >= 1 && port <= 65_535 ? { host: match[1]!.replace(/^\[|\]$/g, ''), port } : undefined;
  });
  if (sentinels.some((s) => s === undefined)) {
    errors.push('REDIS_SENTINELS: must be host:port pairs separated by commas (sentinel-1:26379,sentinel-2:26379)');
    return [];
  }
  return sentinels as RedisSentinel['sentinels'];
}

/** REDIS_URL, REDIS_CA_FILE and the Sentinel settings; undefined (with errors) when they do not fit together. */
function redisSettings(
  env: ConnectionEnv,
  errors: string[],
): Pick<EnvConfig, 'redisUrl' | 'redisCa' | 'redisSentinel'> | undefined {
  const before = errors.length;
  const url = env.REDIS_URL;
  const tls = url?.startsWith('rediss://') === true;
  if (env.REDIS_CA_FILE && !tls)
    errors.push('REDIS_CA_FILE: is only used over TLS; REDIS_URL must start with rediss://');
  const redisCa = env.REDIS_CA_FILE && tls ? readCaFile('REDIS_CA_FILE', env.REDIS_CA_FILE, errors) : undefined;

  const { REDIS_SENTINELS: list, REDIS_SENTINEL_NAME: name, REDIS_SENTINEL_PASSWORD: password } = env;
  let redisSentinel: RedisSentinel | undefined;
  if (list || name || password) {
    if (!list) errors.push('REDIS_SENTINELS: is required with REDIS_SENTINEL_NAME or REDIS_SENTINEL_PASSWORD');
    if (!name) errors.push('REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS (the primary’s name, e.g. mymaster)');
    if (tls) errors.push('REDIS_URL: rediss:// is not supported with REDIS_SENTINELS');
    if (url && name && !tls) {
      // With sentinels, REDIS_URL only carries the primary's password and database: naming the primary as its
      // host keeps anyone from believing an address in it is used.
      const given = URL.canParse(url) ? new URL(url) : undefined;
      if (given?.hostname !== name || given.port !== '') {
        errors.push(
          `REDIS_URL: with REDIS_SENTINELS its host is the primary’s name, with no port (redis://:password@${name}/0)`,
        );
      }
    }
    const sentinels = list ? parseSentinels(list, errors) : [];
    if (name) redisSentinel = { sentinels, name, password };
  }
  if (errors.length > before) return undefined;
  return {
    redisUrl: redisSentinel ? (url ?? `redis://${redisSentinel.name}`) : url,
    redisCa,
    redisSentinel,
  };
}

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const errors: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`${issue.path.join('.')}: ${issue.message}`);
    // Still report Slack credential problems, so one boot lists everything.
    slackSettings(rawSlackEnv(env), errors);
    return { ok: false, errors: [...new Set(errors)].sort() };
  }
  const data = parsed.data;
  const slack = slackSettings(data, errors);
  if (data.DATABASE_URL && !data.NUDGE_ENCRYPTION_KEY) {
    errors.push('NUDGE_ENCRYPTION_KEY: is required with DATABASE_URL (32 random bytes: openssl rand -base64 32)');
  }
  if (data.METRICS_PORT !== undefined && data.METRICS_PORT !== 0 && data.METRICS_PORT === data.PORT) {
    errors.push('METRICS_PORT: must differ from PORT (unset it to serve /metrics on PORT)');
  }
  const databaseCa = databaseSettings(data, errors);
  const redis = redisSettings(data, errors);
  if (!slack || !redis || errors.length > 0) return { ok: false, errors: [...new Set(errors)].sort() };
  const config: EnvConfig = {
    slack,
    databaseUrl: data.DATABASE_URL,
    databaseCa,
    ...redis,
    port: data.PORT,
    host: data.HOST,
    metricsPort: data.METRICS_PORT,
    encryptionKey: data.NUDGE_ENCRYPTION_KEY ? decodeKey(data.NUDGE_ENCRYPTION_KEY) : undefined,
    migrateOnStart: data.NUDGE_MIGRATE ?? true,
    logLevel: data.LOG_LEVEL,
    dataDir: data.NUDGE_DATA_DIR ?? defaultDataDir,
  };
  return { ok: true, config: Object.freeze(config) };
}

/** Reads process.env once; the only place in the bot that does. */
/**
 * The standard OpenTelemetry variables (`OTEL_*`), read here like every other setting; `src/observability/tracing.ts`
 * gives them their meaning, and the OTLP exporter reads its own connection settings among them.
 */
export function loadTracingEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('OTEL_')));
}

export function loadConfig(): ConfigResult {
  return parseConfig(process.env);
}

/** Where `npm run db:migrate` applies migrations: DATABASE_URL (with its CA), or else the embedded database. */
export function loadMigrationTarget():
  | { ok: true; target: { kind: 'url'; url: string; ca: string | undefined } | { kind: 'embedded'; dataDir: string } }
  | { ok: false; errors: string[] } {
  const parsed = envSchema
    .pick({ DATABASE_URL: true, DATABASE_CA_FILE: true, NUDGE_DATA_DIR: true })
    .safeParse(process.env);
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const errors: string[] = [];
  const ca = databaseSettings(parsed.data, errors);
  if (errors.length > 0) return { ok: false, errors };
  const { DATABASE_URL: url, NUDGE_DATA_DIR: dataDir } = parsed.data;
  return {
    ok: true,
    target: url ? { kind: 'url', url, ca } : { kind: 'embedded', dataDir: dataDir ?? defaultDataDir },
  };
}
