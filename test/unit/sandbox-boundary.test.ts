import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';

// The sandbox is a product of its own: everything outside it goes through its entry point, and it stands on
// nothing of the bot's, so either side can change inside without the other noticing.
const root = process.cwd();
const sandbox = join(root, 'src', 'sandbox');
const entryPoints = new Set([join(sandbox, 'index.ts')]);
const codeFolders = ['src', 'jobs', 'test', 'bench', 'scripts'];
const notCode = new Set(['node_modules', 'fixtures']);

function* codeFilesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (notCode.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* codeFilesUnder(path);
    else if (/\.(ts|js|mjs|cjs)$/.test(name)) yield path;
  }
}

/** Static imports and re-exports (also across lines), bare imports and dynamic import() of a literal path. */
const IMPORT =
  /\b(?:import|export)\s[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((match) => match[1] ?? match[2] ?? match[3] ?? '')
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier));
}

const inside = (path: string, folder: string) => path === folder || path.startsWith(`${folder}${sep}`);
const allCode = codeFolders.flatMap((folder) => [...codeFilesUnder(join(root, folder))]);

describe('the sandbox is a self-contained module', () => {
  test('code outside src/sandbox imports it only through src/sandbox/index.ts', () => {
    const reaching = allCode
      .filter((file) => !inside(file, sandbox))
      .flatMap((file) =>
        relativeImports(file)
          .filter((target) => inside(target, sandbox) && !entryPoints.has(target))
          .map((target) => `${relative(root, file)} → ${relative(root, target)}`),
      );
    expect(reaching).toEqual([]);
  });

  test('src/sandbox imports nothing outside itself (the bot, its config, its database)', () => {
    const reaching = allCode
      .filter((file) => inside(file, sandbox))
      .flatMap((file) =>
        relativeImports(file)
          .filter((target) => !inside(target, sandbox))
          .map((target) => `${relative(root, file)} → ${relative(root, target)}`),
      );
    expect(reaching).toEqual([]);
  });

  test('the check sees the imports it guards against', () => {
    // A rule that matches nothing passes vacuously: make sure the scan finds the sandbox's own imports.
    const embedded = relativeImports(join(root, 'src', 'embedded', 'sandbox-mode.ts'));
    expect(embedded).toContain(join(sandbox, 'index.ts'));
    expect(relativeImports(join(sandbox, 'index.ts'))).toContain(join(sandbox, 'start-sandbox.ts'));
  });
});
