import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { CustomRoute } from '@slack/bolt';
import type { SignInSettings } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { buildInsightsReport } from '../../domain/insights/build-insights-report.ts';
import { insightsAccess } from '../../domain/insights/insights-access.ts';
import type { InsightChart } from '../../domain/insights/insights-report.ts';
import type { Clock } from '../../observability/clock.ts';
import type { Logger } from '../../observability/logger.ts';
import { insightChartCsv } from './insights-csv.ts';
import { insightsPage, messagePage } from './insights-page.ts';
import { clearedCookieHeader, cookieHeader, createCookieSigner, readCookie } from './signed-cookies.ts';
import { createSlackSignIn, type SignInChecks, type SlackSignIn } from './slack-sign-in.ts';

export interface InsightsRouteDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** NUDGE_ENCRYPTION_KEY: the cookies' signing key is derived from it. */
  encryptionKey: Buffer;
  signIn: SignInSettings | undefined;
}

const sessionCookie = 'nudge_insights_session';
const signInCookie = 'nudge_insights_sign_in';
const sessionSeconds = 8 * 60 * 60;
/** As long as Slack's sign-in code lives: a sign-in not finished by then starts again. */
const signInSeconds = 10 * 60;
const teamPattern = /^[TE][A-Z0-9]{2,30}$/;

interface Session {
  workspaceId: string;
  userId: string;
  csrf: string;
}

/** The page is public-facing: nothing framed, nothing cached, only Nudge's own scripts. */
const pageHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

function isHttps(req: IncomingMessage): boolean {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim();
  return forwarded === 'https' || (req.socket as TLSSocket).encrypted === true;
}

/** Where this request reached Nudge, as the browser sees it: Slack sends the person back to the same place. */
function publicOrigin(req: IncomingMessage): string {
  return `${isHttps(req) ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...pageHeaders, ...headers });
  res.end(body);
}

function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
  res.writeHead(303, {
    location,
    'cache-control': 'no-store',
    ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}),
  });
  res.end();
}

function readForm(req: IncomingMessage, limit = 4096): Promise<URLSearchParams | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > limit ? undefined : new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
    );
    req.on('error', () => resolve(undefined));
  });
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

let echartsBundle: Buffer | undefined;
/** The browser build of the same ECharts the server draws with, from node_modules: the page needs no CDN. */
function echartsScript(): Buffer {
  echartsBundle ??= readFileSync(join(dirname(createRequire(import.meta.url).resolve('echarts')), 'echarts.min.js'));
  return echartsBundle;
}
let pageScript: Buffer | undefined;
function insightsScript(): Buffer {
  pageScript ??= readFileSync(new URL('./assets/insights.js', import.meta.url));
  return pageScript;
}

/**
 * The admins' insights page (docs/insights.md): `/insights` and `/insights/csv/<chart id>.csv` for a signed-in admin of
 * the workspace, Sign in with Slack at `/insights/login` → Slack → `/insights/callback`, sign-out by POST with the
 * session's CSRF token. Sessions are signed cookies checked on every request, with the admin check asked again each
 * time. Every refusal shows nothing of any workspace.
 */
export function insightsRoutes(deps: InsightsRouteDeps): CustomRoute[] {
  const cookies = createCookieSigner(deps.encryptionKey);
  const signIn: SlackSignIn | undefined = deps.signIn ? createSlackSignIn(deps.signIn) : undefined;
  const notConfigured = messagePage(
    'Sign in with Slack is not set up',
    'Set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (the app’s credentials, under Basic Information) and add this address’s /insights/callback to the app’s redirect URLs.',
  );

  type Resolved =
    | { kind: 'ok'; session: Session; workspaceId: string; workspaceName: string }
    | { kind: 'signed-out' }
    | { kind: 'refused'; status: 401 | 403; title: string; message: string; secure: boolean };

  /** The session this request carries, if it is genuine, unexpired and its person is still an admin there. */
  const resolveSession = async (req: IncomingMessage): Promise<Resolved> => {
    const secure = isHttps(req);
    const raw = readCookie(req, sessionCookie);
    if (raw === undefined || raw === '') return { kind: 'signed-out' };
    const verified = cookies.verify(sessionCookie, raw, deps.clock.now());
    const value = verified.ok ? verified.value : undefined;
    if (
      !value ||
      typeof value.workspaceId !== 'string' ||
      typeof value.userId !== 'string' ||
      typeof value.csrf !== 'string'
    ) {
      return {
        kind: 'refused',
        status: 401,
        title: 'Please sign in again',
        message: 'Your session has expired or is not valid.',
        secure,
      };
    }
    const session: Session = { workspaceId: value.workspaceId, userId: value.userId, csrf: value.csrf };
    const access = await insightsAccess(deps.db, { teamId: session.workspaceId, userId: session.userId });
    if (access.kind !== 'admin' || access.workspaceId !== session.workspaceId) {
      return {
        kind: 'refused',
        status: 403,
        title: 'Only Nudge admins can see insights',
        message: 'Insights are for the workspace’s Nudge admins: Slack admins and owners, and the people they name.',
        secure,
      };
    }
    return { kind: 'ok', session, workspaceId: access.workspaceId, workspaceName: access.workspaceName };
  };

  const refuse = (res: ServerResponse, refusal: Extract<Resolved, { kind: 'refused' }>) =>
    send(
      res,
      refusal.status,
      messagePage(refusal.title, refusal.message, { href: '/insights/login', text: 'Sign in with Slack' }),
      {
        'set-cookie': clearedCookieHeader(sessionCookie, { secure: refusal.secure }),
      },
    );

  const fail = (res: ServerResponse, error: unknown) => {
    deps.logger.error({ err: error }, 'insights request failed');
    send(
      res,
      500,
      messagePage('Something went wrong', 'Nudge could not show insights just now. Try again in a minute.'),
    );
  };

  const page = async (req: IncomingMessage, res: ServerResponse) => {
    const resolved = await resolveSession(req);
    if (resolved.kind === 'signed-out') return redirect(res, '/insights/login');
    if (resolved.kind === 'refused') return refuse(res, resolved);
    const report = await buildInsightsReport(deps.db, resolved.workspaceId, deps.clock.now());
    send(res, 200, insightsPage({ workspaceName: resolved.workspaceName, report, csrfToken: resolved.session.csrf }));
  };

  const csv = async (req: IncomingMessage & { params?: Record<string, string> }, res: ServerResponse) => {
    const resolved = await resolveSession(req);
    if (resolved.kind === 'signed-out') {
      return send(
        res,
        401,
        messagePage('Please sign in', 'Sign in with Slack to download insights.', {
          href: '/insights/login',
          text: 'Sign in with Slack',
        }),
      );
    }
    if (resolved.kind === 'refused') return refuse(res, resolved);
    const file = req.params?.file ?? '';
    const chartId = file.endsWith('.csv') ? file.slice(0, -'.csv'.length) : undefined;
    const report = await buildInsightsReport(deps.db, resolved.workspaceId, deps.clock.now());
    const chart: InsightChart | undefined = report.sections
      .flatMap((section) => section.charts)
      .find((candidate) => candidate.id === chartId);
    if (!chart)
      return send(res, 404, messagePage('No such chart', 'This workspace’s insights have no chart by that name.'));
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${chart.id}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(insightChartCsv(chart));
  };

  const login = async (req: IncomingMessage, res: ServerResponse) => {
    if (!signIn) return send(res, 503, notConfigured);
    const team = new URL(req.url ?? '/', 'http://nudge.invalid').searchParams.get('team') ?? undefined;
    const started = await signIn
      .start({
        redirectUri: `${publicOrigin(req)}/insights/callback`,
        team: team && teamPattern.test(team) ? team : undefined,
      })
      .catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'Sign in with Slack unavailable');
        return undefined;
      });
    if (!started) return send(res, 503, messagePage('Slack’s sign-in is unreachable', 'Try again in a minute.'));
    const expires = new Date(deps.clock.now().getTime() + signInSeconds * 1000);
    const cookie = cookies.sign(signInCookie, started.checks, expires);
    res.writeHead(302, {
      location: started.url.href,
      'cache-control': 'no-store',
      'set-cookie': cookieHeader(signInCookie, cookie, { secure: isHttps(req), maxAgeSeconds: signInSeconds }),
    });
    res.end();
  };

  const callback = async (req: IncomingMessage, res: ServerResponse) => {
    if (!signIn) return send(res, 503, notConfigured);
    const secure = isHttps(req);
    const clearSignIn = clearedCookieHeader(signInCookie, { secure });
    const again = { href: '/insights/login', text: 'Sign in with Slack' };
    const url = new URL(req.url ?? '/', publicOrigin(req));
    if (url.searchParams.has('error')) {
      return send(res, 403, messagePage('Sign-in cancelled', 'Slack did not sign you in.', again), {
        'set-cookie': clearSignIn,
      });
    }
    const raw = readCookie(req, signInCookie);
    const verified = raw ? cookies.verify(signInCookie, raw, deps.clock.now()) : { ok: false as const };
    const checks = verified.ok ? verified.value : undefined;
    if (
      !checks ||
      typeof checks.state !== 'string' ||
      typeof checks.nonce !== 'string' ||
      typeof checks.verifier !== 'string'
    ) {
      return send(
        res,
        400,
        messagePage('Please start again', 'This sign-in took too long or began in another browser.', again),
        {
          'set-cookie': clearSignIn,
        },
      );
    }
    let identity: Awaited<ReturnType<SlackSignIn['finish']>>;
    try {
      identity = await signIn.finish(url, checks as unknown as SignInChecks);
    } catch (error) {
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Sign in with Slack refused');
      return send(res, 401, messagePage('Slack could not confirm who you are', 'The sign-in did not verify.', again), {
        'set-cookie': clearSignIn,
      });
    }
    const access = await insightsAccess(deps.db, identity);
    if (access.kind !== 'admin') {
      deps.logger.info(
        { teamId: identity.teamId, userId: identity.userId, access: access.kind },
        'insights sign-in refused',
      );
      return send(
        res,
        403,
        messagePage(
          'Only Nudge admins can see insights',
          'Insights are for the workspace’s Nudge admins: Slack admins and owners, and the people they name.',
        ),
        { 'set-cookie': clearSignIn },
      );
    }
    const expires = new Date(deps.clock.now().getTime() + sessionSeconds * 1000);
    const session = cookies.sign(
      sessionCookie,
      { workspaceId: access.workspaceId, userId: identity.userId, csrf: randomBytes(24).toString('base64url') },
      expires,
    );
    deps.logger.info({ workspaceId: access.workspaceId, userId: identity.userId }, 'insights sign-in');
    redirect(res, '/insights', [
      cookieHeader(sessionCookie, session, { secure, maxAgeSeconds: sessionSeconds }),
      clearSignIn,
    ]);
  };

  const logout = async (req: IncomingMessage, res: ServerResponse) => {
    const form = await readForm(req);
    const resolved = await resolveSession(req);
    if (resolved.kind === 'signed-out')
      return send(res, 401, messagePage('You are not signed in', 'There is no session to end.'));
    if (resolved.kind === 'refused') return refuse(res, resolved);
    const token = form?.get('csrf') ?? '';
    if (!sameText(token, resolved.session.csrf)) {
      return send(
        res,
        403,
        messagePage('Sign-out refused', 'The sign-out form was not this page’s. Use the Sign out button.'),
      );
    }
    send(
      res,
      200,
      messagePage('You are signed out', 'Your insights session has ended.', {
        href: '/insights/login',
        text: 'Sign in again',
      }),
      {
        'set-cookie': clearedCookieHeader(sessionCookie, { secure: isHttps(req) }),
      },
    );
  };

  const safely =
    (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
    (req: IncomingMessage, res: ServerResponse) =>
      void handler(req, res).catch((error: unknown) => fail(res, error));

  const script = (body: () => Buffer) => (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
    res.end(body());
  };

  return [
    { path: '/insights', method: ['GET'], handler: safely(page) },
    { path: '/insights/csv/:file', method: ['GET'], handler: safely(csv) },
    { path: '/insights/login', method: ['GET'], handler: safely(login) },
    { path: '/insights/callback', method: ['GET'], handler: safely(callback) },
    { path: '/insights/logout', method: ['POST'], handler: safely(logout) },
    { path: '/insights/assets/echarts.min.js', method: ['GET'], handler: script(echartsScript) },
    { path: '/insights/assets/insights.js', method: ['GET'], handler: script(insightsScript) },
  ];
}
