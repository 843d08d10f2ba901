import { randomBytes } from 'node:crypto';

/**
 * Mints Slack-looking identifiers. Counters (not randomness) make ids stable within a run, which keeps test
 * failures readable; secrets (tokens, codes) get random suffixes so one sandbox never accepts another's.
 */
export class IdMint {
  #counters = new Map<string, number>();

  next(prefix: string): string {
    const n = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, n);
    return `${prefix}0SBX${n.toString(36).toUpperCase().padStart(5, '0')}`;
  }

  secret(prefix: string): string {
    const n = (this.#counters.get(`secret:${prefix}`) ?? 0) + 1;
    this.#counters.set(`secret:${prefix}`, n);
    return `${prefix}${n}-${randomBytes(12).toString('hex')}`;
  }
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

const MICROS_PER_SECOND = 1_000_000n;

/** Slack `ts` ("1700000000.000100") <-> microseconds since the epoch, as bigint to stay exact. */
export function formatTs(micros: bigint): string {
  const seconds = micros / MICROS_PER_SECOND;
  const fraction = micros % MICROS_PER_SECOND;
  return `${seconds}.${fraction.toString().padStart(6, '0')}`;
}

/** Lenient like Slack: `oldest: String(ms / 1000)` may carry more than six decimals, which are dropped. */
export function parseTs(ts: string): bigint | undefined {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(ts.trim());
  if (!match) return undefined;
  const fraction = (match[2] ?? '').slice(0, 6).padEnd(6, '0');
  return BigInt(match[1]!) * MICROS_PER_SECOND + BigInt(fraction);
}

export function msToMicros(ms: number): bigint {
  return BigInt(Math.floor(ms)) * 1000n;
}
