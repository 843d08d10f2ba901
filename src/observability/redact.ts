/** Slack tokens (bot, user, app, refresh, config) by their documented prefixes. */
const slackTokenPattern = /\bxox[a-z]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g;

/** Replaces anything shaped like a Slack token, so no log line, job or error text can carry one. */
export function redactSecrets(text: string): string {
  return text.replace(slackTokenPattern, '[redacted-token]');
}
