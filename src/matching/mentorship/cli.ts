/**
 * `npm run mentor-match -- --input cohort.json` (or the JSON on stdin): matches one mentorship cycle and prints
 * { pairs, unmatched, stats } (and suggestions in choice mode) as JSON.
 * Exit codes: 0 ok, 2 bad input or usage (a message on stderr listing every problem, never a stack trace), 1 an
 * internal error.
 */

import { readFileSync } from 'node:fs';
import { MentorshipInputError } from './cohort.ts';
import { parseMentorshipInput } from './input-schema.ts';
import { matchMentorship } from './match.ts';

const USAGE = `usage: npm run mentor-match -- --input cohort.json
       npm run mentor-match < cohort.json

Reads one cycle (mentors, mentees, history, blocks, rules, continuing, scores, seed, mode; see
docs/mentorship-matching.md) and prints { "pairs": [...], "unmatched": [...], "stats": {...} } as JSON.`;

class UsageError extends Error {}

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseArgs(argv: readonly string[]): { input?: string; help: boolean } {
  let input: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--input' || arg === '-i') {
      const value = argv[++i];
      if (value === undefined) throw new UsageError('--input needs a file path');
      input = value;
    } else if (arg.startsWith('--input=')) input = arg.slice('--input='.length);
    else throw new UsageError(`unknown argument: ${arg}`);
  }
  return input === undefined ? { help } : { input, help };
}

function readInput(path: string | undefined): string {
  if (path !== undefined && path !== '-') {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${code ?? 'error'}`);
    }
  }
  if (process.stdin.isTTY) throw new UsageError('no input: pass --input cohort.json or pipe the JSON on stdin');
  return readFileSync(0, 'utf8');
}

function main(): void {
  let text: string;
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    text = readInput(args.input);
  } catch (error) {
    if (error instanceof UsageError) fail(`mentor-match: ${error.message}\n\n${USAGE}`, 2);
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    fail(`mentor-match: the input is not valid JSON (${(error as Error).message})`, 2);
  }
  const parsed = parseMentorshipInput(raw);
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, 50).map((e) => `  - ${e}`);
    if (parsed.errors.length > 50) shown.push(`  … and ${parsed.errors.length - 50} more`);
    fail(`mentor-match: invalid input\n${shown.join('\n')}`, 2);
  }
  try {
    const result = matchMentorship(parsed.input);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    if (error instanceof MentorshipInputError) fail(`mentor-match: invalid input: ${error.message}`, 2);
    fail(`mentor-match: internal error: ${(error as Error).message}`, 1);
  }
}

main();
