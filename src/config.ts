import { z } from 'zod';

/**
 * The one reader of the environment. Everything else receives a parsed, frozen Config, so tests build one
 * directly and a bad deployment fails at boot with every problem listed at once.
 */

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((value) => (value === undefined || value === '' ? fallback : value === 'true' || value === '1'));

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must start with xoxb-'),
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must start with xapp-'),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://slack.com/api/')
    .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  DATABASE_URL: z.string({ error: 'is required' }).regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  REDIS_URL: z.string({ error: 'is required' }).regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  PORT: z.coerce.number({ error: 'must be a number' }).int().min(0).max(65_535).default(3000),
  NUDGE_ENCRYPTION_KEY: z
    .string({ error: 'is required (32 random bytes as base64 or 64 hex characters)' })
    .refine((value) => decodeKey(value) !== undefined, 'must be 32 bytes, as base64 or 64 hex characters'),
  NUDGE_MIGRATE: booleanFlag(true),
  LOG_LEVEL: z.enum(logLevels).default('info'),
});

export type SlackMode =
  | { kind: 'single-workspace'; botToken: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string; stateSecret: string };

export interface Config {
  readonly slack: {
    readonly signingSecret: string;
    readonly mode: SlackMode;
    /** Socket Mode when an app-level token is given; HTTP otherwise. */
    readonly appToken: string | undefined;
    readonly apiUrl: string;
  };
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly port: number;
  readonly encryptionKey: Buffer;
  readonly migrateOnStart: boolean;
  readonly logLevel: (typeof logLevels)[number];
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

function decodeKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const decoded = Buffer.from(trimmed, 'base64');
  return decoded.length === 32 ? decoded : undefined;
}

type SlackCredentials = Partial<
  Record<'SLACK_BOT_TOKEN' | 'SLACK_CLIENT_ID' | 'SLACK_CLIENT_SECRET' | 'SLACK_STATE_SECRET', string>
>;

function slackMode(env: SlackCredentials, errors: string[]): SlackMode | undefined {
  const oauthNames = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
  const anyOauth = oauthNames.some((name) => env[name] !== undefined);
  if (env.SLACK_BOT_TOKEN && anyOauth) {
    errors.push(
      'SLACK_BOT_TOKEN: set either SLACK_BOT_TOKEN (one workspace) or the SLACK_CLIENT_* variables (OAuth), not both',
    );
    return undefined;
  }
  if (env.SLACK_BOT_TOKEN) return { kind: 'single-workspace', botToken: env.SLACK_BOT_TOKEN };
  if (env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET) {
    return {
      kind: 'oauth',
      clientId: env.SLACK_CLIENT_ID,
      clientSecret: env.SLACK_CLIENT_SECRET,
      stateSecret: env.SLACK_STATE_SECRET,
    };
  }
  if (anyOauth) {
    for (const name of oauthNames) {
      if (env[name] === undefined)
        errors.push(`${name}: is required for OAuth mode (the other SLACK_CLIENT_* are set)`);
    }
    return undefined;
  }
  errors.push(
    'SLACK_BOT_TOKEN: is required (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for OAuth)',
  );
  return undefined;
}

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const errors: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  if (!env.SLACK_SIGNING_SECRET?.trim()) errors.push('SLACK_SIGNING_SECRET: is required');
  const credentials: SlackCredentials = {};
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const) {
    const value = env[name]?.trim();
    if (value) credentials[name] = value;
  }
  const mode = slackMode(credentials, errors);
  if (!parsed.success || mode === undefined || errors.length > 0) {
    return { ok: false, errors: [...new Set(errors)].sort() };
  }
  const data = parsed.data;
  const config: Config = {
    slack: {
      signingSecret: env.SLACK_SIGNING_SECRET!.trim(),
      mode,
      appToken: data.SLACK_APP_TOKEN,
      apiUrl: data.SLACK_API_URL,
    },
    databaseUrl: data.DATABASE_URL,
    redisUrl: data.REDIS_URL,
    port: data.PORT,
    encryptionKey: decodeKey(data.NUDGE_ENCRYPTION_KEY)!,
    migrateOnStart: data.NUDGE_MIGRATE,
    logLevel: data.LOG_LEVEL,
  };
  return { ok: true, config: Object.freeze(config) };
}

/** Reads process.env once; the only place in the bot that does. */
export function loadConfig(): ConfigResult {
  return parseConfig(process.env);
}

/** `npm run db:migrate` needs only the database, not Slack credentials. */
export function loadDatabaseUrl(): { ok: true; url: string } | { ok: false; errors: string[] } {
  const parsed = envSchema.shape.DATABASE_URL.safeParse(process.env.DATABASE_URL);
  return parsed.success
    ? { ok: true, url: parsed.data }
    : { ok: false, errors: parsed.error.issues.map((i) => `DATABASE_URL: ${i.message}`) };
}
