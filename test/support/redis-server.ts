import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reservePort } from './ports.ts';

export interface TestService {
  url: string;
  stop(): Promise<void>;
}

async function waitForReady(child: ChildProcess, marker: RegExp, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (marker.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

export interface RedisProcessOptions {
  /** Serve only TLS on the port, with this certificate (its URL is then rediss://localhost:port). */
  tls?: { certFile: string; keyFile: string };
  /** More redis-server arguments (`--replicaof`, say). */
  args?: string[];
}

/** A private redis-server process for one run; nothing depends on a Redis that happens to be running. */
export async function startRedisProcess(
  port?: number,
  options: RedisProcessOptions = {},
): Promise<TestService & { port: number; kill(): void }> {
  const chosenPort = port ?? (await reservePort());
  const dir = mkdtempSync(join(tmpdir(), 'nudge-redis-'));
  const { tls } = options;
  const listen = tls
    ? ['--port', '0', '--tls-port', String(chosenPort), '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile]
    : ['--port', String(chosenPort)];
  const child = spawn(
    'redis-server',
    [
      ...listen,
      // Clients need no certificate of their own.
      ...(tls ? ['--tls-auth-clients', 'no'] : []),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      ...(options.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForReady(child, /Ready to accept connections/, 15_000);
  return {
    url: tls ? `rediss://localhost:${chosenPort}` : `redis://127.0.0.1:${chosenPort}`,
    port: chosenPort,
    kill: () => child.kill('SIGKILL'),
    stop: async () => {
      // A killed process has a signal code and no exit code; it has exited all the same.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startTestRedis(): Promise<TestService> {
  const given = process.env.TEST_REDIS_URL;
  if (given) return { url: given, stop: async () => {} };
  return await startRedisProcess();
}
