import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SignInSettings } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { insightsAccess } from '../../domain/insights/insights-access.ts';
import type { Clock } from '../../observability/clock.ts';
import type { Logger } from '../../observability/logger.ts';
import { isHttps, publicOrigin, readForm, redirect, sameSecret, sendPage } from './http-answers.ts';
import { messagePage } from './insights-page.ts';
import { type InsightsSessions, notAdminPage, signInLink } from './insights-session.ts';
import { type CookieSigner, clearedCookieHeader, cookieHeader, readCookie } from './signed-cookies.ts';
import { createSlackSignIn, type SignInChecks, type SlackIdentity } from './slack-sign-in.ts';

const signInCookie = 'nudge_insights_sign_in';
/** As long as Slack's sign-in code lives: a sign-in not finished by then starts again. */
const signInSeconds = 10 * 60;
const teamPattern = /^[TE][A-Z0-9]{2,30}$/;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface SignInRouteDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  cookies: CookieSigner;
  sessions: InsightsSessions;
  signIn: SignInSettings | undefined;
}

function readChecks(value: Record<string, unknown> | undefined): SignInChecks | undefined {
  if (!value) return undefined;
  const { state, nonce, verifier } = value;
  return typeof state === 'string' && typeof nonce === 'string' && typeof verifier === 'string'
    ? { state, nonce, verifier }
    : undefined;
}

/**
 * Sign in with Slack for the insights page: `GET /insights/login` → Slack → `GET /insights/callback`, which opens a
 * session for an admin of the workspace and for no one else; `POST /insights/logout` with the session's CSRF token.
 */
export function signInHandlers(deps: SignInRouteDeps): { login: Handler; callback: Handler; logout: Handler } {
  const slack = deps.signIn ? createSlackSignIn(deps.signIn) : undefined;
  const notConfigured = messagePage(
    'Sign in with Slack is not set up',
    'Set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (the app’s credentials, under Basic Information) and add this address’s /insights/callback to the app’s redirect URLs.',
  );

  const login: Handler = async (req, res) => {
    if (!slack) return sendPage(res, 503, notConfigured);
    const team = new URL(req.url ?? '/', 'http://nudge.invalid').searchParams.get('team') ?? undefined;
    const started = await slack
      .start({
        redirectUri: `${publicOrigin(req)}/insights/callback`,
        team: team && teamPattern.test(team) ? team : undefined,
      })
      .catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'Sign in with Slack unavailable');
        return undefined;
      });
    if (!started) return sendPage(res, 503, messagePage('Slack’s sign-in is unreachable', 'Try again in a minute.'));
    const expires = new Date(deps.clock.now().getTime() + signInSeconds * 1000);
    const checks = deps.cookies.sign(signInCookie, started.checks, expires);
    redirect(res, 302, started.url.href, [
      cookieHeader(signInCookie, checks, { secure: isHttps(req), maxAgeSeconds: signInSeconds }),
    ]);
  };

  const callback: Handler = async (req, res) => {
    if (!slack) return sendPage(res, 503, notConfigured);
    // However the sign-in ends, its state, nonce and verifier are spent.
    const spent = { 'set-cookie': clearedCookieHeader(signInCookie, { secure: isHttps(req) }) };
    const url = new URL(req.url ?? '/', publicOrigin(req));
    if (url.searchParams.has('error')) {
      return sendPage(res, 403, messagePage('Sign-in cancelled', 'Slack did not sign you in.', signInLink), spent);
    }
    const raw = readCookie(req, signInCookie);
    const verified = raw ? deps.cookies.verify(signInCookie, raw, deps.clock.now()) : undefined;
    const checks = readChecks(verified?.ok ? verified.value : undefined);
    if (!checks) {
      const page = messagePage(
        'Please start again',
        'This sign-in took too long or began in another browser.',
        signInLink,
      );
      return sendPage(res, 400, page, spent);
    }
    let identity: SlackIdentity;
    try {
      identity = await slack.finish(url, checks);
    } catch (error) {
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Sign in with Slack refused');
      const page = messagePage('Slack could not confirm who you are', 'The sign-in did not verify.', signInLink);
      return sendPage(res, 401, page, spent);
    }
    const access = await insightsAccess(deps.db, identity);
    if (access.kind !== 'admin') {
      deps.logger.info(
        { teamId: identity.teamId, userId: identity.userId, access: access.kind },
        'insights sign-in refused',
      );
      return sendPage(res, 403, messagePage(notAdminPage.title, notAdminPage.message), spent);
    }
    deps.logger.info({ workspaceId: access.workspaceId, userId: identity.userId }, 'insights sign-in');
    redirect(res, 303, '/insights', [
      deps.sessions.open(req, { workspaceId: access.workspaceId, userId: identity.userId }),
      spent['set-cookie'],
    ]);
  };

  const logout: Handler = async (req, res) => {
    const form = await readForm(req);
    const checked = await deps.sessions.check(req);
    if (checked.kind === 'signed-out') {
      return sendPage(res, 401, messagePage('You are not signed in', 'There is no session to end.'));
    }
    if (checked.kind === 'refused') return deps.sessions.refuse(req, res, checked);
    if (!sameSecret(form?.get('csrf') ?? '', checked.session.csrf)) {
      const page = messagePage('Sign-out refused', 'The sign-out form was not this page’s. Use the Sign out button.');
      return sendPage(res, 403, page);
    }
    const page = messagePage('You are signed out', 'Your insights session has ended.', {
      href: '/insights/login',
      text: 'Sign in again',
    });
    sendPage(res, 200, page, { 'set-cookie': deps.sessions.close(req) });
  };

  return { login, callback, logout };
}
