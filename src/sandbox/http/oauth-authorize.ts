import { randomHex } from '../ids.ts';
import { type HttpReply, type SandboxRuntime, textReply } from '../runtime.ts';
import type { WorkspaceRecord } from '../store.ts';

/**
 * GET /oauth/v2/authorize: stands in for Slack's consent screen and approves at once, redirecting to
 * `redirect_uri?code=…&state=…`. Which workspace installs: `team` (Slack's own parameter), else the first one
 * created; a `team` naming an organisation (`E…`) installs the app org-wide, on all of its workspaces. Who installs: `sandbox_user` (a sandbox extension), else the first admin or owner, else the first
 * human. `sandbox_deny=1` redirects with `error=access_denied` instead, like a user pressing Cancel.
 */
export function handleAuthorize(runtime: SandboxRuntime, query: URLSearchParams): HttpReply {
  const { store, oauth } = runtime;
  const clientId = query.get('client_id') ?? '';
  if (clientId === '' || (oauth.clientId !== undefined && clientId !== oauth.clientId)) {
    return textReply(400, 'invalid_client_id');
  }
  const redirectUri = query.get('redirect_uri') ?? oauth.redirectUri;
  if (redirectUri === undefined || redirectUri === '') return textReply(400, 'bad_redirect_uri');
  const state = query.get('state');
  const target = new URL(redirectUri);
  if (state !== null) target.searchParams.set('state', state);

  if (query.get('sandbox_deny') === '1') {
    target.searchParams.set('error', 'access_denied');
    return redirect(target);
  }
  const teamId = query.get('team') ?? store.workspaces.keys().next().value;
  const org = teamId === undefined ? undefined : store.org(teamId);
  const workspace = org?.workspaces[0] ?? (teamId === undefined ? undefined : store.workspaces.get(teamId));
  if (!workspace) return textReply(400, `no sandbox workspace ${teamId ?? ''} to install into`);
  const installer = query.get('sandbox_user') ?? defaultInstaller(workspace);

  const code = `${Math.floor(runtime.now() / 1000)}.${randomHex(20)}`;
  store.oauthCodes.set(code, {
    code,
    teamId: workspace.teamId,
    ...(org ? { enterpriseId: org.enterpriseId } : {}),
    installerUserId: installer,
    clientId,
    ...(query.get('redirect_uri') ? { redirectUri: query.get('redirect_uri')! } : {}),
    scopes: splitScopes(query.get('scope') ?? oauth.scopes?.join(',') ?? ''),
    userScopes: splitScopes(query.get('user_scope') ?? ''),
    createdAt: runtime.now(),
    used: false,
  });
  target.searchParams.set('code', code);
  return redirect(target);
}

function redirect(target: URL): HttpReply {
  return textReply(302, `Redirecting to ${target.toString()}`, { location: target.toString() });
}

function splitScopes(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
}

function defaultInstaller(workspace: WorkspaceRecord): string {
  const humans = [...workspace.users.values()].filter((user) => !user.isBot && !user.deleted);
  return (humans.find((user) => user.isAdmin || user.isOwner) ?? humans[0])?.id ?? workspace.botUserId;
}
