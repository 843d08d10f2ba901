/**
 * Part of npm run bench:insights — server time of the admins' insights page, `GET /insights`, p50/p95/max over many
 * requests from a signed-in admin: the session check, the admin check, `buildInsightsReport` reading the precomputed
 * rows, and the page drawn with every chart as SVG. Measured inside the server, from the request's arrival to the
 * response's last byte. Target: p95 ≤ 200 ms.
 * Also times drawing a full report (a 100,000-person workspace's: bench/insights/full-report.ts) on its own, cold (the
 * first view after a recomputation: every SVG drawn) and warm (the same report again).
 * Uses BENCH_DATABASE_URL when given, otherwise starts the embedded PostgreSQL the tests use.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { createDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { buildInsightsReport } from '../../src/domain/insights/build-insights-report.ts';
import { recomputeInsights } from '../../src/domain/insights/compute-insights.ts';
import type { InsightsReport } from '../../src/domain/insights/insights-report.ts';
import { insightsPage } from '../../src/http/insights/insights-page.ts';
import { insightsRoutes } from '../../src/http/insights/insights-routes.ts';
import { createCookieSigner } from '../../src/http/insights/signed-cookies.ts';
import { systemClock } from '../../src/observability/clock.ts';
import { startTestPostgres } from '../../test/support/postgres-server.ts';
import { machineSummary, percentile } from '../support/machine.ts';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const warmup = 20;
const workspaceId = 'TBENCH';
const adminId = 'U000001';
const iterationsNote = 'after 20 to warm up';

const log = (line: string) => process.stdout.write(`${line}\n`);

function teamsIn(report: InsightsReport): number {
  return report.sections.flatMap((s) => s.charts).find((c) => c.kind === 'heatmap')?.table.rows.length ?? 0;
}

function row(name: string, samples: number[], note: string): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `| ${name} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 95).toFixed(2)} | ${sorted.at(-1)!.toFixed(2)} | ${note} |`;
}

export async function runPageBench(): Promise<void> {
  const given = process.env.BENCH_DATABASE_URL;
  const server = given ? undefined : await startTestPostgres();
  const serverUrl = given ?? server!.url;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `nudge_bench_${Date.now()}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString());
  const encryptionKey = randomBytes(32);
  try {
    await migrateToLatest(db);
    log(`machine: ${machineSummary()}`);
    // A 100,000-person workspace (250 teams, 20 departments) with a year of activity, fewer rows than the compute
    // benchmark's by default: the page reads only the aggregates, whose size follows people and teams, not rows.
    process.env.BENCH_INSIGHTS_MEETINGS ??= '250000';
    process.env.BENCH_INSIGHTS_KUDOS ??= '500000';
    const { seedYear } = await import('./compute.ts');
    let started = performance.now();
    await seedYear(db);
    await sql`update members set is_admin = true where workspace_id = ${workspaceId} and user_id = ${adminId}`.execute(
      db,
    );
    log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    await recomputeInsights(db, { workspaceId, now: new Date('2027-06-15T12:00:00Z') });
    log(`insights computed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const report = await buildInsightsReport(db, workspaceId, new Date());
    const charts = report.sections.reduce((sum, section) => sum + section.charts.length, 0);

    const routes = insightsRoutes({
      db,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      encryptionKey,
      signIn: undefined,
    });
    const page = routes.find((route) => route.path === '/insights')!;
    const serverTimes: number[] = [];
    const http = createServer((req: IncomingMessage, res: ServerResponse) => {
      const started = performance.now();
      res.on('finish', () => serverTimes.push(performance.now() - started));
      page.handler(req, res);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const session = createCookieSigner(encryptionKey).sign(
      'nudge_insights_session',
      { workspaceId, userId: adminId, csrf: 'bench' },
      new Date(Date.now() + 3_600_000),
    );
    const address = `http://127.0.0.1:${(http.address() as AddressInfo).port}/insights`;
    for (let i = 0; i < iterations + warmup; i += 1) {
      const response = await fetch(address, { headers: { cookie: `nudge_insights_session=${session}` } });
      if (response.status !== 200) throw new Error(`/insights answered ${response.status}`);
      await response.arrayBuffer();
    }
    http.close();
    log(`first request (every SVG drawn): ${serverTimes[0]?.toFixed(1)} ms`);

    const { fullReport } = await import('./full-report.ts');
    const full = fullReport(new Date());
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      // A report that differs in every chart, as after a recomputation: no SVG is known yet.
      const fresh = fullReport(new Date(Date.now() + i));
      for (const section of fresh.sections) for (const chart of section.charts) chart.title = `${chart.title} (${i})`;
      let t0 = performance.now();
      insightsPage({ workspaceName: 'Bench', report: fresh, csrfToken: 'bench' });
      cold.push(performance.now() - t0);
      t0 = performance.now();
      insightsPage({ workspaceName: 'Bench', report: full, csrfToken: 'bench' });
      warm.push(performance.now() - t0);
    }
    const fullCharts = full.sections.reduce((sum, section) => sum + section.charts.length, 0);

    log('');
    log('| what | p50 ms | p95 ms | max ms | notes |');
    log('| --- | --- | --- | --- | --- |');
    log(
      row(
        'GET /insights (server time)',
        serverTimes.slice(warmup),
        `${iterations} requests ${iterationsNote}; ${report.hasData ? `${charts} charts, ${teamsIn(report)} teams` : 'empty report'}`,
      ),
    );
    log(row('drawing a full report, cold', cold, `${fullCharts} charts, every SVG drawn`));
    log(row('drawing a full report, warm', warm.slice(1), `${fullCharts} charts, SVGs known`));
    const p95 = percentile(
      [...serverTimes.slice(warmup)].sort((a, b) => a - b),
      95,
    );
    log('');
    log(`GET /insights p95: ${p95.toFixed(2)} ms (target ≤ 200 ms) — ${p95 <= 200 ? 'met' : 'NOT met'}`);
  } finally {
    await db.destroy();
    await server?.stop();
  }
}
