import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeKey } from '../config.ts';

/**
 * The key that seals stored tokens, for an install that did not set NUDGE_ENCRYPTION_KEY: generated once and
 * kept beside the embedded database (readable by its owner only), so sealed tokens still open after a restart.
 */
export function loadOrCreateEncryptionKey(dataDir: string): Buffer {
  const file = resolve(dataDir, 'encryption.key');
  if (existsSync(file)) {
    const key = decodeKey(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a 32-byte key; remove it only if no tokens are stored yet`);
    return key;
  }
  mkdirSync(resolve(dataDir), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
