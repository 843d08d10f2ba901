/**
 * The interaction benchmark's report: the phases' tables (HTTP answers with CPU per request, confirmations
 * through the response_url, p99 ratios) and the verdicts against Nudge's targets (see run.ts).
 */

import { percentile } from '../support/machine.ts';
import type { LoadResult } from './load.ts';

export interface Phase {
  target: 'bare Bolt' | 'Nudge';
  load: string;
  rate?: number;
  result: LoadResult;
  drainMs?: number;
  backlogLeft?: number;
  /** The machine's 1-minute load average as the phase ended: other work running shows here. */
  loadAverage: number;
  /** CPU seconds the process answering the requests used during the load (Nudge's web process, or bare Bolt). */
  serverCpu: number;
  /** CPU seconds Nudge's worker process used during the load (split roles only). */
  workerCpu?: number;
  /** With the worker stopped: the jobs found waiting in Redis against the requests acknowledged. */
  queued?: { acknowledged: number; found: number };
}

/** Nudge's two ceilings: everything sharing this machine, and the web process with no worker beside it. */
export const sharedCeiling = 'ceiling, web + worker on this machine';
export const webTierCeiling = 'ceiling, web tier (worker stopped)';

export const perSecond = (result: LoadResult) => (result.completed / result.elapsedMs) * 1000;
export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

export function printReport(
  phases: Phase[],
  context: { rates: number[]; ceilingRounds: number; nudgeCeilingLabel: string; log: (line?: string) => void },
): void {
  const { rates, ceilingRounds, nudgeCeilingLabel, log } = context;
  log('\nHTTP responses (what Slack waits for, 3 s at most):');
  log(
    '\n| target | load | requests | errors | p50 ms | p99 ms | max ms | achieved req/s | kudos confirmed | server CPU µs/request | worker CPU µs/request | load avg |',
  );
  log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { target, load, result, loadAverage, serverCpu, workerCpu } of phases) {
    const perRequest = (seconds: number | undefined) =>
      seconds === undefined || !Number.isFinite(seconds) ? '–' : ((seconds * 1e6) / result.completed).toFixed(0);
    const achieved = (result.completed / result.elapsedMs) * 1000;
    // Not awaited with the worker stopped: those gives are checked as queued jobs instead.
    const awaited = result.answers !== undefined || result.confirmed > 0;
    const confirmedShare =
      result.commands && awaited ? `${((100 * result.confirmed) / result.commands).toFixed(0)} %` : '–';
    log(
      `| ${target} | ${load} | ${result.sent} | ${result.errors} | ${ms(percentile(result.latencies, 50))} | ${ms(percentile(result.latencies, 99))} | ${ms(result.latencies.at(-1) ?? Number.NaN)} | ${achieved.toFixed(0)} | ${target === 'Nudge' ? confirmedShare : '–'} | ${perRequest(serverCpu)} | ${perRequest(workerCpu)} | ${loadAverage.toFixed(2)} |`,
    );
  }
  log('\nNudge /kudos confirmations through the response_url (what the giver waits for):');
  log(
    '\n| load | awaited | answered | p50 ms | p99 ms | max ms | gives answered during the load, per s | last answer after start, s |',
  );
  log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { target, load, result } of phases) {
    const a = result.answers;
    if (target !== 'Nudge' || !a) continue;
    log(
      `| ${load} | ${a.expected} | ${a.received} | ${ms(percentile(a.latencies, 50))} | ${ms(percentile(a.latencies, 99))} | ${ms(a.latencies.at(-1) ?? Number.NaN)} | ${((a.receivedDuringLoad / result.elapsedMs) * 1000).toFixed(0)} | ${(a.lastAnswerMs / 1000).toFixed(1)} |`,
    );
  }
  const find = (target: Phase['target'], load: string) => phases.find((p) => p.target === target && p.load === load);
  log('\n| load | Nudge p99 / bare Bolt p99 |');
  log('| --- | --- |');
  for (const rate of rates) {
    const n = find('Nudge', `${rate} req/s`)?.result;
    const b = find('bare Bolt', `${rate} req/s`)?.result;
    if (n && b) log(`| ${rate} req/s | ${(percentile(n.latencies, 99) / percentile(b.latencies, 99)).toFixed(1)} × |`);
  }
  const roundsOf = (target: Phase['target']) =>
    phases.filter((p) => p.target === target && /, round \d+$/.test(p.load)).map((p) => perSecond(p.result));
  const bareRounds = roundsOf('bare Bolt');
  const nudgeRounds = roundsOf('Nudge');
  const bare = median(bareRounds);
  log(
    `\n${nudgeCeilingLabel}: Nudge ${median(nudgeRounds).toFixed(0)} req/s, bare Bolt ${bare.toFixed(0)} req/s (medians of ${ceilingRounds} alternating rounds): ${(median(nudgeRounds) / bare).toFixed(2)} × (target ≥ 0.7); round by round ${nudgeRounds.map((n, i) => (n / (bareRounds[i] ?? Number.NaN)).toFixed(2)).join(', ')} ×`,
  );
  const shared = phases.find((p) => p.target === 'Nudge' && p.load.startsWith(sharedCeiling))?.result;
  if (shared) {
    log(
      `${sharedCeiling}: Nudge ${perSecond(shared).toFixed(0)} req/s against bare Bolt's ${bare.toFixed(0)} req/s: ${(perSecond(shared) / bare).toFixed(2)} ×`,
    );
  }
  const at200 = find('Nudge', '200 req/s')?.result;
  if (at200) {
    const p99 = percentile(at200.latencies, 99);
    log(
      `p99 at 200 req/s: ${ms(p99)} ms with ${at200.errors} errors (target ≤ 50 ms, 0 errors): ${p99 <= 50 && at200.errors === 0 ? 'met' : 'NOT met'}`,
    );
  }
  for (const phase of phases) {
    if (phase.queued)
      log(
        `Nudge ${phase.load}: ${phase.queued.found} jobs waiting in Redis for ${phase.queued.acknowledged} acknowledged requests${phase.queued.found === phase.queued.acknowledged ? '' : ' (MISMATCH)'}`,
      );
    if (phase.result.errors > 0)
      log(`errors, ${phase.target} ${phase.load}: ${JSON.stringify(phase.result.errorKinds)}`);
    if (phase.result.maxLateMs > 50)
      log(
        `note: the generator fell ${phase.result.maxLateMs.toFixed(0)} ms behind its schedule in ${phase.target} ${phase.load}`,
      );
    if (phase.drainMs !== undefined)
      log(
        `Nudge ${phase.load}: the worker needed ${(phase.drainMs / 1000).toFixed(1)} s after the phase to finish the queued announcements${phase.backlogLeft ? ` (${phase.backlogLeft} still queued)` : ''}`,
      );
  }
}
