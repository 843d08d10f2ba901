import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.ts';
import { commandAnswer, type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { signingSecret } from '../support/harness.ts';
import { untilEveryGiftAnnounced } from '../support/kudos-ledger.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { reservePort } from '../support/ports.ts';
import { type PostgresProcess, startPostgresProcess } from '../support/postgres-server.ts';
import { nudgeEnv, type RunningMain, runMain, waitUntilReady } from '../support/processes.ts';
import { startRedisProcess } from '../support/redis-server.ts';
import { messagesByKey } from '../support/sent-messages.ts';
import { makeTestCertificates, type TestCertificates } from '../support/tls-certificates.ts';

/**
 * Managed PostgreSQL and Redis over TLS, as `node src/main.ts` meets them: servers that accept only TLS, with a
 * certificate for `localhost` signed by a throwaway CA. Nudge verifies the chain against the CA file settings and
 * the host name; it refuses a server its CA did not sign or whose name differs, at start, naming the setting.
 */
const teamId = 'T0TLS';
let certs: TestCertificates;
let postgres: PostgresProcess;
let redis: Awaited<ReturnType<typeof startRedisProcess>>;
let sandbox: Sandbox;
let botToken: string;
let db: Db;
const running: RunningMain[] = [];

const databaseUrl = (sslmode: string, host = 'localhost') =>
  `postgres://postgres:postgres@${host}:${postgres.port}/postgres?sslmode=${sslmode}`;

beforeAll(async () => {
  certs = makeTestCertificates();
  [postgres, redis] = await Promise.all([
    startPostgresProcess({ tls: certs }),
    startRedisProcess(undefined, { tls: certs }),
  ]);
  sandbox = await startSandbox({ rateLimits: 'off' });
  botToken = sandbox.createWorkspace(kudosWorkspace(teamId)).botToken;
  db = createDatabase(databaseUrl('verify-full'), { max: 2, ca: await readCa() });
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(running.map((run) => run.stop()));
  await db?.destroy();
  await Promise.allSettled([postgres?.stop(), redis?.stop(), sandbox?.close()]);
  certs?.remove();
});

async function readCa(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return await readFile(certs.caFile, 'utf8');
}

/** The environment of a Nudge that trusts the test CA for both servers, with `changes` applied. */
function tlsEnv(port: number, changes: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    ...nudgeEnv({
      signingSecret,
      botToken,
      apiUrl: sandbox.apiUrl,
      databaseUrl: databaseUrl('verify-full'),
      redisUrl: redis.url,
      port,
    }),
    DATABASE_CA_FILE: certs.caFile,
    REDIS_CA_FILE: certs.caFile,
    ...changes,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function startNudgeProcess(changes: Record<string, string | undefined> = {}) {
  const port = await reservePort();
  const run = runMain(['all'], tlsEnv(port, changes));
  running.push(run);
  await waitUntilReady(port, run);
  return { run, port };
}

/** Starts a Nudge that must refuse to start; returns what it printed. */
async function refusedStart(changes: Record<string, string | undefined>): Promise<string> {
  const run = runMain(['all'], tlsEnv(0, changes));
  running.push(run);
  expect(await run.exited).toBe(1);
  const output = run.output();
  // The message names settings, never the credentials in the URLs.
  expect(output).not.toContain('postgres:postgres@');
  expect(output).not.toContain(botToken);
  return output;
}

/** A /kudos through the web process at `port`, answered through its response_url (the job was queued). */
async function kudosThrough(port: number, giver: string, recipient: string): Promise<string> {
  const driver = sandbox.driver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret });
  const response = await driver.command({
    teamId,
    userId: giver,
    channelId: 'C0KUDOS',
    command: '/kudos',
    text: `<@${recipient}> for keeping every connection encrypted`,
  });
  expect(response.status).toBe(200);
  expect(response.json).toBeUndefined();
  return (await commandAnswer(sandbox, response, 30_000)).text ?? '';
}

async function announcedGiftOf(giver: string) {
  await untilEveryGiftAnnounced(db, teamId, 30_000);
  const gift = await db
    .selectFrom('kudos_gifts')
    .selectAll()
    .where('workspace_id', '=', teamId)
    .where('giver_id', '=', giver)
    .executeTakeFirstOrThrow();
  expect(messagesByKey(sandbox).get(`kudos.post.${gift.id}`)).toHaveLength(1);
  return gift;
}

describe('PostgreSQL and Redis over TLS, verified', () => {
  test('verify-full with DATABASE_CA_FILE and rediss:// with REDIS_CA_FILE: a /kudos is answered, recorded, announced', async () => {
    const { run, port } = await startNudgeProcess();
    await waitForMember(db, teamId, 'U0P23', 30_000);
    expect(await kudosThrough(port, 'U0P01', 'U0P02')).toContain('Kudos sent');
    await announcedGiftOf('U0P01');
    await run.stop();
  }, 90_000);

  test('with no Redis, the jobs on the PostgreSQL queue backend go over the same verified TLS', async () => {
    const { run, port } = await startNudgeProcess({ REDIS_URL: undefined, REDIS_CA_FILE: undefined });
    expect(await kudosThrough(port, 'U0P03', 'U0P04')).toContain('Kudos sent');
    await announcedGiftOf('U0P03');
    await run.stop();
  }, 90_000);

  test('sslmode=require encrypts without a CA file; verify-full without one trusts only the system CAs', async () => {
    const { run, port } = await startNudgeProcess({
      DATABASE_URL: databaseUrl('require'),
      DATABASE_CA_FILE: undefined,
    });
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    await run.stop();
    const output = await refusedStart({ DATABASE_CA_FILE: undefined });
    expect(output).toContain("PostgreSQL's TLS was refused; check DATABASE_URL's sslmode and DATABASE_CA_FILE");
  }, 90_000);
});

describe('a server Nudge cannot trust is refused at start, naming the setting', () => {
  test('a PostgreSQL certificate from another CA', async () => {
    const output = await refusedStart({ DATABASE_CA_FILE: certs.otherCaFile });
    expect(output).toMatch(
      /Nudge failed to start: PostgreSQL's TLS was refused; check .*DATABASE_CA_FILE: .*certificate/,
    );
  }, 30_000);

  test('a PostgreSQL reached by a name its certificate does not carry', async () => {
    const output = await refusedStart({ DATABASE_URL: databaseUrl('verify-full', '127.0.0.1') });
    expect(output).toMatch(/PostgreSQL's TLS was refused; check DATABASE_URL's sslmode .*127\.0\.0\.1/);
  }, 30_000);

  test('a Redis certificate from another CA', async () => {
    const output = await refusedStart({ REDIS_CA_FILE: certs.otherCaFile });
    expect(output).toMatch(
      /Nudge failed to start: Redis's TLS was refused; check REDIS_URL \(rediss:\/\/\) and REDIS_CA_FILE: .*certificate/,
    );
  }, 30_000);

  test('a Redis reached by a name its certificate does not carry', async () => {
    const output = await refusedStart({ REDIS_URL: redis.url.replace('localhost', '127.0.0.1') });
    expect(output).toMatch(/Redis's TLS was refused; check REDIS_URL .*127\.0\.0\.1/);
  }, 30_000);
});
