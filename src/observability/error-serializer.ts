import pino from 'pino';
import { redactSecrets } from './redact.ts';

type Serialized = ReturnType<typeof pino.stdSerializers.err>;

function redactSerialized(serialized: Serialized): Serialized {
  // Tokens reach error texts through failed API calls and connection strings; the stack repeats the message.
  for (const key of Object.keys(serialized)) {
    const value: unknown = serialized[key];
    if (typeof value === 'string') serialized[key] = redactSecrets(value);
  }
  if (Array.isArray(serialized.aggregateErrors)) {
    serialized.aggregateErrors = serialized.aggregateErrors.map((inner: unknown) => redactedError(inner));
  }
  return serialized;
}

/**
 * pino's error serializer (type, message, stack, cause chain, extra fields), with every text scrubbed of Slack
 * tokens and secret fields: log `{ err: error }` and the line keeps the whole error and none of its secrets.
 */
export function redactedError(error: unknown): unknown {
  if (typeof error === 'string') return redactSecrets(error);
  const serialized = pino.stdSerializers.err(error as Error);
  // A value that is not error-like comes back as it went in; only a serialized copy may be rewritten.
  return serialized === error ? error : redactSerialized(serialized);
}
