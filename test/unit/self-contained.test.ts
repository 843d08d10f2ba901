import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

// Built from parts so that this file does not find itself.
const outside = ['..', 'shared'].join('/');
const notTheProduct = new Set(['node_modules', '.git', '.nudge', 'test-results', 'coverage', '.ci']);

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (notTheProduct.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

describe('the repository stands alone', () => {
  test(`no code, test, script or doc reaches ${outside}, which nobody who clones the repository has`, () => {
    const root = process.cwd();
    const reaching = [...filesUnder(root)]
      .filter((path) => !/\.(png|jpe?g|gif|ico|woff2?)$/.test(path))
      .filter((path) => readFileSync(path, 'utf8').includes(outside))
      .map((path) => relative(root, path));
    expect(reaching).toEqual([]);
  });
});
