export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  /** Each check's name with `ok`, or why it failed. */
  checks: Record<string, string>;
}

export interface ReadinessMonitor {
  /** The last probe's verdict: no check runs on a read, however many probes a load balancer sends. */
  current(): ReadinessReport;
  /** Runs the first probe (so the first answer is already true), then probes in the background. */
  start(): Promise<void>;
  stop(): void;
}

export interface ReadinessTiming {
  /** Pause between the end of one probe and the start of the next. */
  intervalMs: number;
  /** A check that has not answered by then counts as failing. */
  timeoutMs: number;
}

/** A lost dependency shows within interval + timeout (4 s), well inside the 10 s an orchestrator is promised. */
export const defaultReadinessTiming: ReadinessTiming = { intervalMs: 2_000, timeoutMs: 2_000 };

interface TrackedCheck extends ReadinessCheck {
  /** A check still waiting for an answer is awaited again, never started twice, so a hung server cannot pile up connections. */
  pending: Promise<void> | undefined;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Readiness from a background probe: Postgres and Redis are asked every few seconds by one loop per process,
 * and /readyz answers from the last verdict.
 */
export function createReadinessMonitor(
  checks: ReadinessCheck[],
  options: { timing?: ReadinessTiming; onChange?: (report: ReadinessReport) => void } = {},
): ReadinessMonitor {
  const timing = options.timing ?? defaultReadinessTiming;
  const tracked: TrackedCheck[] = checks.map((c) => ({ ...c, pending: undefined }));
  let report: ReadinessReport = {
    ready: false,
    checks: Object.fromEntries(checks.map((c) => [c.name, 'not checked yet'])),
  };
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const runCheck = async (entry: TrackedCheck): Promise<string> => {
    entry.pending ??= entry.check().finally(() => {
      entry.pending = undefined;
    });
    try {
      await withTimeout(entry.pending, timing.timeoutMs);
      return 'ok';
    } catch (error) {
      return error instanceof Error && error.message ? error.message : String(error);
    }
  };

  const probe = async () => {
    const results = await Promise.all(tracked.map(async (entry) => [entry.name, await runCheck(entry)] as const));
    const next: ReadinessReport = {
      ready: results.every(([, outcome]) => outcome === 'ok'),
      checks: Object.fromEntries(results),
    };
    const changed = next.ready !== report.ready || JSON.stringify(next.checks) !== JSON.stringify(report.checks);
    report = next;
    if (changed) options.onChange?.(next);
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void probe().finally(schedule), timing.intervalMs);
    timer.unref();
  };

  return {
    current: () => report,
    async start() {
      await probe();
      schedule();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
