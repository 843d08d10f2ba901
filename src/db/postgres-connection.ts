import type { ConnectionOptions } from 'node:tls';

/**
 * How Nudge reaches PostgreSQL over TLS. `sslmode` in DATABASE_URL keeps libpq's meaning, which managed services
 * document: `require` encrypts without checking the certificate, `verify-ca` checks it chains to a trusted CA,
 * `verify-full` checks that and the host name. node-postgres on its own treats every mode as `verify-full` against
 * the system's CAs (so `require` fails on a self-signed server), and reads `sslrootcert` files by itself, so the TLS
 * parameters are taken out of the URL here and given to the pool as explicit options.
 */
export const postgresSslModes = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type PostgresSslMode = (typeof postgresSslModes)[number];

// Parameters node-postgres would act on itself, overriding the options built here; the CA is DATABASE_CA_FILE.
const refusedParameters: Record<string, string> = {
  ssl: 'use sslmode (require, verify-ca or verify-full) instead of ssl',
  sslrootcert: 'the CA is not read from the URL; set DATABASE_CA_FILE to its file instead of sslrootcert',
  sslcert: 'client certificates (sslcert, sslkey) are not supported',
  sslkey: 'client certificates (sslcert, sslkey) are not supported',
  uselibpqcompat: 'sslmode already has libpq’s meaning; remove uselibpqcompat',
};

export interface PostgresConnection {
  connectionString: string;
  ssl?: ConnectionOptions | false;
}

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The sslmode a DATABASE_URL asks for; `disable` when it names none. */
export function postgresSslMode(url: string): PostgresSslMode {
  const mode = parsed(url)?.searchParams.get('sslmode') ?? 'disable';
  return (postgresSslModes as readonly string[]).includes(mode) ? (mode as PostgresSslMode) : 'disable';
}

/** What is wrong with a DATABASE_URL's TLS parameters, for the config's error list (empty when nothing). */
export function postgresUrlProblems(url: string): string[] {
  const query = parsed(url)?.searchParams;
  if (!query) return [];
  const problems = Object.entries(refusedParameters)
    .filter(([name]) => query.has(name))
    .map(([, problem]) => problem);
  const mode = query.get('sslmode');
  if (mode !== null && !(postgresSslModes as readonly string[]).includes(mode)) {
    problems.push(
      `sslmode must be ${postgresSslModes.join(', ')} (Nudge never falls back to an unencrypted connection, so not "${mode}")`,
    );
  }
  return [...new Set(problems)];
}

/** The pool options for a DATABASE_URL: its TLS parameters as explicit `ssl` options, `ca` the trusted CA's PEM. */
export function postgresConnection(url: string, ca: string | undefined): PostgresConnection {
  const location = parsed(url);
  if (!location?.searchParams.has('sslmode')) return { connectionString: url };
  const mode = postgresSslMode(url);
  location.searchParams.delete('sslmode');
  const connectionString = location.toString();
  const trusted = ca ? { ca } : {};
  // Node checks the host name unless told otherwise; verify-ca (and require with a CA, as libpq does) skips it.
  const anyHost = { checkServerIdentity: () => undefined };
  switch (mode) {
    case 'disable':
      return { connectionString, ssl: false };
    case 'require':
      return { connectionString, ssl: ca ? { ...trusted, ...anyHost } : { rejectUnauthorized: false } };
    case 'verify-ca':
      return { connectionString, ssl: { ...trusted, ...anyHost } };
    case 'verify-full':
      return { connectionString, ssl: trusted };
  }
}
