import { createCipheriv, createDecipheriv, createSecretKey, randomFillSync } from 'node:crypto';

/** AES-256-GCM for secrets at rest (bot tokens). Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

const ivBytes = 12;
/** IVs drawn from the system CSPRNG per call: this many at once (a call per seal was a tenth of a kudos ack's CPU). */
const ivsPerDraw = 512;

/** Fresh random 96-bit IVs for AES-GCM, taken from a block of CSPRNG output that is refilled when used up. */
function ivSource(): () => Buffer {
  const block = Buffer.alloc(ivBytes * ivsPerDraw);
  let offset = block.length;
  return () => {
    if (offset === block.length) {
      randomFillSync(block);
      offset = 0;
    }
    // A copy: the block is refilled later, and an IV must stay what it was when used.
    const iv = Buffer.from(block.subarray(offset, offset + ivBytes));
    offset += ivBytes;
    return iv;
  };
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes');
  // A KeyObject made once: passing the raw bytes makes Node import the key on every call, several times slower.
  const secretKey = createSecretKey(key);
  const nextIv = ivSource();
  return {
    seal(plaintext) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', secretKey, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', iv, tag, ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('unrecognised secret format');
      const decipher = createDecipheriv('aes-256-gcm', secretKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
