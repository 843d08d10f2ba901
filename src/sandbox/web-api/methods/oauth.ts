import type { OAuthCodeRecord, SandboxStore } from '../../store.ts';
import { fail, type MethodDefinition, type MethodResult, ok } from '../method-context.ts';
import { stringArg } from '../parse-request.ts';

/** "Codes expire ten minutes after being issued" (docs.slack.dev, installing with OAuth). */
export const OAUTH_CODE_TTL_MS = 10 * 60_000;

export const oauthMethods: Record<string, MethodDefinition> = {
  /**
   * Exchanges a code minted by GET /oauth/v2/authorize. Reinstalling a workspace whose token is still live
   * returns the same bot token; after revokeTokens (an uninstall) a fresh one is issued.
   * Client credentials come as arguments or HTTP Basic, as Slack accepts both.
   */
  'oauth.v2.access': {
    auth: 'none',
    tier: 'tier4',
    handle({ store, args, basicAuth, oauth, now }) {
      const clientId = stringArg(args, 'client_id') ?? basicAuth?.user;
      const clientSecret = stringArg(args, 'client_secret') ?? basicAuth?.password;
      if (!clientId || (oauth.clientId !== undefined && clientId !== oauth.clientId)) return fail('invalid_client_id');
      if (oauth.clientSecret !== undefined && clientSecret !== oauth.clientSecret) return fail('bad_client_secret');
      const code = store.oauthCodes.get(stringArg(args, 'code') ?? '');
      if (!code || code.used || code.clientId !== clientId || now - code.createdAt > OAUTH_CODE_TTL_MS) {
        return fail('invalid_code');
      }
      if (code.redirectUri !== undefined && stringArg(args, 'redirect_uri') !== code.redirectUri) {
        return fail('bad_redirect_uri');
      }
      code.used = true;
      if (code.enterpriseId !== undefined) return orgInstall(store, code, code.enterpriseId);
      const workspace = store.workspace(code.teamId);
      const token =
        store.activeToken(workspace.teamId)?.token ??
        store.issueToken(workspace.teamId, store.ids.secret(`xoxb-${workspace.teamId}-`)).token;
      const authedUser: Record<string, unknown> = { id: code.installerUserId };
      if (code.userScopes.length > 0) {
        // User tokens act as the workspace's bot token here: Nudge asks for no user scopes.
        authedUser.scope = code.userScopes.join(',');
        authedUser.access_token = store.issueToken(
          workspace.teamId,
          store.ids.secret(`xoxp-${workspace.teamId}-`),
        ).token;
        authedUser.token_type = 'user';
      }
      return ok({
        app_id: workspace.appId,
        authed_user: authedUser,
        scope: code.scopes.join(','),
        token_type: 'bot',
        access_token: token,
        bot_user_id: workspace.botUserId,
        team: { id: workspace.teamId, name: workspace.name },
        enterprise:
          workspace.enterpriseId === undefined ? null : { id: workspace.enterpriseId, name: workspace.enterpriseName },
        is_enterprise_install: false,
      });
    },
  },
};

/**
 * An org-wide install (`is_enterprise_install: true`): no team, one bot token for every workspace of the
 * organisation, as Slack's organisation-wide app reference shows. Reinstalling keeps a live token.
 */
function orgInstall(store: SandboxStore, code: OAuthCodeRecord, enterpriseId: string): MethodResult {
  const org = store.org(enterpriseId);
  const first = org?.workspaces[0];
  if (!org || !first) return fail('invalid_code');
  const token =
    store.activeToken(org.enterpriseId)?.token ??
    store.issueOrgToken(org.enterpriseId, store.ids.secret(`xoxb-${org.enterpriseId}-`)).token;
  return ok({
    app_id: first.appId,
    authed_user: { id: code.installerUserId },
    scope: code.scopes.join(','),
    token_type: 'bot',
    access_token: token,
    bot_user_id: first.botUserId,
    team: null,
    enterprise: { id: org.enterpriseId, name: org.enterpriseName },
    is_enterprise_install: true,
  });
}
