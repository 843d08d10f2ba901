import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../../db/database.ts';
import { insightsAccess } from '../../domain/insights/insights-access.ts';
import type { Clock } from '../../observability/clock.ts';
import { isHttps, sendPage } from './http-answers.ts';
import { messagePage } from './insights-page.ts';
import { type CookieSigner, clearedCookieHeader, cookieHeader, readCookie } from './signed-cookies.ts';

export const sessionCookie = 'nudge_insights_session';
const sessionSeconds = 8 * 60 * 60;

export interface Session {
  workspaceId: string;
  userId: string;
  /** Sent back by the page's forms (sign-out): a cross-site form cannot know it. */
  csrf: string;
}

export type SessionCheck =
  | { kind: 'ok'; session: Session; workspaceName: string }
  | { kind: 'signed-out' }
  | { kind: 'refused'; status: 401 | 403; title: string; message: string };

export const notAdminPage = {
  title: 'Only Nudge admins can see insights',
  message: 'Insights are for the workspace’s Nudge admins: Slack admins and owners, and the people they name.',
};

export const signInLink = { href: '/insights/login', text: 'Sign in with Slack' };

export interface InsightsSessions {
  /** The session this request carries, if it is genuine, unexpired, and its person is still an admin there. */
  check(req: IncomingMessage): Promise<SessionCheck>;
  /** The Set-Cookie header that opens a session for an admin of `workspaceId`. */
  open(req: IncomingMessage, input: { workspaceId: string; userId: string }): string;
  close(req: IncomingMessage): string;
  /** Answers a refused session: the reason, a way to sign in, and the cookie cleared; nothing of any workspace. */
  refuse(req: IncomingMessage, res: ServerResponse, refusal: Extract<SessionCheck, { kind: 'refused' }>): void;
}

/**
 * Sessions kept only in a signed cookie (the workspace, the person, a CSRF token, the expiry), so any web process
 * answers any request. Admin rights are asked again on every request, never trusted from the cookie.
 */
export function insightsSessions(deps: { db: Db; clock: Clock; cookies: CookieSigner }): InsightsSessions {
  return {
    async check(req) {
      const raw = readCookie(req, sessionCookie);
      if (raw === undefined || raw === '') return { kind: 'signed-out' };
      const verified = deps.cookies.verify(sessionCookie, raw, deps.clock.now());
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
        };
      }
      const session: Session = { workspaceId: value.workspaceId, userId: value.userId, csrf: value.csrf };
      const access = await insightsAccess(deps.db, { teamId: session.workspaceId, userId: session.userId });
      if (access.kind !== 'admin' || access.workspaceId !== session.workspaceId) {
        return { kind: 'refused', status: 403, ...notAdminPage };
      }
      return { kind: 'ok', session, workspaceName: access.workspaceName };
    },
    open(req, input) {
      const expires = new Date(deps.clock.now().getTime() + sessionSeconds * 1000);
      const value = deps.cookies.sign(
        sessionCookie,
        { ...input, csrf: randomBytes(24).toString('base64url') },
        expires,
      );
      return cookieHeader(sessionCookie, value, { secure: isHttps(req), maxAgeSeconds: sessionSeconds });
    },
    close(req) {
      return clearedCookieHeader(sessionCookie, { secure: isHttps(req) });
    },
    refuse(req, res, refusal) {
      sendPage(res, refusal.status, messagePage(refusal.title, refusal.message, signInLink), {
        'set-cookie': clearedCookieHeader(sessionCookie, { secure: isHttps(req) }),
      });
    },
  };
}
