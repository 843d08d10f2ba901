import { randomHex } from '../ids.ts';
import { type HttpReply, jsonReply, type SandboxRuntime, textReply } from '../runtime.ts';
import type { WorkspaceRecord } from '../store.ts';
import type { SandboxUser } from '../types.ts';
import { escapeHtml } from '../ui/shell.ts';

/** The scopes Sign in with Slack grants; `openid` is required. */
const OPENID_SCOPES = ['openid', 'profile', 'email'];

/** GET /.well-known/openid-configuration: Slack's discovery document, with the sandbox's own URLs. */
export function openIdConfiguration(runtime: SandboxRuntime): HttpReply {
  const base = runtime.baseUrl;
  return jsonReply(200, {
    issuer: base,
    authorization_endpoint: `${base}/openid/connect/authorize`,
    token_endpoint: `${base}/api/openid.connect.token`,
    userinfo_endpoint: `${base}/api/openid.connect.userInfo`,
    jwks_uri: `${base}/openid/connect/keys`,
    scopes_supported: OPENID_SCOPES,
    response_types_supported: ['code'],
    response_modes_supported: ['form_post'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'auth_time', 'iss'],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: true,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
  });
}

/** GET /openid/connect/keys: the key set the id_tokens' signatures verify against. */
export function openIdKeys(runtime: SandboxRuntime): HttpReply {
  return jsonReply(200, runtime.openId.jwks());
}

/**
 * GET /openid/connect/authorize: Sign in with Slack's consent screen. Problems with the client or redirect_uri are
 * shown on the page (there is nowhere safe to send the person); other problems go back to the app as `error=…`,
 * as OAuth has it. With a valid request, the page lists the people who may sign in (of the `team` asked for, else of
 * every workspace); choosing one (the `sandbox_user` and `team` parameters, a sandbox extension) approves and
 * redirects with a code. `sandbox_deny=1` is the Cancel button.
 */
export function handleOpenIdAuthorize(runtime: SandboxRuntime, query: URLSearchParams): HttpReply {
  const { store, oauth } = runtime;
  const clientId = query.get('client_id') ?? '';
  if (clientId === '' || (oauth.clientId !== undefined && clientId !== oauth.clientId)) {
    return page(400, 'Sign in with Slack', '<p>invalid_client_id</p>');
  }
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!URL.canParse(redirectUri)) return page(400, 'Sign in with Slack', '<p>bad_redirect_uri</p>');
  const back = (params: Record<string, string>): HttpReply => {
    const target = new URL(redirectUri);
    const state = query.get('state');
    if (state !== null) target.searchParams.set('state', state);
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    return textReply(302, `Redirecting to ${target.toString()}`, { location: target.toString() });
  };

  if (query.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
  const scopes = (query.get('scope') ?? '').split(/[\s,]+/).filter((scope) => scope !== '');
  if (!scopes.includes('openid') || scopes.some((scope) => !OPENID_SCOPES.includes(scope))) {
    return back({ error: 'invalid_scope' });
  }
  const challenge = query.get('code_challenge') ?? undefined;
  if (challenge !== undefined && query.get('code_challenge_method') !== 'S256')
    return back({ error: 'invalid_request' });
  if (query.get('sandbox_deny') === '1') return back({ error: 'access_denied' });

  const team = query.get('team') ?? undefined;
  const workspaces = [...store.workspaces.values()].filter((w) => team === undefined || w.teamId === team);
  if (workspaces.length === 0) return page(400, 'Sign in with Slack', `<p>No workspace ${escapeHtml(team ?? '')}</p>`);
  const chosenId = query.get('sandbox_user');
  if (chosenId === null) return chooser(query, workspaces);
  const workspace = workspaces.find((w) => signInCandidates(w).some((user) => user.id === chosenId));
  if (!workspace)
    return page(400, 'Sign in with Slack', `<p>No one called ${escapeHtml(chosenId)} can sign in here</p>`);

  const code = `${Math.floor(runtime.now() / 1000)}.${randomHex(20)}`;
  const nonce = query.get('nonce') ?? undefined;
  store.openIdCodes.set(code, {
    code,
    teamId: workspace.teamId,
    userId: chosenId,
    clientId,
    redirectUri,
    scopes,
    ...(nonce !== undefined ? { nonce } : {}),
    ...(challenge !== undefined ? { codeChallenge: challenge } : {}),
    createdAt: runtime.now(),
    used: false,
  });
  return back({ code });
}

function signInCandidates(workspace: WorkspaceRecord): SandboxUser[] {
  return [...workspace.users.values()].filter((user) => !user.isBot && !user.deleted);
}

function chooser(query: URLSearchParams, workspaces: WorkspaceRecord[]): HttpReply {
  const link = (params: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [name, value] of Object.entries(params)) next.set(name, value);
    return escapeHtml(`/openid/connect/authorize?${next.toString()}`);
  };
  const sections = workspaces.map((workspace) => {
    const people = signInCandidates(workspace).map((user) => {
      const role = user.isOwner ? 'owner' : user.isAdmin ? 'admin' : 'member';
      return `<li><a class="person" data-user="${escapeHtml(user.id)}" href="${link({ sandbox_user: user.id, team: workspace.teamId })}">${escapeHtml(user.realName)}</a> <small>${role}</small></li>`;
    });
    return `<h2>${escapeHtml(workspace.name)}</h2><ul>${people.join('')}</ul>`;
  });
  return page(
    200,
    'Sign in with Slack',
    `<p>The sandbox's stand-in for Slack's sign-in: choose who signs in.</p>${sections.join('')}<p><a href="${link({ sandbox_deny: '1' })}">Cancel</a></p>`,
  );
}

function page(status: number, title: string, body: string): HttpReply {
  return textReply(
    status,
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>${title}</h1>${body}</body></html>`,
    { 'content-type': 'text/html; charset=utf-8' },
  );
}
