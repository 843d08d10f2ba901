/**
 * The shape every matching CLI shares: `--input file.json` (or the JSON on stdin) in, the result as JSON out.
 * Exit codes: 0 ok, 2 bad input or usage (a message on stderr listing the problems, never a stack trace), 1 an
 * internal error.
 */

import { readFileSync } from 'node:fs';

export interface JsonCli<Input, Output> {
  /** The npm script's name, which starts every message: `match`, `mentor-match`. */
  name: string;
  usage: string;
  /** The example file name in "no input" messages: `round.json`. */
  inputExample: string;
  /** How many validation problems are listed before "… and N more". */
  problemsShown: number;
  parse(raw: unknown): { ok: true; input: Input } | { ok: false; errors: string[] };
  run(input: Input): Output;
  /** An error `run` throws for input that passed the schema but cannot be matched (exit 2, not 1). */
  isInputError(error: unknown): boolean;
}

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

function readInput(path: string | undefined, example: string): string {
  if (path !== undefined && path !== '-') {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${code ?? 'error'}`);
    }
  }
  if (process.stdin.isTTY) throw new UsageError(`no input: pass --input ${example} or pipe the JSON on stdin`);
  return readFileSync(0, 'utf8');
}

export function runJsonCli<Input, Output>(cli: JsonCli<Input, Output>, argv = process.argv.slice(2)): void {
  let text: string;
  try {
    const args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(`${cli.usage}\n`);
      return;
    }
    text = readInput(args.input, cli.inputExample);
  } catch (error) {
    if (error instanceof UsageError) fail(`${cli.name}: ${error.message}\n\n${cli.usage}`, 2);
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    fail(`${cli.name}: the input is not valid JSON (${(error as Error).message})`, 2);
  }
  const parsed = cli.parse(raw);
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, cli.problemsShown).map((e) => `  - ${e}`);
    if (parsed.errors.length > cli.problemsShown)
      shown.push(`  … and ${parsed.errors.length - cli.problemsShown} more`);
    fail(`${cli.name}: invalid input\n${shown.join('\n')}`, 2);
  }
  try {
    process.stdout.write(`${JSON.stringify(cli.run(parsed.input), null, 2)}\n`);
  } catch (error) {
    if (cli.isInputError(error)) fail(`${cli.name}: invalid input: ${(error as Error).message}`, 2);
    fail(`${cli.name}: internal error: ${(error as Error).message}`, 1);
  }
}
