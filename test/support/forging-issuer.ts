import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenID issuer in front of the sandbox that re-signs every id_token with a key of its own (claims intact, `iss`
 * naming itself): what an attacker between Nudge and Slack could produce. With `publishOwnKey` its JWKS holds that
 * key, so the tokens verify (the control); without, it passes on the sandbox's keys, so they must not.
 */
export async function startForgingIssuer(
  sandboxUrl: string,
  options: { publishOwnKey: boolean },
): Promise<{ url: string; close(): Promise<void> }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const own = publicKey.export({ format: 'jwk' });
  let url = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const path = req.url ?? '/';
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const upstream = await fetch(`${sandboxUrl}${path}`, {
        method: req.method ?? 'GET',
        headers,
        ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
        redirect: 'manual',
      });
      let body = await upstream.text();
      if (path.startsWith('/.well-known/openid-configuration')) body = body.replaceAll(sandboxUrl, url);
      if (path.startsWith('/openid/connect/keys') && options.publishOwnKey) {
        const kid = (JSON.parse(body) as { keys: Array<{ kid: string }> }).keys[0]?.kid;
        body = JSON.stringify({ keys: [{ ...own, kid, alg: 'RS256', use: 'sig' }] });
      }
      if (path.startsWith('/api/openid.connect.token')) {
        const answer = JSON.parse(body) as { id_token?: string };
        if (answer.id_token) {
          const [header = '', payload = ''] = answer.id_token.split('.');
          const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), iss: url };
          const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
          const signature = sign(
            'sha256',
            Buffer.from(input),
            createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })),
          );
          answer.id_token = `${input}.${signature.toString('base64url')}`;
          body = JSON.stringify(answer);
        }
      }
      const location = upstream.headers.get('location');
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
        ...(location ? { location } : {}),
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
