/**
 * `npm run match -- --input round.json` (or the JSON on stdin): runs one round and prints the groups as JSON.
 * Exit codes: 0 ok, 2 bad input or usage (a message on stderr, never a stack trace), 1 an internal error.
 */

import { parseRoundInput } from './input-schema.ts';
import { runJsonCli } from './json-cli.ts';
import { matchRound } from './match.ts';
import { MatchInputError } from './pool.ts';

runJsonCli({
  name: 'match',
  usage: `usage: npm run match -- --input round.json
       npm run match < round.json

Reads one round (members, history, blocks, groupSize, cooldownWeeks, date, seed; see docs/matching.md)
and prints { "groups": [...], "unmatched": [...], "debts": {...}, "stats": {...} } as JSON.`,
  inputExample: 'round.json',
  problemsShown: 20,
  parse: parseRoundInput,
  run: matchRound,
  isInputError: (error) => error instanceof MatchInputError,
});
