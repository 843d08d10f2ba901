import type { WorkspaceSpec } from '../../src/sandbox/index.ts';

/** The default workspace's people again in a second workspace, where Bob is the admin and Alice is not. */
export const otherWorkspace: WorkspaceSpec = {
  teamId: 'T0OTHER',
  name: 'Other Co',
  users: [
    { id: 'U0ALICE', name: 'alice', realName: 'Alice Elsewhere', email: 'alice@other.test' },
    { id: 'U0BOB', name: 'bob', realName: 'Bob Boss', isAdmin: true, email: 'bob@other.test' },
  ],
  channels: [{ id: 'C0OTHERGEN', name: 'general', members: ['U0ALICE', 'U0BOB'] }],
};

/** The cookie pair (`name=value`) a Set-Cookie header sets, and its attributes. */
export function setCookies(response: Response): Array<{ pair: string; attributes: string[] }> {
  return response.headers.getSetCookie().map((line) => {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    return { pair, attributes };
  });
}

export function cookieNamed(response: Response, name: string): { pair: string; attributes: string[] } | undefined {
  return setCookies(response).find((cookie) => cookie.pair.startsWith(`${name}=`));
}

export interface InsightsSignIn {
  /** Nudge's answer at /insights/callback. */
  callback: Response;
  /** `nudge_insights_session=…` when Nudge opened a session (non-empty), else undefined. */
  session: string | undefined;
}

/**
 * Signs in to the insights page the way a browser does: /insights/login → the sandbox's Sign in with Slack page,
 * choosing `userId` → back to /insights/callback with the sign-in cookie. `headers` go to Nudge on each step (a
 * proxy's X-Forwarded-Proto).
 */
export async function signInToInsights(
  appUrl: string,
  input: { teamId: string; userId: string; headers?: Record<string, string> },
): Promise<InsightsSignIn> {
  const headers = input.headers ?? {};
  const login = await fetch(`${appUrl}/insights/login?team=${input.teamId}`, { redirect: 'manual', headers });
  if (login.status !== 302) throw new Error(`/insights/login answered ${login.status}: ${await login.text()}`);
  const signInCookie = cookieNamed(login, 'nudge_insights_sign_in')?.pair ?? '';
  const authorize = new URL(login.headers.get('location') ?? '');
  authorize.searchParams.set('sandbox_user', input.userId);
  const approved = await fetch(authorize, { redirect: 'manual' });
  const back = approved.headers.get('location');
  if (approved.status !== 302 || !back) throw new Error(`the sandbox did not sign in: ${await approved.text()}`);
  // Behind a proxy the callback is https:// on the outside; here it reaches Nudge over plain HTTP.
  const callbackUrl = new URL(back);
  const local = `${appUrl}${callbackUrl.pathname}${callbackUrl.search}`;
  const callback = await fetch(local, { redirect: 'manual', headers: { ...headers, cookie: signInCookie } });
  const session = cookieNamed(callback, 'nudge_insights_session')?.pair;
  return { callback, session: session && session !== 'nudge_insights_session=' ? session : undefined };
}
