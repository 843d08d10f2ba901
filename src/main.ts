import { loadConfig } from './config.ts';
import { type Role, startNudge } from './service.ts';

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

const loaded = loadConfig();
if (!loaded.ok) {
  process.stderr.write(`Nudge cannot start; fix these settings:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}

try {
  const service = await startNudge(loaded.config, { roles });
  const { logger } = service.deps;
  logger.info({ roles, port: service.port, mode: loaded.config.slack.mode.kind }, 'Nudge started');
  let signalled = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (signalled) return;
      signalled = true;
      logger.info({ signal }, 'shutting down');
      // Hard stop if an orderly close ever hangs past Slack-friendly limits.
      setTimeout(() => process.exit(1), 10_000).unref();
      void service.stop({ deadlineMs: 9_000 }).then(() => process.exit(0));
    });
  }
} catch (error) {
  process.stderr.write(`Nudge failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
