/**
 * `npm run mentor-match -- --input cohort.json` (or the JSON on stdin): matches one mentorship cycle and prints
 * { pairs, unmatched, stats } (and suggestions in choice mode) as JSON.
 * Exit codes: 0 ok, 2 bad input or usage (a message on stderr listing every problem, never a stack trace), 1 an
 * internal error.
 */

import { runJsonCli } from '../json-cli.ts';
import { MentorshipInputError } from './cohort.ts';
import { parseMentorshipInput } from './input-schema.ts';
import { matchMentorship } from './match.ts';

runJsonCli({
  name: 'mentor-match',
  usage: `usage: npm run mentor-match -- --input cohort.json
       npm run mentor-match < cohort.json

Reads one cycle (mentors, mentees, history, blocks, rules, continuing, scores, seed, mode; see
docs/mentorship-matching.md) and prints { "pairs": [...], "unmatched": [...], "stats": {...} } as JSON.`,
  inputExample: 'cohort.json',
  problemsShown: 50,
  parse: parseMentorshipInput,
  run: matchMentorship,
  isInputError: (error) => error instanceof MentorshipInputError,
});
