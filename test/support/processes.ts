import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { eventually } from './wait.ts';

/** A `node src/main.ts` child process, with everything it printed. */
export interface RunningMain {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** SIGKILL: no shutdown at all, as when a machine or container dies. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `node src/main.ts <args>` (or another script) with only the environment given: nothing of the
 * developer's shell leaks in.
 */
export function runMain(args: string[], env: Record<string, string>, script = 'src/main.ts'): RunningMain {
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    exited,
    async kill() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The environment of a production-mode Nudge (Slack credentials, Postgres, Redis) pointed at a sandbox. */
export function nudgeEnv(input: {
  signingSecret: string;
  botToken: string;
  apiUrl: string;
  databaseUrl: string;
  redisUrl: string;
  port?: number;
  encryptionKey?: string;
  logLevel?: string;
}): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: input.signingSecret,
    SLACK_BOT_TOKEN: input.botToken,
    SLACK_API_URL: input.apiUrl,
    DATABASE_URL: input.databaseUrl,
    REDIS_URL: input.redisUrl,
    PORT: String(input.port ?? 0),
    NUDGE_ENCRYPTION_KEY: input.encryptionKey ?? randomBytes(32).toString('base64'),
    LOG_LEVEL: input.logLevel ?? 'info',
  };
}

/** Waits until a web process answers /readyz with 200. */
export async function waitUntilReady(port: number, run: RunningMain, timeoutMs = 60_000): Promise<void> {
  await eventually(
    async () => {
      if (run.child.exitCode !== null) throw new Error(`nudge exited early:\n${run.output()}`);
      const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      return response?.status === 200 ? true : undefined;
    },
    `nudge on port ${port} to be ready`,
    timeoutMs,
  );
}

/** Waits until a process has logged `pattern` (a worker has no port to poll). */
export async function waitForOutput(run: RunningMain, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  await eventually(
    async () => {
      if (pattern.test(run.output())) return true;
      if (run.child.exitCode !== null) throw new Error(`nudge exited early:\n${run.output()}`);
      return undefined;
    },
    `output matching ${pattern}`,
    timeoutMs,
  );
}
