/**
 * Part of npm run bench:insights — server time of the admins' insights page, `GET /insights`, from a signed-in admin:
 * the session check, the admin check, `buildInsightsReport` reading the precomputed rows, and the page with every chart
 * as SVG. Measured inside the server, from the request's arrival to the response's last byte. Target: p95 ≤ 200 ms.
 * On a 100,000-person workspace (250 teams, 20 departments) with its aggregates computed and its charts drawn by the
 * worker's step after the computation (`storeReportDrawings`, timed): the first view in a fresh web process (nothing
 * in memory: the stored drawings are read), repeated; then many views from one process; then first views with no
 * stored drawing (the page draws every chart), for comparison.
 * Also times drawing a full report (bench/insights/full-report.ts) on its own: every chart drawn, as the worker does
 * after a recomputation, and the page from drawings known.
 * Uses BENCH_DATABASE_URL when given, otherwise starts the embedded PostgreSQL the tests use; with
 * BENCH_INSIGHTS_TEMPLATE, copies that database (seeded by seedYear) instead of seeding; U000001 is made an admin
 * either way. The database it creates is dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { createDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { buildInsightsReport } from '../../src/domain/insights/build-insights-report.ts';
import { recomputeInsights } from '../../src/domain/insights/compute-insights.ts';
import { storeReportDrawings } from '../../src/domain/insights/insights-drawings.ts';
import type { InsightsReport } from '../../src/domain/insights/insights-report.ts';
import { insightsPage } from '../../src/http/insights/insights-page.ts';
import { insightsRoutes } from '../../src/http/insights/insights-routes.ts';
import { type DrawnChart, drawReportCharts, reportChartOptions } from '../../src/http/insights/report-drawings.ts';
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

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

export async function runPageBench(): Promise<void> {
  const given = process.env.BENCH_DATABASE_URL;
  const server = given ? undefined : await startTestPostgres();
  const serverUrl = given ?? server!.url;
  const template = process.env.BENCH_INSIGHTS_TEMPLATE;
  const name = `nudge_bench_page_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString());
  const encryptionKey = randomBytes(32);
  let http: ReturnType<typeof createServer> | undefined;
  try {
    await migrateToLatest(db);
    log(`machine: ${machineSummary()}; load average ${load()}`);
    let started = performance.now();
    if (template) {
      log(`copied from ${template}`);
    } else {
      // The page reads only the aggregates, whose size follows people and teams, not rows: fewer meetings and kudos
      // than the compute benchmark's by default.
      process.env.BENCH_INSIGHTS_MEETINGS ??= '250000';
      process.env.BENCH_INSIGHTS_KUDOS ??= '500000';
      const { seedYear } = await import('./compute.ts');
      await seedYear(db);
      log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    // seedYear makes nobody an admin; the page is an admin's, whether the database was seeded here or copied.
    await sql`update members set is_admin = true where workspace_id = ${workspaceId} and user_id = ${adminId}`.execute(
      db,
    );
    const sizes = await sql<{ people: number; teams: number; departments: number; groups: number; kudos: number }>`
      select (select count(*)::int from members where workspace_id = ${workspaceId}) as people,
        (select count(distinct team)::int from members where workspace_id = ${workspaceId}) as teams,
        (select count(distinct department)::int from members where workspace_id = ${workspaceId}) as departments,
        (select count(*)::int from round_groups where workspace_id = ${workspaceId}) as groups,
        (select count(*)::int from kudos where workspace_id = ${workspaceId}) as kudos`.execute(db);
    log(`workspace: ${JSON.stringify(sizes.rows[0])}`);

    started = performance.now();
    const now = new Date('2027-06-15T12:00:00Z');
    await recomputeInsights(db, { workspaceId, now });
    log(`insights computed in ${((performance.now() - started) / 1000).toFixed(1)} s (load average ${load()})`);
    const drawingTimes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      // The worker's step after a computation; the first run draws every chart, later ones find them stored.
      if (i > 0) await sql`delete from insights_drawings where workspace_id = ${workspaceId}`.execute(db);
      started = performance.now();
      const stored = await storeReportDrawings(db, { workspaceId, now, draw: drawReportCharts });
      drawingTimes.push(performance.now() - started);
      if (i === 0) log(`worker drew and stored ${stored.drawn} charts in ${drawingTimes[0]?.toFixed(1)} ms`);
    }
    const report = await buildInsightsReport(db, workspaceId, new Date());
    const charts = report.sections.flatMap((section) => section.charts);
    log(
      `report: ${charts.length} charts (${reportChartOptions(report).size} drawn); table rows: ${charts.map((c) => `${c.id} ${c.table.rows.length}×${c.table.columns.length}`).join(', ')}`,
    );

    const routes = () =>
      insightsRoutes({ db, clock: systemClock, logger: pino({ level: 'silent' }), encryptionKey, signIn: undefined });
    const pageOf = (r: ReturnType<typeof routes>) => r.find((route) => route.path === '/insights')!;
    let page = pageOf(routes());
    let serverTimes: number[] = [];
    http = createServer((req: IncomingMessage, res: ServerResponse) => {
      const started = performance.now();
      res.on('finish', () => serverTimes.push(performance.now() - started));
      page.handler(req, res);
    });
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    const session = createCookieSigner(encryptionKey).sign(
      'nudge_insights_session',
      { workspaceId, userId: adminId, csrf: 'bench' },
      new Date(Date.now() + 3_600_000),
    );
    const address = `http://127.0.0.1:${(http.address() as AddressInfo).port}/insights`;
    let bytes = 0;
    const request = async () => {
      const response = await fetch(address, { headers: { cookie: `nudge_insights_session=${session}` } });
      if (response.status !== 200) throw new Error(`/insights answered ${response.status}`);
      bytes = (await response.arrayBuffer()).byteLength;
    };

    // A fresh web process's first view after the computation, again and again: nothing in its memory.
    const firstViews = Number(process.env.BENCH_FIRST_VIEWS ?? 50);
    for (let i = 0; i < firstViews; i += 1) {
      page = pageOf(routes());
      await request();
    }
    const first = serverTimes;
    log(`first views done (load average ${load()})`);
    serverTimes = [];
    page = pageOf(routes());
    for (let i = 0; i < iterations + warmup; i += 1) await request();
    const steady = serverTimes.slice(warmup);
    log(`views from one process done (load average ${load()})`);

    // As before the worker drew: nothing stored, so a process's first view draws every chart.
    await sql`delete from insights_drawings where workspace_id = ${workspaceId}`.execute(db);
    serverTimes = [];
    for (let i = 0; i < 10; i += 1) {
      page = pageOf(routes());
      await request();
    }
    const unstored = serverTimes;
    log(`first views with nothing stored done (load average ${load()})`);

    const { fullReport } = await import('./full-report.ts');
    const full = fullReport(new Date());
    const cold: number[] = [];
    const warm: number[] = [];
    const known = new Map<string, DrawnChart>();
    const svgs = new Map(drawReportCharts(full, new Set()).drawn.map((d) => [d.key, d.svg]));
    for (const [id, { option, key }] of reportChartOptions(full)) known.set(id, { option, svg: svgs.get(key)! });
    for (let i = 0; i < 20; i += 1) {
      // A report that differs in every chart, as after a recomputation: every chart is drawn.
      const fresh = fullReport(new Date(Date.now() + i));
      for (const section of fresh.sections) for (const chart of section.charts) chart.title = `${chart.title} (${i})`;
      let t0 = performance.now();
      drawReportCharts(fresh, new Set());
      cold.push(performance.now() - t0);
      t0 = performance.now();
      insightsPage({ workspaceName: 'Bench', report: full, csrfToken: 'bench', drawings: known });
      warm.push(performance.now() - t0);
    }
    const fullCharts = full.sections.reduce((sum, section) => sum + section.charts.length, 0);

    log('');
    log(`load average at the end: ${load()}`);
    log('| what | p50 ms | p95 ms | max ms | notes |');
    log('| --- | --- | --- | --- | --- |');
    log(row('worker: draw and store the charts', drawingTimes, `${drawingTimes.length} runs, every chart drawn`));
    log(
      row(
        'GET /insights, first view of a fresh process',
        first,
        `${first.length} views, each from new routes (nothing in memory), drawings read from the database; ${Math.round(bytes / 1024)} KiB`,
      ),
    );
    log(
      row(
        'GET /insights, one process',
        steady,
        `${iterations} requests ${iterationsNote}; ${report.hasData ? `${charts.length} charts, ${teamsIn(report)} teams` : 'empty report'}`,
      ),
    );
    log(
      row(
        'GET /insights, first view, nothing stored',
        unstored,
        `${unstored.length} views: the page draws every chart`,
      ),
    );
    log(row('drawing a full report (worker)', cold, `${fullCharts} charts, every SVG drawn`));
    log(row('the page of a full report, drawings known', warm.slice(1), `${fullCharts} charts`));
    const all = [...first, ...steady].sort((a, b) => a - b);
    const p95 = percentile(all, 95);
    log('');
    log(
      `GET /insights p95 over first views and views: ${p95.toFixed(2)} ms (target ≤ 200 ms) — ${p95 <= 200 ? 'met' : 'NOT met'}`,
    );
  } finally {
    http?.close();
    await db.destroy();
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
    await server?.stop();
  }
}
