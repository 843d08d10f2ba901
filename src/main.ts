import { setPriority } from 'node:os';
import { loadConfig, loadTracingEnvironment } from './config.ts';
import { resolveConfig } from './embedded/resolve-config.ts';
import { startTracing } from './observability/tracing.ts';
import { type NudgeService, type Role, startNudge } from './service.ts';

const roleArgument = process.argv[2] ?? 'all';
const roles: Role[] | undefined =
  roleArgument === 'all'
    ? ['web', 'worker']
    : roleArgument === 'web' || roleArgument === 'worker'
      ? [roleArgument]
      : undefined;

if (!roles) {
  process.stderr.write(`usage: node src/main.ts [all|web|worker] (got "${roleArgument}")\n`);
  process.exit(2);
}

// A worker's jobs can wait a moment; Slack's requests cannot (3 s). On a host shared with web processes (or
// Postgres), background work yields the CPU first. Raising niceness needs no privilege.
const workerNiceness = 10;
if (roleArgument === 'worker') {
  try {
    setPriority(workerNiceness);
  } catch {
    // Not supported here (or already lower): run at the normal priority.
  }
}

const loaded = loadConfig();
if (!loaded.ok) {
  process.stderr.write(`Nudge cannot start; fix these settings:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}

// A failure while starting (a child process that cannot be spawned emits an 'error' nobody awaits) is one sentence,
// never a stack trace.
const failStart = (error: unknown) => {
  process.stderr.write(`Nudge failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};
process.on('uncaughtException', failStart);

try {
  // Before anything that makes spans: requests, jobs, Slack calls and queries all look for the tracer.
  const tracing = await startTracing(loadTracingEnvironment(), roleArgument);
  const resolved = await resolveConfig(loaded.config);
  let appUrl = '';
  let started: NudgeService | undefined;
  const service = await startNudge(resolved.config, {
    roles,
    clock: resolved.clock,
    extraRoutes: resolved.routes(
      () => appUrl,
      () => started?.deps,
    ),
  });
  started = service;
  process.off('uncaughtException', failStart);
  // The demo's data is a nicety: Nudge runs (and stops on a signal) without waiting for it.
  void resolved
    .seed(service.deps)
    .catch((error: unknown) => service.deps.logger.warn({ err: error }, 'sandbox demo data not seeded'));
  appUrl = `http://${resolved.config.host && resolved.config.host !== '0.0.0.0' ? resolved.config.host : '127.0.0.1'}:${service.port}`;
  const { logger } = service.deps;
  for (const note of resolved.notes) logger.info(note);
  logger.info(
    {
      roles,
      port: service.port,
      metricsPort: service.metricsPort,
      mode: resolved.sandboxMode ? 'sandbox' : resolved.config.slack.mode.kind,
      traces: tracing ? 'otlp' : 'off',
    },
    'Nudge started',
  );
  if (resolved.sandboxMode && service.port) {
    process.stdout.write(
      `\n  Nudge is running in sandbox mode. Open ${appUrl.replace('127.0.0.1', 'localhost')}/sandbox to try it.\n\n`,
    );
  }
  let signalled = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (signalled) return;
      signalled = true;
      logger.info({ signal }, 'shutting down');
      // Ctrl-C reaches the whole process group, so an embedded PostgreSQL may stop before the queue clients
      // close; their "connection terminated" errors are expected now and must not turn a clean stop into a crash.
      process.on('uncaughtException', (error) => {
        const code = (error as { code?: string }).code;
        if (code === '57P01' || code === 'ECONNRESET' || code === 'ECONNREFUSED') return;
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      });
      // Hard stop if an orderly close ever hangs past Slack-friendly limits.
      setTimeout(() => process.exit(1), 10_000).unref();
      void service
        .stop({ deadlineMs: 8_000 })
        .then(() => resolved.stop())
        .then(() => tracing?.shutdown().catch(() => {}))
        .then(() => process.exit(0));
    });
  }
} catch (error) {
  failStart(error);
}
