import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedCall } from './types.ts';

/**
 * Polls until `probe` yields a value; on timeout the error names what was awaited and the last calls the
 * sandbox saw, which is usually what explains the wait.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false,
  recentCalls: () => ReadonlyArray<RecordedCall>,
  options: { timeoutMs?: number; intervalMs?: number; description?: string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  const calls = recentCalls()
    .slice(-10)
    .map((call) => {
      const response = call.response as { ok?: unknown; error?: unknown } | undefined;
      const outcome = response?.ok === true ? 'ok' : String(response?.error ?? call.injected ?? '');
      return `  ${call.method} ${call.teamId ?? '-'} -> ${call.status} ${outcome}`;
    });
  const what = options.description ?? probe.toString().replace(/\s+/g, ' ').slice(0, 200);
  const lines = [
    `sandbox.waitFor timed out after ${timeoutMs} ms waiting for: ${what}`,
    ...(lastError ? [`last probe error: ${lastError instanceof Error ? lastError.message : String(lastError)}`] : []),
    calls.length > 0 ? 'last Web API calls:' : 'no Web API calls recorded',
    ...calls,
  ];
  throw new Error(lines.join('\n'));
}
