import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The dependency rules of docs/architecture.md, checked over the source text: the domain is the only door to the
 * database, and only src/db builds SQL.
 */

interface SourceFile {
  path: string;
  text: string;
  imports: Array<{ target: string; typeOnly: boolean }>;
}

function* tsFilesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = posix.join(dir, name);
    if (statSync(path).isDirectory()) yield* tsFilesUnder(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

// `import … from '…'`, `export … from '…'` and `import('…')`; side-effect imports (`import '…'`) too.
const importStatement = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm;
const dynamicImport = /\bimport\(\s*'([^']+)'\s*\)/g;

function importsOf(path: string, text: string): SourceFile['imports'] {
  const resolve = (specifier: string) =>
    specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(path), specifier)) : specifier;
  const found: SourceFile['imports'] = [];
  for (const m of text.matchAll(importStatement)) {
    const specifier = m[4] ?? m[5]!;
    const clause = m[3] ?? '';
    const names = /^\{([^}]*)\}$/
      .exec(clause.trim())?.[1]
      ?.split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const typeOnly =
      Boolean(m[2]) || (names !== undefined && names.length > 0 && names.every((n) => n.startsWith('type ')));
    found.push({ target: resolve(specifier), typeOnly });
  }
  for (const m of text.matchAll(dynamicImport)) found.push({ target: resolve(m[1]!), typeOnly: false });
  return found;
}

const sources: SourceFile[] = ['src', 'jobs'].flatMap((root) =>
  [...tsFilesUnder(root)].map((path) => {
    const text = readFileSync(path, 'utf8');
    return { path, text, imports: importsOf(path, text) };
  }),
);

const under =
  (...folders: string[]) =>
  (path: string) =>
    folders.some((f) => (f.endsWith('.ts') ? path === f : path === f || path.startsWith(`${f}/`)));

function violations(
  files: (path: string) => boolean,
  forbidden: (target: string) => boolean,
  options: { valuesOnly?: boolean } = {},
): string[] {
  return sources
    .filter((f) => files(f.path))
    .flatMap((f) =>
      f.imports
        .filter((i) => !(options.valuesOnly && i.typeOnly) && forbidden(i.target))
        .map((i) => `${f.path} imports ${i.target}`),
    );
}

const slackSdk = (target: string) => target.startsWith('@slack/');
const edges = under('src/slack', 'src/http', 'jobs', 'src/service.ts', 'src/main.ts');

describe('architecture', () => {
  test('the source files and their imports are read', () => {
    expect(sources.length).toBeGreaterThan(100);
    const domain = sources.find((f) => f.path === 'src/domain/kudos/give-kudos.ts');
    expect(domain?.imports.map((i) => i.target)).toContain('src/db/queries/kudos-giving.ts');
  });

  test('listeners, HTTP handlers, jobs and the entry points reach the database only through src/domain', () => {
    const found = violations(edges, (t) => t === 'kysely' || t.startsWith('src/db/queries/'), { valuesOnly: true });
    expect(found).toEqual([]);
  });

  test('only src/db builds SQL', () => {
    const statement = /\b(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql(<[^`]*>)?`/;
    const found = sources
      .filter((f) => !under('src/db', 'src/sandbox')(f.path))
      .filter((f) => statement.test(f.text))
      .map(
        (f) =>
          `${f.path}: ${f.text
            .split('\n')
            .find((line) => statement.test(line))
            ?.trim()}`,
      );
    expect(found).toEqual([]);
  });

  test('the domain and the matcher know nothing of Slack, queues, jobs or the sandbox', () => {
    const found = violations(
      under('src/domain', 'src/matching'),
      (t) => slackSdk(t) || t === 'bullmq' || t === 'ioredis' || under('src/slack', 'jobs', 'src/sandbox')(t),
    );
    expect(found).toEqual([]);
  });

  test('the matcher is pure: no database', () => {
    expect(violations(under('src/matching'), (t) => t === 'kysely' || under('src/db')(t))).toEqual([]);
  });

  test('only sandbox mode starts the sandbox', () => {
    expect(violations(under('src/slack', 'src/domain', 'jobs'), under('src/sandbox'))).toEqual([]);
  });
});
