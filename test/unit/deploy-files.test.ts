import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { configVariableNames, parseConfig } from '../../src/config.ts';

/**
 * No container engine runs here, so the deployment files are checked for what can be checked without one: the
 * compose file's structure and variables, the Dockerfile's stages, user and health check, and that both hand
 * their work to the scripts CI runs (.ci/run builds and starts the image's runtime with them).
 */
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const nudgeServices = ['migrate', 'web', 'worker'] as const;

/** What a `.env` beside the compose file would give: the required secrets, and nothing else. */
const composeEnv: Record<string, string> = {
  POSTGRES_PASSWORD: 'a-long-random-password',
  NUDGE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  SLACK_SIGNING_SECRET: 'signing-secret',
  SLACK_BOT_TOKEN: 'xoxb-1-2-3',
};

/** Compose's variable substitution: ${NAME}, ${NAME:-default}, ${NAME:?error}. */
function substitute(value: string): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const given = composeEnv[name];
    if (given) return given;
    if (kind === '?') throw new Error(`${name} is required: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

function environmentOf(name: string): Record<string, string> {
  const environment = services[name]?.environment ?? {};
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, substitute(String(value))]));
}

/** The roles scripts/image-start.sh accepts, from its own usage line. */
function startScriptRoles(): string[] {
  const run = spawnSync('sh', [new URL('scripts/image-start.sh', root).pathname, 'no-such-role'], { encoding: 'utf8' });
  expect(run.status).toBe(2);
  const usage = /usage: image-start\.sh ([\w|]+)/.exec(run.stderr);
  if (!usage?.[1]) throw new Error(`no usage line in: ${run.stderr}`);
  return usage[1].split('|');
}

describe('docker-compose.yml', () => {
  test('Postgres and Redis report their health, and everything of Nudge waits for it', () => {
    expect(services.postgres?.healthcheck?.test?.join(' ')).toContain('pg_isready');
    expect(services.redis?.healthcheck?.test?.join(' ')).toContain('redis-cli ping');
    expect(services.migrate?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['web', 'worker']) {
      expect(services[name]?.depends_on, name).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
  });

  test('migrations run once, in a one-shot service; web and worker are separate services of the same image', () => {
    expect(services.migrate?.command).toEqual(['migrate']);
    expect(services.migrate?.restart).toBe('no');
    expect(services.web?.command).toEqual(['web']);
    expect(services.worker?.command).toEqual(['worker']);
    const roles = startScriptRoles();
    for (const name of nudgeServices) {
      expect(roles, name).toContain(services[name]?.command?.[0]);
      expect(services[name]?.build, name).toBe('.');
      expect(services[name]?.image, name).toBe(services.web?.image);
    }
    for (const name of ['web', 'worker']) expect(environmentOf(name).NUDGE_MIGRATE, name).toBe('false');
  });

  test('the web service keeps the image health check on /livez; roles without HTTP turn it off', () => {
    expect(services.web?.healthcheck).toBeUndefined();
    expect(services.worker?.healthcheck).toEqual({ disable: true });
    expect(services.migrate?.healthcheck).toEqual({ disable: true });
  });

  test('every variable given to Nudge is one it reads, and together they make a valid production config', () => {
    for (const name of nudgeServices) {
      const unknown = Object.keys(environmentOf(name)).filter((key) => !configVariableNames.includes(key));
      expect(unknown, name).toEqual([]);
    }
    for (const name of ['web', 'worker']) {
      const parsed = parseConfig(environmentOf(name));
      if (!parsed.ok) throw new Error(`${name}: ${parsed.errors.join('; ')}`);
      expect(parsed.config.slack.kind, name).toBe('slack');
      expect(new URL(parsed.config.databaseUrl ?? '').host, name).toBe('postgres:5432');
      expect(new URL(parsed.config.redisUrl ?? '').host, name).toBe('redis:6379');
      expect(parsed.config.migrateOnStart, name).toBe(false);
    }
    expect(environmentOf('migrate').DATABASE_URL).toBe(environmentOf('web').DATABASE_URL);
  });

  test('the required secrets are refused when missing, not left empty', () => {
    const required = Object.keys(composeEnv).filter((name) => name !== 'SLACK_BOT_TOKEN');
    const text = read('docker-compose.yml');
    for (const name of required) expect(text, name).toMatch(new RegExp(`\\$\\{${name}:\\?`));
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => line.trim());
  const finalStage = instructions.slice(instructions.findLastIndex((line) => line.startsWith('FROM ')));

  test('is multi-stage on Node 24, and its build stage runs the build script CI runs', () => {
    const stages = instructions.filter((line) => line.startsWith('FROM '));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:24[-.\w]*( AS \w+)?$/);
    expect(instructions).toContain('RUN scripts/image-build.sh /app');
    expect(finalStage).toContain('COPY --from=build /app /app');
  });

  test('installs the DejaVu fonts the chart pictures are drawn with, in the stage that runs', () => {
    const install = finalStage.find((line) => line.startsWith('RUN apt-get update'));
    expect(install).toContain('fonts-dejavu-core');
    expect(finalStage.indexOf(install ?? '')).toBeLessThan(finalStage.findIndex((line) => line.startsWith('USER ')));
  });

  test('runs as an unprivileged user, starts through the start script, and checks health on /livez', () => {
    const user = finalStage.find((line) => line.startsWith('USER '));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(finalStage).toContain('ENTRYPOINT ["scripts/image-start.sh"]');
    const healthcheck = finalStage.find((line) => line.startsWith('HEALTHCHECK '));
    expect(healthcheck).toContain('scripts/image-healthcheck.mjs');
    expect(read('scripts/image-healthcheck.mjs')).toContain('/livez');
  });

  test('sets only variables Nudge reads, and its scripts are there and executable', () => {
    const envNames = finalStage.filter((line) => line.startsWith('ENV ')).map((line) => line.split(/[\s=]/)[1]);
    for (const name of envNames) expect(configVariableNames, name).toContain(name);
    for (const script of ['scripts/image-build.sh', 'scripts/image-start.sh']) {
      expect(() => accessSync(new URL(script, root), constants.X_OK), script).not.toThrow();
    }
    // The build script copies the runtime, the health check included.
    expect(read('scripts/image-build.sh')).toContain('scripts/image-healthcheck.mjs');
  });
});
