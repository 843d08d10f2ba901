/**
 * Part of npm run bench:insights — the time to draw one recap picture as PNG: the ECharts option for a person's
 * months, rendered to SVG on the server and rasterised by resvg with the system's fonts, exactly as the recap and the
 * Home picture jobs do it (`networkChartPng`). Prints p50/p95/max. Target: p95 ≤ 150 ms.
 */
import { loadavg } from 'node:os';
import { networkChartPng } from '../../src/slack/insights/network-chart.ts';
import { machineSummary, percentile } from '../support/machine.ts';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);
const warmUp = 20;
const log = (line: string) => process.stdout.write(`${line}\n`);

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Different figures each time, as every person's are: nothing is cached between two pictures. */
function months(count: number, seed: number) {
  return monthNames.slice(0, count).map((label, i) => ({ label, people: (seed * 7 + i * 3) % 9 }));
}

function measure(name: string, count: number): void {
  for (let i = 0; i < warmUp; i += 1)
    networkChartPng(`People you met each month, Q${(i % 4) + 1} 2026`, months(count, i));
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < iterations; i += 1) {
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const png = networkChartPng(`People you met each month, Q${(i % 4) + 1} 2026`, months(count, i));
    const used = process.cpuUsage(cpuBefore);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    cpu.push((used.user + used.system) / 1000);
    bytes += png.length;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const p = (sorted: number[], q: number) => percentile(sorted, q).toFixed(1);
  // On a shared machine the wall clock includes waiting for a core; the CPU time is what one picture costs.
  log(
    `| ${name} | ${iterations} | ${p(times, 50)} | ${p(times, 95)} | ${times[times.length - 1]?.toFixed(1)} | ${p(cpu, 50)} | ${p(cpu, 95)} | ${Math.round(bytes / iterations / 1024)} |`,
  );
}

export function runRecapPngBench(): void {
  log(`Recap picture benchmark, ${machineSummary()}`);
  log(
    `Load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  log('| picture | runs | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms | PNG KiB |');
  log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  measure('recap: a quarter (3 bars)', 3);
  measure('Home: a year (12 bars)', 12);
}
