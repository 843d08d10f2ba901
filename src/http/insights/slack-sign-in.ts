import * as oidc from 'openid-client';
import type { SignInSettings } from '../../config.ts';

/** What must come back with the person for the sign-in to count: kept in a signed cookie meanwhile. */
export interface SignInChecks {
  state: string;
  nonce: string;
  verifier: string;
}

/** Who Slack vouched for: the Slack claims of a verified id_token. */
export interface SlackIdentity {
  teamId: string;
  enterpriseId: string | undefined;
  userId: string;
}

export interface SlackSignIn {
  start(input: { redirectUri: string; team?: string | undefined }): Promise<{ url: URL; checks: SignInChecks }>;
  /** Exchanges the code and verifies the id_token: issuer, audience, expiry, nonce and RS256 signature (JWKS). */
  finish(callbackUrl: URL, checks: SignInChecks): Promise<SlackIdentity>;
}

const slackClaim = (claims: Record<string, unknown>, name: string): string | undefined => {
  const value = claims[`https://slack.com/${name}`];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Sign in with Slack (OpenID Connect) through openid-client. The issuer's discovery document is fetched on first use and
 * kept; a failed fetch is tried again on the next sign-in. Plain HTTP is allowed only for an http:// issuer, which only
 * the local sandbox is.
 */
export function createSlackSignIn(settings: SignInSettings): SlackSignIn {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= (async () => {
      const insecure = new URL(settings.issuer).protocol === 'http:';
      const config = await oidc.discovery(
        new URL(settings.issuer),
        settings.clientId,
        { client_secret: settings.clientSecret },
        oidc.ClientSecretPost(settings.clientSecret),
        insecure ? { execute: [oidc.allowInsecureRequests] } : {},
      );
      // The id_token comes straight from Slack's token endpoint, which OpenID lets a client trust without a signature
      // check; checking it anyway against Slack's published keys costs one cached JWKS fetch.
      oidc.enableNonRepudiationChecks(config);
      return config;
    })();
    discovered.catch(() => {
      discovered = undefined;
    });
    return discovered;
  };

  return {
    async start({ redirectUri, team }) {
      const config = await configuration();
      const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(config, {
        response_type: 'code',
        scope: 'openid profile email',
        redirect_uri: redirectUri,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
        code_challenge_method: 'S256',
        ...(team ? { team } : {}),
      });
      return { url, checks };
    },
    async finish(callbackUrl, checks) {
      const config = await configuration();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      const teamId = slackClaim(claims, 'team_id');
      const userId = slackClaim(claims, 'user_id');
      if (!teamId || !userId || claims.sub !== userId) throw new Error('the id_token names no Slack user and team');
      return { teamId, enterpriseId: slackClaim(claims, 'enterprise_id'), userId };
    },
  };
}
