import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import pino from 'pino';
import { redactedError } from './error-serializer.ts';
import { redactSecrets } from './redact.ts';

export type Logger = pino.Logger;

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: {
        paths: [
          'token',
          '*.token',
          'botToken',
          '*.botToken',
          'authorization',
          '*.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
      serializers: { err: redactedError },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Scrub token-shaped strings from every message, whatever a library put into it.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    options.destination,
  );
}

const boltLevels: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/** Bolt and the Slack SDK log through this, so their lines get the same redaction and format. */
export function toSlackLogger(logger: Logger, name = 'slack'): SlackLogger {
  let child = logger.child({ component: name });
  const text = (parts: unknown[]) =>
    redactSecrets(parts.map((part) => (typeof part === 'string' ? part : String(part))).join(' '));
  // Bolt logs at debug several times per request: build (and scrub) a line only when its level is on.
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      if (child.isLevelEnabled(level)) child[level](text(parts));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => {},
    getLevel: () => boltLevels[logger.level] ?? LogLevel.INFO,
    setName: (newName) => {
      child = logger.child({ component: newName });
    },
  };
}
