import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { type EnvConfig, parseConfig } from '../../src/config.ts';

const key = Buffer.alloc(32, 7).toString('base64');
const production = {
  SLACK_SIGNING_SECRET: 'signing-secret',
  DATABASE_URL: 'postgres://u:p@localhost:5432/nudge',
  REDIS_URL: 'redis://localhost:6379',
  NUDGE_ENCRYPTION_KEY: key,
};

function slackOf(config: EnvConfig) {
  if (config.slack.kind !== 'slack') throw new Error('expected Slack mode');
  return config.slack;
}

describe('parseConfig', () => {
  test('nothing configured means sandbox mode with embedded defaults', () => {
    const result = parseConfig({});
    expect(result).toMatchObject({
      ok: true,
      config: {
        slack: { kind: 'sandbox' },
        databaseUrl: undefined,
        redisUrl: undefined,
        encryptionKey: undefined,
        port: 3000,
        dataDir: '.nudge',
      },
    });
  });

  test('single-workspace mode with defaults', () => {
    const result = parseConfig({ ...production, SLACK_BOT_TOKEN: 'xoxb-1-2-abc' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const slack = slackOf(result.config);
    expect(slack.mode).toEqual({ kind: 'single-workspace', botToken: 'xoxb-1-2-abc' });
    expect(slack.apiUrl).toBe('https://slack.com/api/');
    expect(result.config.port).toBe(3000);
    expect(result.config.migrateOnStart).toBe(true);
    expect(result.config.logLevel).toBe('info');
    expect(result.config.encryptionKey?.length).toBe(32);
    expect(Object.isFrozen(result.config)).toBe(true);
  });

  test('OAuth mode, custom API URL gets its trailing slash, Socket Mode token kept', () => {
    const result = parseConfig({
      ...production,
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret',
      SLACK_APP_TOKEN: 'xapp-1-abc',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      PORT: '8080',
      NUDGE_MIGRATE: 'false',
      LOG_LEVEL: 'debug',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const slack = slackOf(result.config);
    expect(slack.mode.kind).toBe('oauth');
    expect(slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(slack.appToken).toBe('xapp-1-abc');
    expect(result.config.port).toBe(8080);
    expect(result.config.migrateOnStart).toBe(false);
  });

  test('Sign in with Slack uses the app’s client credentials against Slack’s issuer, with one workspace or OAuth', () => {
    const oauth = parseConfig({
      ...production,
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret',
    });
    expect(oauth.ok && slackOf(oauth.config).signIn).toEqual({
      issuer: 'https://slack.com',
      clientId: '123.456',
      clientSecret: 'client-secret',
    });
    const bot = { ...production, SLACK_BOT_TOKEN: 'xoxb-1-2-abc' };
    const single = parseConfig({ ...bot, SLACK_CLIENT_ID: '123.456', SLACK_CLIENT_SECRET: 'client-secret' });
    expect(single.ok).toBe(true);
    if (!single.ok) return;
    expect(slackOf(single.config).mode.kind).toBe('single-workspace');
    expect(slackOf(single.config).signIn).toEqual({
      issuer: 'https://slack.com',
      clientId: '123.456',
      clientSecret: 'client-secret',
    });
    const without = parseConfig(bot);
    expect(without.ok && slackOf(without.config).signIn).toBeUndefined();
    expect(parseConfig({ ...bot, SLACK_CLIENT_ID: '123.456' })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^SLACK_CLIENT_SECRET: is required with SLACK_CLIENT_ID/)],
    });
  });

  test('lists every bad or missing variable at once', () => {
    const result = parseConfig({
      PORT: 'eighty',
      NUDGE_ENCRYPTION_KEY: 'short',
      LOG_LEVEL: 'loud',
      SLACK_CLIENT_ID: 'x',
      DATABASE_URL: 'mysql://nope',
      REDIS_URL: 'http://not-redis',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const names = result.errors.map((e) => e.split(':')[0]);
    for (const name of [
      'SLACK_SIGNING_SECRET',
      'DATABASE_URL',
      'REDIS_URL',
      'PORT',
      'NUDGE_ENCRYPTION_KEY',
      'LOG_LEVEL',
      'SLACK_CLIENT_SECRET',
      'SLACK_STATE_SECRET',
    ]) {
      expect(names).toContain(name);
    }
  });

  test('production needs an encryption key with its database, and explicit NUDGE_SANDBOX=false needs credentials', () => {
    const noKey = parseConfig({
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      DATABASE_URL: production.DATABASE_URL,
    });
    expect(noKey).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^NUDGE_ENCRYPTION_KEY: is required with DATABASE_URL/)],
    });
    const noCredentials = parseConfig({ NUDGE_SANDBOX: 'false' });
    expect(noCredentials).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^SLACK_BOT_TOKEN: is required/), expect.stringMatching(/^SLACK_SIGNING_SECRET/)],
    });
    const both = parseConfig({ NUDGE_SANDBOX: 'true', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(both).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^NUDGE_SANDBOX: the sandbox replaces Slack/)],
    });
  });

  test('refuses both credential styles at once, and tokens of the wrong kind', () => {
    const both = parseConfig({
      ...production,
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_CLIENT_ID: 'a',
      SLACK_CLIENT_SECRET: 'b',
      SLACK_STATE_SECRET: 'c',
    });
    expect(both.ok).toBe(false);
    const wrongKind = parseConfig({
      ...production,
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_APP_TOKEN: 'xoxb-not-app',
    });
    expect(wrongKind.ok).toBe(false);
    if (wrongKind.ok) return;
    expect(wrongKind.errors.join('\n')).toMatch(/SLACK_BOT_TOKEN: must start with xoxb-/);
    expect(wrongKind.errors.join('\n')).toMatch(/SLACK_APP_TOKEN: must start with xapp-/);
    // The error text names the problem, never the secret value itself.
    expect(wrongKind.errors.join('\n')).not.toContain('xoxp-user-token');
  });

  test('METRICS_PORT: unset (or empty) keeps /metrics on PORT; a number moves it; bad or equal to PORT is refused', () => {
    const withToken = { ...production, SLACK_BOT_TOKEN: 'xoxb-1' };
    expect(parseConfig(withToken)).toMatchObject({ ok: true, config: { metricsPort: undefined } });
    expect(parseConfig({ ...withToken, METRICS_PORT: '' })).toMatchObject({
      ok: true,
      config: { metricsPort: undefined },
    });
    expect(parseConfig({ ...withToken, METRICS_PORT: '9464' })).toMatchObject({
      ok: true,
      config: { metricsPort: 9464 },
    });
    expect(parseConfig({ ...withToken, METRICS_PORT: 'metrics' })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^METRICS_PORT: must be a number/)],
    });
    expect(parseConfig({ ...withToken, METRICS_PORT: '70000' })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^METRICS_PORT: /)],
    });
    expect(parseConfig({ ...withToken, PORT: '8080', METRICS_PORT: '8080' })).toMatchObject({
      ok: false,
      errors: ['METRICS_PORT: must differ from PORT (unset it to serve /metrics on PORT)'],
    });
  });

  test('accepts a 64-character hex encryption key', () => {
    const result = parseConfig({ ...production, SLACK_BOT_TOKEN: 'xoxb-1', NUDGE_ENCRYPTION_KEY: 'ab'.repeat(32) });
    expect(result.ok).toBe(true);
  });
});

describe('parseConfig: TLS and Sentinel settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nudge-config-'));
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const caFile = join(dir, 'ca.crt');
  const notPem = join(dir, 'notes.txt');
  writeFileSync(caFile, pem);
  writeFileSync(notPem, 'not a certificate');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = { ...production, SLACK_BOT_TOKEN: 'xoxb-1' };
  const errorsOf = (env: Record<string, string>) => {
    const result = parseConfig({ ...base, ...env });
    return result.ok ? [] : result.errors;
  };

  test('verify-full with a CA file and rediss:// with a CA file: both PEMs are kept', () => {
    const result = parseConfig({
      ...base,
      DATABASE_URL: 'postgres://u:p@db.internal:5432/nudge?sslmode=verify-full',
      DATABASE_CA_FILE: caFile,
      REDIS_URL: 'rediss://:secret@cache.internal:6380',
      REDIS_CA_FILE: caFile,
    });
    expect(result).toMatchObject({ ok: true, config: { databaseCa: pem, redisCa: pem, redisSentinel: undefined } });
  });

  test('sslmode must be one Nudge honours; TLS parameters node-postgres would act on alone are refused', () => {
    expect(errorsOf({ DATABASE_URL: 'postgres://u:p@db/nudge?sslmode=prefer' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: sslmode must be disable, require, verify-ca, verify-full .*"prefer"/),
    ]);
    expect(errorsOf({ DATABASE_URL: 'postgres://u:p@db/nudge?sslmode=verify-full&sslrootcert=/ca.crt' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: the CA is not read from the URL; set DATABASE_CA_FILE/),
    ]);
    expect(errorsOf({ DATABASE_URL: 'postgres://u:p@db/nudge?sslmode=require' })).toEqual([]);
  });

  test('a CA file that cannot be read, holds no certificate, or has no TLS to serve is named', () => {
    expect(
      errorsOf({ DATABASE_URL: 'postgres://u:p@db/nudge?sslmode=verify-full', DATABASE_CA_FILE: join(dir, 'none') }),
    ).toEqual([expect.stringMatching(/^DATABASE_CA_FILE: cannot read .*none \(ENOENT\)/)]);
    expect(errorsOf({ DATABASE_URL: 'postgres://u:p@db/nudge?sslmode=verify-full', DATABASE_CA_FILE: notPem })).toEqual(
      [expect.stringMatching(/^DATABASE_CA_FILE: .*notes\.txt holds no PEM certificate/)],
    );
    expect(errorsOf({ DATABASE_CA_FILE: caFile })).toEqual([
      expect.stringMatching(/^DATABASE_CA_FILE: is only used over TLS; add sslmode=verify-full/),
    ]);
    expect(errorsOf({ REDIS_CA_FILE: caFile })).toEqual([
      expect.stringMatching(/^REDIS_CA_FILE: is only used over TLS; REDIS_URL must start with rediss:\/\//),
    ]);
  });

  test('sentinels and the primary’s name: REDIS_URL then names the primary and carries its password', () => {
    const result = parseConfig({
      ...base,
      REDIS_URL: 'redis://:primary-secret@mymaster/2',
      REDIS_SENTINELS: 'sentinel-1:26379, 10.0.0.2:26380,[::1]:26381',
      REDIS_SENTINEL_NAME: 'mymaster',
      REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        redisUrl: 'redis://:primary-secret@mymaster/2',
        redisSentinel: {
          name: 'mymaster',
          password: 'sentinel-secret',
          sentinels: [
            { host: 'sentinel-1', port: 26379 },
            { host: '10.0.0.2', port: 26380 },
            { host: '::1', port: 26381 },
          ],
        },
      },
    });
    const noUrl = parseConfig({ ...base, REDIS_URL: '', REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'mymaster' });
    expect(noUrl).toMatchObject({ ok: true, config: { redisUrl: 'redis://mymaster' } });
  });

  test('Sentinel settings that do not fit together are each named, with no password in the text', () => {
    const errors = errorsOf({
      REDIS_URL: 'redis://:primary-secret@10.0.0.9:6379',
      REDIS_SENTINELS: 'sentinel-1:26379,sentinel-2',
      REDIS_SENTINEL_NAME: 'mymaster',
      REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
    });
    expect(errors).toEqual([
      expect.stringMatching(/^REDIS_SENTINELS: must be host:port pairs separated by commas/),
      expect.stringMatching(/^REDIS_URL: with REDIS_SENTINELS its host is the primary’s name, with no port/),
    ]);
    expect(errors.join('\n')).not.toMatch(/primary-secret|sentinel-secret/);
    expect(errorsOf({ REDIS_SENTINELS: 's:26379' })).toEqual([
      expect.stringMatching(/^REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS/),
    ]);
    expect(errorsOf({ REDIS_SENTINEL_PASSWORD: 'x' })).toEqual([
      expect.stringMatching(/^REDIS_SENTINELS: is required/),
      expect.stringMatching(/^REDIS_SENTINEL_NAME: is required/),
    ]);
    expect(
      errorsOf({ REDIS_URL: 'rediss://mymaster', REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'mymaster' }),
    ).toEqual([expect.stringMatching(/^REDIS_URL: rediss:\/\/ is not supported with REDIS_SENTINELS/)]);
  });
});
