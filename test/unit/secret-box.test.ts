import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { redactSecrets } from '../../src/observability/redact.ts';
import { createSecretBox } from '../../src/security/secret-box.ts';

test('sealed secrets open to the same text and never contain it', () => {
  const box = createSecretBox(randomBytes(32));
  fc.assert(
    fc.property(fc.string({ minLength: 8 }), (secret) => {
      const sealed = box.seal(secret);
      expect(sealed).not.toContain(secret);
      expect(box.open(sealed)).toBe(secret);
    }),
  );
});

test('every seal has its own IV, across refills of the random block, and older secrets still open', () => {
  const box = createSecretBox(randomBytes(32));
  // Several blocks' worth (512 IVs each): a refill must neither repeat an IV nor change one already used.
  const sealed = Array.from({ length: 2_000 }, (_, i) => box.seal(`https://hooks.slack.com/commands/T1/${i}`));
  const ivs = new Set(sealed.map((s) => s.split('.')[1]));
  expect(ivs.size).toBe(sealed.length);
  sealed.forEach((s, i) => {
    expect(box.open(s)).toBe(`https://hooks.slack.com/commands/T1/${i}`);
  });
});

test('a different key or a tampered ciphertext cannot open a secret', () => {
  const sealed = createSecretBox(randomBytes(32)).seal('xoxb-123-456-secret');
  expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
  const box = createSecretBox(Buffer.alloc(32, 1));
  const good = box.seal('xoxb-123-456-secret');
  const parts = good.split('.');
  const body = Buffer.from(parts[3] ?? '', 'base64url');
  body[0] = (body[0] ?? 0) ^ 1;
  parts[3] = body.toString('base64url');
  expect(() => box.open(parts.join('.'))).toThrow();
});

test('token-shaped strings are redacted from log text', () => {
  const line = 'call failed with xoxb-1234-5678-abcdef and xapp-1-A0-99 and xoxp-9-9';
  const redacted = redactSecrets(line);
  expect(redacted).not.toMatch(/xox[bp]-|xapp-/);
  expect(redacted.match(/\[redacted-token\]/g)).toHaveLength(3);
});

test('secret field values are redacted from log text, as JSON and as forms', () => {
  const lines = [
    'http request body: {"code":"123.abc","client_id":"111.222","client_secret":"s3cr3t-value"}',
    'http request body: {\\"client_secret\\":\\"s3cr3t-value\\"}',
    'form: grant_type=refresh_token&refresh_token=s3cr3t-value&client_secret=s3cr3t-value',
    "{ client_secret: 's3cr3t-value', access_token: 's3cr3t-value' }",
  ];
  for (const line of lines) {
    const redacted = redactSecrets(line);
    expect(redacted, line).not.toContain('s3cr3t-value');
    expect(redacted).toContain('[redacted]');
  }
  expect(redactSecrets('grant_type=refresh_token&client_id=111.222')).toBe(
    'grant_type=refresh_token&client_id=111.222',
  );
});
