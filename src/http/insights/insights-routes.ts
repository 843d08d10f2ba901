import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { SignInSettings } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { buildInsightsReport, insightsComputedAt } from '../../domain/insights/build-insights-report.ts';
import type { Clock } from '../../observability/clock.ts';
import type { Logger } from '../../observability/logger.ts';
import { createDrawingMemory } from './chart-svg-cache.ts';
import { redirect, sendPage } from './http-answers.ts';
import { serveEcharts, serveInsightsScript } from './insights-assets.ts';
import { insightChartCsv } from './insights-csv.ts';
import { insightsPage, insightsSectionsHtml, messagePage } from './insights-page.ts';
import { insightsSessions, signInLink } from './insights-session.ts';
import { pageDrawings } from './report-drawings.ts';
import { createReportMemory, type RememberedReport } from './report-memory.ts';
import { signInHandlers } from './sign-in-routes.ts';
import { createCookieSigner } from './signed-cookies.ts';

export interface InsightsRouteDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** NUDGE_ENCRYPTION_KEY: the cookies' signing key is derived from it. */
  encryptionKey: Buffer;
  signIn: SignInSettings | undefined;
}

type Handler = (req: IncomingMessage & { params?: Record<string, string> }, res: ServerResponse) => Promise<void>;

/**
 * The admins' insights page (docs/insights.md): `/insights` and `/insights/csv/<chart id>.csv` for a signed-in admin of
 * the workspace, and Sign in with Slack. Every refusal shows nothing of any workspace.
 */
export function insightsRoutes(deps: InsightsRouteDeps): CustomRoute[] {
  const cookies = createCookieSigner(deps.encryptionKey);
  const sessions = insightsSessions({ db: deps.db, clock: deps.clock, cookies });
  const { login, callback, logout } = signInHandlers({ ...deps, cookies, sessions });
  const drawingMemory = createDrawingMemory();
  const reports = createReportMemory();

  /** The workspace's report, remembered until the next computation, with the page's sections drawn from it. */
  const currentReport = async (workspaceId: string): Promise<RememberedReport> => {
    const computedAt = (await insightsComputedAt(deps.db, workspaceId))?.getTime() ?? null;
    const known = reports.get(workspaceId);
    if (known && known.computedAt === computedAt) return known;
    // Built after reading the time: a computation that lands meanwhile is newer than the time, so the next view
    // builds again rather than keeping an older report.
    const report = await buildInsightsReport(deps.db, workspaceId, deps.clock.now());
    const drawings = await pageDrawings(deps.db, workspaceId, report, drawingMemory);
    const built = { computedAt, report, sections: insightsSectionsHtml(report, drawings) };
    reports.set(workspaceId, built);
    return built;
  };

  const page: Handler = async (req, res) => {
    const checked = await sessions.check(req);
    if (checked.kind === 'signed-out') return redirect(res, 303, '/insights/login');
    if (checked.kind === 'refused') return sessions.refuse(req, res, checked);
    const { report, sections } = await currentReport(checked.session.workspaceId);
    sendPage(
      res,
      200,
      insightsPage({ workspaceName: checked.workspaceName, report, csrfToken: checked.session.csrf, sections }),
    );
  };

  const csv: Handler = async (req, res) => {
    const checked = await sessions.check(req);
    if (checked.kind === 'signed-out') {
      return sendPage(res, 401, messagePage('Please sign in', 'Sign in with Slack to download insights.', signInLink));
    }
    if (checked.kind === 'refused') return sessions.refuse(req, res, checked);
    const file = req.params?.file ?? '';
    const chartId = file.endsWith('.csv') ? file.slice(0, -'.csv'.length) : undefined;
    const { report } = await currentReport(checked.session.workspaceId);
    const chart = report.sections.flatMap((section) => section.charts).find((candidate) => candidate.id === chartId);
    if (!chart) {
      return sendPage(res, 404, messagePage('No such chart', 'This workspace’s insights have no chart by that name.'));
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${chart.id}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(insightChartCsv(chart));
  };

  const safely = (handler: Handler) => (req: IncomingMessage, res: ServerResponse) =>
    void handler(req, res).catch((error: unknown) => {
      deps.logger.error({ err: error }, 'insights request failed');
      if (res.headersSent) return void res.end();
      sendPage(
        res,
        500,
        messagePage('Something went wrong', 'Nudge could not show insights just now. Try again in a minute.'),
      );
    });

  return [
    { path: '/insights', method: ['GET'], handler: safely(page) },
    { path: '/insights/csv/:file', method: ['GET'], handler: safely(csv) },
    { path: '/insights/login', method: ['GET'], handler: safely(login) },
    { path: '/insights/callback', method: ['GET'], handler: safely(callback) },
    { path: '/insights/logout', method: ['POST'], handler: safely(logout) },
    { path: '/insights/assets/echarts.min.js', method: ['GET'], handler: serveEcharts },
    { path: '/insights/assets/insights.js', method: ['GET'], handler: serveInsightsScript },
  ];
}
