import { spawnSync } from 'node:child_process';

/** Runs a command-line script with Node, as `npm run <script>` would, and returns its exit code and output. */
export function runCli(script: string, args: string[], stdin?: string) {
  const out = spawnSync(process.execPath, [script, ...args], { input: stdin ?? '', encoding: 'utf8', timeout: 20_000 });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}
