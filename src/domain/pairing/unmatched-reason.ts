import type { UnmatchedReason } from '../../matching/types.ts';

const vocabulary: ReadonlySet<string> = new Set<UnmatchedReason>([
  'alone',
  'odd-number',
  'no-place',
  'own-team',
  'own-department',
  'no-mentee',
  'no-mentor',
  'no-guest',
  'no-host',
  'not-drawn',
]);

/**
 * A reason as stored in `round_unmatched`. Rounds matched before the vocabulary kept free text, which could name a
 * block; such a row reads as `no-place`, so no old sentence ever reaches a person.
 */
export function storedUnmatchedReason(text: string): UnmatchedReason {
  return vocabulary.has(text) ? (text as UnmatchedReason) : 'no-place';
}
