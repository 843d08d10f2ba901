import { createHash } from 'node:crypto';
import { accessTokenHash } from '../../openid/signing-key.ts';
import type { SandboxUser } from '../../types.ts';
import { fail, type MethodContext, type MethodDefinition, ok } from '../method-context.ts';
import { stringArg } from '../parse-request.ts';
import { OAUTH_CODE_TTL_MS } from './oauth.ts';

/** Slack's id_tokens are valid for five minutes after they are issued. */
export const ID_TOKEN_TTL_SECONDS = 300;

/** The claims Slack adds to the standard ones: who, in which workspace, and what the scopes let the app see. */
function personClaims(
  ctx: MethodContext,
  teamId: string,
  user: SandboxUser,
  scopes: string[],
): Record<string, unknown> {
  const workspace = ctx.store.workspace(teamId);
  const claims: Record<string, unknown> = {
    'https://slack.com/user_id': user.id,
    'https://slack.com/team_id': teamId,
  };
  if (scopes.includes('email') && user.email !== undefined) {
    Object.assign(claims, { email: user.email, email_verified: true, date_email_verified: workspace.created });
  }
  if (scopes.includes('profile')) {
    Object.assign(claims, {
      name: user.realName,
      given_name: user.realName.split(' ')[0] ?? '',
      family_name: user.realName.split(' ').slice(1).join(' '),
      locale: 'en-US',
      'https://slack.com/team_name': workspace.name,
      'https://slack.com/team_domain': workspace.domain,
    });
  }
  return claims;
}

function clientCredentials(ctx: MethodContext): { id: string | undefined; secret: string | undefined } {
  return {
    id: stringArg(ctx.args, 'client_id') ?? ctx.basicAuth?.user,
    secret: stringArg(ctx.args, 'client_secret') ?? ctx.basicAuth?.password,
  };
}

export const openIdMethods: Record<string, MethodDefinition> = {
  /**
   * Exchanges a Sign in with Slack code (from /openid/connect/authorize) for an access token that only
   * openid.connect.userInfo accepts and an RS256 id_token. As Slack: the code works once, for ten minutes, for the
   * client and redirect_uri it was issued to; a PKCE challenge needs its verifier.
   */
  'openid.connect.token': {
    auth: 'none',
    tier: 'tier3',
    handle(ctx) {
      const { store, args, oauth, now } = ctx;
      const client = clientCredentials(ctx);
      if (!client.id || (oauth.clientId !== undefined && client.id !== oauth.clientId))
        return fail('invalid_client_id');
      if (!client.secret || (oauth.clientSecret !== undefined && client.secret !== oauth.clientSecret)) {
        return fail('bad_client_secret');
      }
      const grantType = stringArg(args, 'grant_type');
      if (grantType !== undefined && grantType !== 'authorization_code') return fail('invalid_grant_type');
      const code = store.openIdCodes.get(stringArg(args, 'code') ?? '');
      if (!code || code.used || code.clientId !== client.id || now - code.createdAt > OAUTH_CODE_TTL_MS) {
        return fail('invalid_code');
      }
      if (stringArg(args, 'redirect_uri') !== code.redirectUri) return fail('bad_redirect_uri');
      if (code.codeChallenge !== undefined) {
        const verifier = stringArg(args, 'code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge) {
          return fail('invalid_code_verifier');
        }
      }
      code.used = true;
      const user = store.workspace(code.teamId).users.get(code.userId);
      if (!user || user.deleted) return fail('invalid_code');

      const accessToken = store.ids.secret(`xoxp-${code.teamId}-`);
      store.openIdTokens.set(accessToken, { teamId: code.teamId, userId: user.id, scopes: code.scopes });
      const issuedAt = Math.floor(now / 1000);
      const idToken = ctx.openId.signJwt({
        iss: ctx.baseUrl,
        sub: user.id,
        aud: client.id,
        exp: issuedAt + ID_TOKEN_TTL_SECONDS,
        iat: issuedAt,
        auth_time: issuedAt,
        ...(code.nonce !== undefined ? { nonce: code.nonce } : {}),
        at_hash: accessTokenHash(accessToken),
        ...personClaims(ctx, code.teamId, user, code.scopes),
      });
      return ok({ access_token: accessToken, token_type: 'Bearer', id_token: idToken });
    },
  },

  /** Who the Sign in with Slack access token belongs to; any other token is `invalid_auth`. */
  'openid.connect.userInfo': {
    auth: 'none',
    tier: 'tier3',
    handle(ctx) {
      if (ctx.token === undefined) return fail('not_authed');
      const grant = ctx.store.openIdTokens.get(ctx.token);
      const user = grant ? ctx.store.workspace(grant.teamId).users.get(grant.userId) : undefined;
      if (!grant || !user || user.deleted) return fail('invalid_auth');
      return ok({ sub: user.id, ...personClaims(ctx, grant.teamId, user, grant.scopes) });
    },
  },
};
