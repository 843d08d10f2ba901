import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** A JSON Web Key as Slack publishes it at /openid/connect/keys. */
export interface PublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

export interface OpenIdSigner {
  /** The key set served at /openid/connect/keys. */
  jwks(): { keys: PublicJwk[] };
  /** A compact JWS (RS256) of `claims`, with the key's `kid` in its header, as Slack signs its id_tokens. */
  signJwt(claims: Record<string, unknown>): string;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * The sandbox's id_token key. Made on first use, not at start: an RSA key takes tens of milliseconds, and most
 * sandboxes (every test's) never sign anyone in. One key per sandbox, so a token from another sandbox fails to verify.
 */
export function createOpenIdSigner(): OpenIdSigner {
  let key: { privateKey: KeyObject; jwk: PublicJwk } | undefined;
  const current = () => {
    if (key) return key;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { n, e } = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    // RFC 7638 thumbprint, the usual kid.
    const kid = createHash('sha256')
      .update(JSON.stringify({ e, kty: 'RSA', n }))
      .digest('base64url');
    key = { privateKey, jwk: { kty: 'RSA', n, e, kid, alg: 'RS256', use: 'sig' } };
    return key;
  };
  return {
    jwks: () => ({ keys: [current().jwk] }),
    signJwt(claims) {
      const { privateKey, jwk } = current();
      const input = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: jwk.kid }))}.${base64url(JSON.stringify(claims))}`;
      return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    },
  };
}

/** OpenID's at_hash: the left half of the access token's SHA-256, base64url. */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}
