import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';

function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const entries = () => lines.map((line) => JSON.parse(line) as { err?: Record<string, unknown>; msg: string });
  return { logger, lines, entries };
}

class DeliveryError extends Error {
  override name = 'DeliveryError';
}

test('a logged error keeps its type, message and stack', () => {
  const { logger, entries } = memoryLogger();
  const error = new DeliveryError('the post could not be delivered');
  logger.error({ err: error, job: 'kudos.announce' }, 'job failed');
  const [entry] = entries();
  expect(entry?.msg).toBe('job failed');
  expect(entry?.err).toMatchObject({ type: 'DeliveryError', message: 'the post could not be delivered' });
  expect(entry?.err?.stack).toContain('DeliveryError: the post could not be delivered');
  expect(entry?.err?.stack).toContain('logger.test.ts');
});

test('a cause travels with the error it explains', () => {
  const { logger, entries } = memoryLogger();
  logger.warn({ err: new Error('could not enqueue', { cause: new Error('connection refused') }) }, 'enqueue failed');
  expect(entries()[0]?.err?.message).toBe('could not enqueue: connection refused');
  expect(entries()[0]?.err?.stack).toContain('caused by: Error: connection refused');
});

test('a Slack token in an error message, stack, cause or extra field never reaches the log', () => {
  const { logger, lines, entries } = memoryLogger();
  const bot = `xoxb-${'1234567890'}-${'0987654321'}-AbCdEfGhIjKlMnOpQrStUvWx`;
  const app = `xapp-1-A0${'12345'}-${'67890'}-abcdef0123456789`;
  const error = new Error(`auth failed for ${bot}`, { cause: new Error(`socket refused ${app}`) });
  Object.assign(error, { detail: `client_secret=hunter2 token ${bot}` });
  logger.error({ err: error }, 'listener failed');
  logger.error({ err: `a thrown string with ${app}` }, 'listener failed');
  const text = lines.join('\n');
  expect(text).not.toContain(bot);
  expect(text).not.toContain(app);
  expect(text).not.toContain('hunter2');
  const [first, second] = entries();
  expect(first?.err).toMatchObject({
    type: 'Error',
    message: 'auth failed for [redacted-token]: socket refused [redacted-token]',
  });
  expect(first?.err?.stack).toContain('Error: auth failed for [redacted-token]');
  expect(first?.err?.detail).toBe('client_secret=[redacted] token [redacted-token]');
  expect(second?.err).toBe('a thrown string with [redacted-token]');
});
