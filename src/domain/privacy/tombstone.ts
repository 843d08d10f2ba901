import { randomBytes } from 'node:crypto';
import { tombstonePrefix } from '../../db/queries/erased-members.ts';

/**
 * A random id that takes an erased person's place on rows others still need. Random, not derived from their user id,
 * so nothing leads back to them; shaped like a Slack user id so every column that holds one accepts it.
 */
export function newTombstoneId(): string {
  return `${tombstonePrefix}${randomBytes(6).toString('hex').toUpperCase()}`;
}

export function isTombstoneId(userId: string): boolean {
  return userId.startsWith(tombstonePrefix);
}
