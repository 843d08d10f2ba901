import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const fixtures = fileURLToPath(new URL('../fixtures/summary-reporter/', import.meta.url));
const vitestCli = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

function summaryLine(...files: string[]): { line: string; status: number | null } {
  const run = spawnSync(process.execPath, [vitestCli, 'run', ...files], {
    cwd: fixtures,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
  const lines = run.stdout.trim().split('\n');
  return { line: lines.at(-1) ?? '', status: run.status };
}

describe('the closing N passed, N failed line', () => {
  test.each([
    ['a failed beforeAll (its tests are reported as skipped)', 'before-all-fails', '1 passed, 1 failed, 2 skipped'],
    ['a failed afterAll', 'after-all-fails', '1 passed, 1 failed'],
    ['an unhandled error', 'unhandled-error', '2 passed, 1 failed'],
    ['a file that fails to load', 'fails-to-load', '0 passed, 1 failed'],
  ])('counts %s as a failure, as vitest does', (_what, file, expected) => {
    const run = summaryLine(file);
    expect(run.line).toBe(expected);
    expect(run.status).not.toBe(0);
  });

  test('adds every failure of a run together', () => {
    expect(summaryLine().line).toBe('4 passed, 4 failed, 2 skipped');
  });
});
