import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import pino from 'pino';
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
  return {
    debug: (...parts) => child.debug(text(parts)),
    info: (...parts) => child.info(text(parts)),
    warn: (...parts) => child.warn(text(parts)),
    error: (...parts) => child.error(text(parts)),
    setLevel: () => {},
    getLevel: () => boltLevels[logger.level] ?? LogLevel.INFO,
    setName: (newName) => {
      child = logger.child({ component: newName });
    },
  };
}
