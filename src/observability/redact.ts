/** Slack tokens (bot, user, app, refresh, config) by their documented prefixes. */
const slackTokenPattern = /\bxox[a-z]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g;

/**
 * The value of a secret field, as JSON (`"client_secret":"…"`) or a form (`client_secret=…`): the Slack SDK logs
 * request bodies at debug level, and oauth.v2.access carries the app's client secret, which has no prefix.
 */
const secretFieldPattern =
  /((?:\\?["'])?\b(?:client_secret|refresh_token|access_token|signing_secret|state_secret)(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)([^"'\\&,\s}]+)/gi;

/** Replaces anything shaped like a Slack token or a secret field's value, so no log line, job or error text can carry one. */
export function redactSecrets(text: string): string {
  return text.replace(slackTokenPattern, '[redacted-token]').replace(secretFieldPattern, '$1[redacted]');
}
